package dev.backfillstudio.run;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Undo and restore on a workspace whose job outputs live in another engine. Nothing is copied aside
 * when a day is replaced: the engine's table history (Iceberg snapshots) holds every attempt's rows, and
 * each attempt records the commit that holds them ({@code bfs.engine_commits}). Putting a day back is one
 * commit naming the day, its rows read as of that commit; it is recorded as an attempt of an UNDO or
 * RESTORE run with the version, lineage and fingerprint of the attempt it put back, as on DuckDB.
 */
public final class EngineRestorer {

    private static final String SELECT = "SELECT a.run_id, a.day, a.version, a.outcome, coalesce(a.rows, 0), a.fingerprint, a.inputs,"
            + " c.commit_id FROM bfs.attempts a LEFT JOIN bfs.engine_commits c ON c.job = a.job AND c.day = a.day AND c.attempt = a.run_id";

    /** An attempt that left a day holding rows (SUCCEEDED) or none (CLEARED), with the engine commit holding them. */
    private record Held(long runId, LocalDate day, int version, String outcome, long rows, String fingerprint, String inputs,
            String commit) {
        boolean cleared() {
            return outcome.equals("CLEARED");
        }

        boolean sameAs(Held other) {
            return other != null && outcome.equals(other.outcome) && version == other.version
                    && Objects.equals(fingerprint, other.fingerprint) && rows == other.rows;
        }
    }

    private final Workspace ws;
    private final DayEngine engine;

    public EngineRestorer(Workspace ws, DayEngine engine) {
        this.ws = ws;
        this.engine = engine;
    }

