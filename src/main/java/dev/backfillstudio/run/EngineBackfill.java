package dev.backfillstudio.run;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.JobVersion;
import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.job.QueryGuard;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a job's days on a {@link DayEngine}, keeping the same books as {@link Backfill} does for DuckDB:
 * one run, one attempt per day with its rows, fingerprint and the identities of the inputs it read, so
 * status, lineage, the calendar and verify read a Spark workspace as they read any other. Each day is one
 * commit of the engine that names the day (never a dynamic overwrite, which would leave a day whose query
 * now returns no rows as it was); its attempt is recorded after that commit.
 */
public final class EngineBackfill {

    private final Workspace ws;
    private final DayEngine engine;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public EngineBackfill(Workspace ws, DayEngine engine) {
        this.ws = ws;
        this.engine = engine;
    }

    /** Asks the run to stop after the day that runs now. */
    public void cancel() {
        cancelled.set(true);
    }

    public RunSummary run(String jobName, DaySet days, RunListener listener, boolean failFast) {
        return run(jobName, days, listener, RunOptions.failFast(failFast));
    }

    /** Runs the days as the options say: stop at the first failure, and the limit on how much a rerun may change a day. */
    public RunSummary run(String jobName, DaySet days, RunListener listener, RunOptions options) {
        boolean failFast = options.failFast();
        ws.requireWritable();
        if (days.isEmpty()) {
            throw BackfillException.badInput("No days to run for job " + jobName + ".");
        }
        RunListener l = listener == null ? RunListener.NONE : listener;
        JobStore store = new JobStore(ws);
        Job job = store.get(jobName);
        JobVersion version = store.version(jobName, job.currentVersion());
        List<LocalDate> list = days.asList();
        try (JobLock lock = JobLock.take(ws.file(), jobName)) {
            Db db = ws.db();
            QueryGuard.requireSafeQuery(db, version.sql());
            LocalDate first = list.get(0);
            LocalDate last = list.get(list.size() - 1);
            // the workspace keeps the target's columns (no rows) so lint, lineage and downstream jobs can bind to it
            db.inTransaction(d -> {
                TargetTable.prepare(d, job.name(), version.version(), job.target(), version.sql(), first);
                return null;
            });
            JobInputs.Days inputs = JobInputs.of(db, version.sql(), job.target()).over(first, last);
            Map<LocalDate, Fingerprint> previous = new HashMap<>();
            for (Object[] p : db.query("SELECT day, rows, fingerprint FROM bfs.partitions WHERE job = ? AND day BETWEEN ? AND ?"
                    + " AND fingerprint IS NOT NULL", rs -> new Object[] {rs.getObject(1, LocalDate.class),
                        new Fingerprint(rs.getLong(2), rs.getString(3))}, job.name(), first, last)) {
                previous.put((LocalDate) p[0], (Fingerprint) p[1]);
            }
            long runId = db.queryLong("SELECT nextval('bfs.run_ids')");
            db.update("INSERT INTO bfs.runs (run_id, job, version, days, started_at, outcome) VALUES (?, ?, ?, ?, ?, 'RUNNING')",
                    runId, job.name(), version.version(), days.toString(), LocalDateTime.now());
            long started = System.nanoTime();
            l.runStarted(runId, list);
            List<DayOutcome> outcomes = new ArrayList<>();
            RunOutcome outcome = RunOutcome.SUCCEEDED;
            try {
                for (LocalDate day : list) {
                    if (cancelled.get()) {
                        outcome = RunOutcome.CANCELLED;
                        break;
                    }
                    l.dayStarted(day, Progress.of(outcomes.size(), list.size(), day, Duration.ofNanos(System.nanoTime() - started)));
                    DayOutcome done = runDay(db, runId, job, version, inputs, day, Optional.ofNullable(previous.get(day)), options);
                    outcomes.add(done);
                    l.dayFinished(done, Progress.of(outcomes.size(), list.size(), day, Duration.ofNanos(System.nanoTime() - started)));
                    if (done.status() == DayStatus.BLOCKED) {
                        outcome = RunOutcome.FAILED;
                    }
                    if (done.status() == DayStatus.FAILED) {
                        outcome = RunOutcome.FAILED;
                        if (failFast) {
                            break;
                        }
                    }
                }
            } finally {
                db.update("UPDATE bfs.runs SET outcome = ?, ended_at = ? WHERE run_id = ?", outcome.name(), LocalDateTime.now(), runId);
            }
            RunSummary summary = new RunSummary(runId, job.name(), version.version(), outcome, List.copyOf(outcomes));
            l.runFinished(summary);
            return summary;
        } catch (SQLException e) {
            throw BackfillException.failed("The run of job " + jobName + " failed: " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    private DayOutcome runDay(Db db, long runId, Job job, JobVersion version, JobInputs.Days inputs, LocalDate day,
            Optional<Fingerprint> stored, RunOptions options) throws SQLException {
        long t0 = System.nanoTime();
        LocalDateTime startedAt = LocalDateTime.now();
        Long before = stored.map(Fingerprint::rows).orElse(null);
        Optional<String> error = inputs.missing(day);
        Fingerprint written = null;
        long[] change = null;
        if (error.isEmpty()) {
            try {
                String daySql = EngineSql.forDay(db, version.sql(), day);
                if (options.maxChangePercent().isPresent() && before != null && before > 0) {
                    // the change limit needs the change before the commit: one comparison on the engine first
                    change = engine.changes(job.target(), day, daySql);
                    if (options.blocks(before, change[0], change[1])) {
                        return blocked(db, runId, job, version, day, before, change, options, startedAt, t0);
                    }
                }
                String was = before != null && before > 0 && change == null ? engine.commitOf(job.target()) : null;
                written = engine.writeDay(job.target(), day, daySql);
                if (written.equals(stored.orElse(null))) {
                    change = new long[] {0, 0};
                } else if (was != null) {
                    // +added -removed as on DuckDB: the day as written against the day as the previous commit held it
                    change = engine.changesSince(job.target(), day, was);
                }
            } catch (BackfillException e) {
                error = Optional.of(e.getMessage());
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (error.isPresent()) {
            db.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, previous_rows, error, started_at, duration_ms)"
                    + " VALUES (?, ?, ?, ?, 'FAILED', ?, ?, ?, ?)", runId, job.name(), day, version.version(), before, error.get(),
                    startedAt, millis);
            return new DayOutcome(day, DayStatus.FAILED, 0, Optional.empty(), Duration.ofNanos(System.nanoTime() - t0), error,
                    Optional.ofNullable(before), Optional.empty(), Optional.empty());
        }
        long previous = before == null ? 0 : before;
        // a day that was empty gained all its rows
        Long added = change != null ? Long.valueOf(change[0]) : previous == 0 ? Long.valueOf(written.rows()) : null;
        Long removed = change != null ? Long.valueOf(change[1]) : previous == 0 ? Long.valueOf(0) : null;
        String commit = engine.commitOf(job.target());
        Fingerprint w = written;
        db.inTransaction(d -> {
            d.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, rows, fingerprint, previous_rows, added, removed,"
                    + " started_at, duration_ms, inputs) VALUES (?, ?, ?, ?, 'SUCCEEDED', ?, ?, ?, ?, ?, ?, ?, ?)", runId, job.name(), day,
                    version.version(), w.rows(), w.hash(), previous, added, removed, startedAt, millis, inputs.encoded(day));
            d.update("INSERT INTO bfs.engine_commits (job, day, attempt, commit_id) VALUES (?, ?, ?, ?)", job.name(), day, runId, commit);
            return null;
        });
        return new DayOutcome(day, DayStatus.SUCCEEDED, written.rows(), Optional.of(written.hash()),
                Duration.ofNanos(System.nanoTime() - t0), Optional.empty(), Optional.of(previous), Optional.ofNullable(added),
                Optional.ofNullable(removed));
    }

    /** A day the change limit refused: it keeps its rows; the attempt records the change it would have made. */
    private DayOutcome blocked(Db db, long runId, Job job, JobVersion version, LocalDate day, long stored, long[] change,
            RunOptions options, LocalDateTime startedAt, long t0) throws SQLException {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        String why = String.format("Blocked: the rerun would add %d and remove %d of the %d rows of %s, more than the"
                + " %s %% limit; the day keeps its rows.", change[0], change[1], stored, day,
                RunOptions.percent(options.maxChangePercent().orElse(0)));
        db.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, previous_rows, added, removed, error, started_at,"
                + " duration_ms) VALUES (?, ?, ?, ?, 'BLOCKED', ?, ?, ?, ?, ?, ?)", runId, job.name(), day, version.version(), stored,
                change[0], change[1], why, startedAt, millis);
        return new DayOutcome(day, DayStatus.BLOCKED, stored, Optional.empty(), Duration.ofNanos(System.nanoTime() - t0),
                Optional.of(why), Optional.of(stored), Optional.of(change[0]), Optional.of(change[1]));
    }
}
