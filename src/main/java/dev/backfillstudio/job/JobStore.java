package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Jobs and their immutable, numbered SQL versions, kept in the workspace metadata. */
public final class JobStore {

    /** What a save did: the job as it now is, its current version, and whether that version is new. */
    public record SaveResult(Job job, JobVersion version, boolean createdNewVersion) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,62}");

    private final Workspace ws;

    public JobStore(Workspace ws) {
        this.ws = ws;
    }

    /** Creates the job, or version N+1 when the SQL differs from the current version; identical SQL changes nothing. */
    public SaveResult save(String name, String target, String sql) {
        ws.requireWritable();
        requireValidName(name);
        TableCatalog.requireValidName(target);
        if (sql == null || sql.isBlank()) {
            throw BackfillException.badInput("The SQL of job " + name + " is empty.");
        }
        String text = normalise(sql);
        String hash = hash(text);
        Db db = ws.db();
        try {
            Optional<Job> existing = find(name);
            if (existing.isPresent() && !existing.get().target().equalsIgnoreCase(target)) {
                throw BackfillException.badInput("Job " + name + " writes to " + existing.get().target()
                        + "; to write to " + target + ", save a job with a new name.");
            }
            Optional<String> otherJob = db.queryOne("SELECT name FROM bfs.jobs WHERE lower(target) = lower(?) AND name <> ?",
                    rs -> rs.getString(1), target, name);
            if (otherJob.isPresent()) {
                throw BackfillException.badInput("Table " + target + " is already the target of job " + otherJob.get()
                        + "; give job " + name + " a target of its own.");
            }
            if (existing.isEmpty()) {
                Optional<TableKind> kind = TableCatalog.kindOf(db, target);
                if (kind.isPresent()) {
                    throw BackfillException.badInput("Table " + target + " already exists (" + kind.get().label()
                            + " table); a job writes to a table of its own, so choose a new target name.");
                }
            } else {
                JobVersion current = version(name, existing.get().currentVersion());
                if (current.hash().equals(hash)) {
                    return new SaveResult(existing.get(), current, false);
                }
            }
            QueryCheck.requireRunnable(db, name, text, LocalDate.now());
            JobGraph.requireNoCycle(db, name, target, text);
            int next = existing.map(j -> j.currentVersion() + 1).orElse(1);
            db.inTransaction(d -> {
                if (existing.isEmpty()) {
                    d.update("INSERT INTO bfs.jobs (name, target, current_version) VALUES (?, ?, ?)", name, target, next);
                } else {
                    d.update("UPDATE bfs.jobs SET current_version = ? WHERE name = ?", next, name);
                }
                d.update("INSERT INTO bfs.job_versions (job, version, sql, hash) VALUES (?, ?, ?, ?)", name, next, text, hash);
                return null;
            });
            return new SaveResult(get(name), version(name, next), true);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot save job " + name + ": " + QueryCheck.firstLine(e.getMessage()), e);
        }
    }

    /** Refuses a name that is not letters, digits, _ and -, starting with a letter or underscore. */
    public static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw BackfillException.badInput("\"" + name + "\" is not a valid job name: use letters, digits, _ and -,"
                    + " starting with a letter or underscore.");
        }
    }

    public List<Job> list() {
        try {
            return ws.db().query("SELECT name, target, current_version FROM bfs.jobs ORDER BY name", JobStore::job);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot list the jobs: " + QueryCheck.firstLine(e.getMessage()), e);
        }
    }

    public Optional<Job> find(String name) {
        try {
            return ws.db().queryOne("SELECT name, target, current_version FROM bfs.jobs WHERE name = ?", JobStore::job, name);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read job " + name + ": " + QueryCheck.firstLine(e.getMessage()), e);
        }
    }

    public Job get(String name) {
        return find(name).orElseThrow(() -> BackfillException.badInput("No job named " + name + "."));
    }

    /** Every version of the job, oldest first. */
    public List<JobVersion> versions(String job) {
        get(job);
        try {
            return ws.db().query("SELECT job, version, sql, hash, created_at FROM bfs.job_versions WHERE job = ? ORDER BY version",
                    JobStore::jobVersion, job);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the versions of job " + job + ": " + QueryCheck.firstLine(e.getMessage()), e);
        }
    }

    public JobVersion version(String job, int version) {
        try {
            return ws.db().queryOne("SELECT job, version, sql, hash, created_at FROM bfs.job_versions WHERE job = ? AND version = ?",
                    JobStore::jobVersion, job, version)
                    .orElseThrow(() -> {
                        get(job);
                        return BackfillException.badInput("Job " + job + " has no version " + version + ".");
                    });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read job " + job + ": " + QueryCheck.firstLine(e.getMessage()), e);
        }
    }

    /** Line endings and trailing blanks do not make a new version. */
    static String normalise(String sql) {
        return sql.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Job job(java.sql.ResultSet rs) throws SQLException {
        return new Job(rs.getString(1), rs.getString(2), rs.getInt(3));
    }

    private static JobVersion jobVersion(java.sql.ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp(5);
        return new JobVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), created.toInstant());
    }
}