    /** Puts every day run {@code runId} changed back to what it held before that run, day by day. */
    public RunSummary undo(long runId, RunListener listener) {
        ws.requireWritable();
        Db db = ws.db();
        try {
            String jobName = db.queryOne("SELECT job FROM bfs.runs WHERE run_id = ?", rs -> rs.getString(1), runId)
                    .orElseThrow(() -> BackfillException.badInput("There is no run " + runId + " in " + ws.file()
                            + "; `runs --db " + ws.file() + "` lists them."));
            Job job = new JobStore(ws).get(jobName);
            List<Held> made = db.query(SELECT + " WHERE a.run_id = ? AND a.job = ? AND a.outcome IN ('SUCCEEDED', 'CLEARED')"
                    + " ORDER BY a.day", EngineRestorer::held, runId, jobName);
            List<Step> steps = new ArrayList<>();
            for (Held m : made) {
                Optional<Held> was = db.queryOne(SELECT + " WHERE a.job = ? AND a.day = ? AND a.run_id < ?"
                        + " AND a.outcome IN ('SUCCEEDED', 'CLEARED') ORDER BY a.run_id DESC LIMIT 1", EngineRestorer::held,
                        jobName, m.day(), runId).filter(w -> !w.cleared());
                Optional<Held> now = heldNow(db, jobName, m.day());
                if (was.isEmpty() ? now.isEmpty() : was.get().sameAs(now.orElse(null))) {
                    continue; // the day holds what it held before the run already
                }
                steps.add(new Step(m.day(), was, m.version()));
            }
            return execute(job, RunKind.UNDO, runId, steps, listener);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot undo run " + runId + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** Puts the rows of attempt {@code attempt} back into day {@code day} of job {@code jobName}. */
    public RunSummary restore(String jobName, LocalDate day, long attempt, RunListener listener) {
        ws.requireWritable();
        Job job = new JobStore(ws).get(jobName);
        Db db = ws.db();
        try {
            Held source = db.queryOne(SELECT + " WHERE a.job = ? AND a.day = ? AND a.run_id = ?", EngineRestorer::held, jobName, day,
                    attempt).orElseThrow(() -> BackfillException.badInput("Job " + jobName + " has no attempt " + attempt + " on " + day
                            + "; `attempts --job " + jobName + " --day " + day + "` lists them."));
            if (!source.outcome().equals("SUCCEEDED") && !source.cleared()) {
                throw BackfillException.badInput("Attempt " + attempt + " of job " + jobName + " on " + day + " wrote no rows;"
                        + " restore an attempt that succeeded.");
            }
            Optional<Held> now = heldNow(db, jobName, day);
            if (source.cleared() ? now.isEmpty() : source.sameAs(now.orElse(null))) {
                return new RunSummary(0, jobName, job.currentVersion(), RunOutcome.SUCCEEDED, List.of());
            }
            return execute(job, RunKind.RESTORE, null, List.of(new Step(day, source.cleared() ? Optional.empty()
                    : Optional.of(source), source.version())), listener);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot restore attempt " + attempt + " of job " + jobName + " on " + day + ": "
                    + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** One day to put back: to the rows of {@code source}, or to no rows (then {@code version} labels the cleared day). */
    private record Step(LocalDate day, Optional<Held> source, int version) {
    }

    private RunSummary execute(Job job, RunKind kind, Long undoes, List<Step> steps, RunListener listener) throws SQLException {
        RunListener l = listener == null ? RunListener.NONE : listener;
        if (steps.isEmpty()) {
            return new RunSummary(0, job.name(), job.currentVersion(), RunOutcome.SUCCEEDED, List.of());
        }
        List<LocalDate> unknown = steps.stream().filter(s -> s.source().isPresent() && s.source().get().commit() == null)
                .map(Step::day).toList();
        if (!unknown.isEmpty()) {
            throw BackfillException.badInput("The rows " + DaySet.of(unknown) + " of job " + job.name() + " held then cannot be found"
                    + " in " + engine.describe() + ": their attempts recorded no commit of " + job.target() + ".");
        }
        Db db = ws.db();
        try (JobLock lock = JobLock.take(ws.file(), job.name())) {
            List<LocalDate> days = steps.stream().map(Step::day).toList();
            long runId = db.queryLong("SELECT nextval('bfs.run_ids')");
            db.update("INSERT INTO bfs.runs (run_id, job, version, days, started_at, outcome, kind, undoes)"
                    + " VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?)", runId, job.name(), job.currentVersion(), DaySet.of(days).toString(),
                    LocalDateTime.now(), kind.name(), undoes);
            long started = System.nanoTime();
            l.runStarted(runId, days);
            List<DayOutcome> outcomes = new ArrayList<>();
            RunOutcome outcome = RunOutcome.FAILED;
            try {
                for (Step step : steps) {
                    l.dayStarted(step.day(), Progress.of(outcomes.size(), days.size(), step.day(), Duration.ofNanos(System.nanoTime() - started)));
                    DayOutcome done = putBack(db, job, runId, step);
                    outcomes.add(done);
                    l.dayFinished(done, Progress.of(outcomes.size(), days.size(), step.day(), Duration.ofNanos(System.nanoTime() - started)));
                }
                outcome = RunOutcome.SUCCEEDED;
            } finally {
                db.update("UPDATE bfs.runs SET outcome = ?, ended_at = ? WHERE run_id = ?", outcome.name(), LocalDateTime.now(), runId);
            }
            RunSummary summary = new RunSummary(runId, job.name(), job.currentVersion(), outcome, List.copyOf(outcomes));
            l.runFinished(summary);
            return summary;
        }
    }

    private DayOutcome putBack(Db db, Job job, long runId, Step step) throws SQLException {
        long t0 = System.nanoTime();
        LocalDateTime startedAt = LocalDateTime.now();
        long before = heldNow(db, job.name(), step.day()).map(Held::rows).orElse(0L);
        Fingerprint rows = engine.restoreDay(job.target(), step.day(), step.source().map(Held::commit));
        String commit = engine.commitOf(job.target());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Optional<Held> src = step.source();
        db.inTransaction(d -> {
            d.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, rows, fingerprint, previous_rows, started_at,"
                    + " duration_ms, inputs, restored_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", runId, job.name(), step.day(),
                    src.map(Held::version).orElse(step.version()), src.isPresent() ? "SUCCEEDED" : "CLEARED", rows.rows(), src.isPresent() ? rows.hash() : null, before,
                    startedAt, millis, src.map(Held::inputs).orElse(null), src.map(Held::runId).orElse(null));
            d.update("INSERT INTO bfs.engine_commits (job, day, attempt, commit_id) VALUES (?, ?, ?, ?)", job.name(), step.day(), runId,
                    commit);
            return null;
        });
        return new DayOutcome(step.day(), DayStatus.SUCCEEDED, rows.rows(), src.map(s -> rows.hash()),
                Duration.ofNanos(System.nanoTime() - t0), Optional.empty(), Optional.of(before), Optional.empty(), Optional.empty());
    }

    private static Optional<Held> heldNow(Db db, String job, LocalDate day) throws SQLException {
        return db.queryOne(SELECT + " WHERE a.job = ? AND a.day = ? AND a.outcome IN ('SUCCEEDED', 'CLEARED') ORDER BY a.run_id DESC"
                + " LIMIT 1", EngineRestorer::held, job, day).filter(h -> !h.cleared());
    }

    private static Held held(java.sql.ResultSet rs) throws SQLException {
        return new Held(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8));
    }
}
