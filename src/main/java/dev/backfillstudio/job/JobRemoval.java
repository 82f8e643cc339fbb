package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.LiveRuns;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.util.List;

/**
 * Renaming and deleting a job. Either is one transaction over every metadata table that names the
 * job (found in the catalog, so tables added by later migrations follow without a change here).
 * The output table keeps its name on a rename, and stays on a delete unless it is dropped too.
 */
public final class JobRemoval {

    /** What deleting a job removes: its versions, runs and attempts, and its output table if asked. */
    public record Impact(Job job, int versions, long runs, long attempts, boolean outputExists, long outputRows) {

        /** "job J: its 2 versions, 5 runs and 61 day attempts", the records a delete removes. */
        public String records() {
            return String.format("job %s: its %d %s, %,d %s and %,d day %s", job.name(), versions,
                    versions == 1 ? "version" : "versions", runs, runs == 1 ? "run" : "runs", attempts,
                    attempts == 1 ? "attempt" : "attempts");
        }

        /** "item_out (1,234 rows)", or empty when the job never wrote its table. */
        public java.util.Optional<String> output() {
            return outputExists ? java.util.Optional.of(String.format("%s (%,d %s)", job.target(), outputRows,
                    outputRows == 1 ? "row" : "rows")) : java.util.Optional.empty();
        }
    }

    private final Workspace ws;
    private final JobStore jobs;

    public JobRemoval(Workspace ws) {
        this.ws = ws;
        this.jobs = new JobStore(ws);
    }

    /** What {@link #delete} would remove, for a confirmation before it. */
    public Impact impact(String name) {
        Job job = jobs.get(name);
        Db db = ws.db();
        try {
            int versions = (int) db.queryLong("SELECT count(*) FROM bfs.job_versions WHERE job = ?", name);
            long runs = db.queryLong("SELECT count(*) FROM bfs.runs WHERE job = ?", name);
            long attempts = db.queryLong("SELECT count(*) FROM bfs.attempts WHERE job = ?", name);
            boolean exists = TableCatalog.exists(db, job.target());
            long rows = exists ? db.queryLong("SELECT count(*) FROM " + Db.ident(job.target())) : 0;
            return new Impact(job, versions, runs, attempts, exists, rows);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read what job " + name + " holds: " + QueryCheck.firstLine(e.getMessage()), e);
        }
    }

    /** Gives the job a new name; its versions, runs and attempts follow. Its output table keeps its name. */
    public Job rename(String name, String to) {
        ws.requireWritable();
        Job job = jobs.get(name);
        JobStore.requireValidName(to);
        if (jobs.find(to).isPresent()) {
            throw BackfillException.badInput("There is already a job named " + to + "; choose another name.");
        }
        requireNotRunning(name);
        try {
            List<String> tables = tablesNamingJobs();
            ws.db().inTransaction(d -> {
                d.update("UPDATE bfs.jobs SET name = ? WHERE name = ?", to, name);
                for (String t : tables) {
                    d.update("UPDATE bfs." + Db.ident(t) + " SET job = ? WHERE job = ?", to, name);
                }
                return null;
            });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot rename job " + name + " to " + to + ": " + QueryCheck.firstLine(e.getMessage()), e);
        }
        return new Job(to, job.target(), job.currentVersion());
    }

    /** Removes the job and everything recorded about it; drops its output table too when asked. */
    public Impact delete(String name, boolean dropOutput) {
        ws.requireWritable();
        Impact impact = impact(name);
        requireNotRunning(name);
        try {
            List<String> tables = tablesNamingJobs();
            ws.db().inTransaction(d -> {
                for (String t : tables) {
                    d.update("DELETE FROM bfs." + Db.ident(t) + " WHERE job = ?", name);
                }
                d.update("DELETE FROM bfs.jobs WHERE name = ?", name);
                if (dropOutput && impact.outputExists()) {
                    d.update("DELETE FROM bfs.tables WHERE name = ?", impact.job().target());
                    d.execute("DROP TABLE " + Db.ident(impact.job().target()));
                }
                return null;
            });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot delete job " + name + ": " + QueryCheck.firstLine(e.getMessage()), e);
        }
        return impact;
    }

    /** The metadata tables (not views) with a column naming a job. */
    private List<String> tablesNamingJobs() throws SQLException {
        return ws.db().query("SELECT c.table_name FROM information_schema.columns c"
                + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE c.table_schema = 'bfs' AND c.column_name = 'job' AND t.table_type = 'BASE TABLE'"
                + " ORDER BY c.table_name", rs -> rs.getString(1));
    }

    private void requireNotRunning(String name) {
        try {
            for (long run : ws.db().query("SELECT run_id FROM bfs.runs WHERE job = ? AND outcome = 'RUNNING'",
                    rs -> rs.getLong(1), name)) {
                if (LiveRuns.isLive(ws.file(), run)) {
                    throw BackfillException.badInput("Job " + name + " is running (run " + run
                            + "); cancel the run or wait for it to end, then try again.");
                }
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the runs of job " + name + ": " + QueryCheck.firstLine(e.getMessage()), e);
        }
    }
}
