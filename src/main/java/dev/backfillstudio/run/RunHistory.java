package dev.backfillstudio.run;

import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Every run of a job and every attempt at a day, newest first. */
public final class RunHistory {

    /**
     * One run: a backfill, an undo (naming the run it undid) or a restore; the version current when it ran,
     * the days asked for, when, how it ended, and how many days it changed.
     */
    public record RunRecord(long runId, String job, int version, String days, Instant started, Optional<Instant> ended,
            RunOutcome outcome, RunKind kind, Optional<Long> undoes, long changedDays) {
    }

    /** Where the rows of an attempt are now: whether a restore can put them back. */
    public enum Rows {
        /** The day holds them now. */
        HELD,
        /** In the kept rows. */
        KEPT,
        /** It wrote no rows (or cleared the day): a restore needs nothing kept. */
        EMPTY,
        /** Replaced and no longer kept. */
        PRUNED,
        /** A failed or blocked attempt: nothing to restore. */
        NONE
    }

    /**
     * One attempt at one day, identified by its run id. {@code outcome} is SUCCEEDED, FAILED, BLOCKED, or
     * MISSING for an undo that left the day without output as it was before; {@code restoredFrom} names the
     * attempt whose rows an undo or restore put back.
     */
    public record Attempt(long runId, LocalDate day, int version, DayStatus outcome, Optional<Long> rows,
            Optional<String> fingerprint, Optional<Long> previousRows, Optional<Long> added, Optional<Long> removed,
            Optional<String> error, Instant started, Duration duration, RunKind kind, Optional<Long> restoredFrom, Rows kept) {

        /** Whether {@link Restorer#restore} can put this attempt's rows back (and they are not held already). */
        public boolean restorable() {
            return kept == Rows.KEPT || kept == Rows.EMPTY;
        }
    }

    private final Db db;

    public RunHistory(Workspace ws) {
        this.db = ws.db();
    }

    public List<RunRecord> runs(String job) {
        return runs(Optional.of(job));
    }

    /** The runs of one job, or of every job, newest first. */
    public List<RunRecord> runs(Optional<String> job) {
        try {
            return db.query("SELECT r.run_id, r.job, r.version, r.days, r.started_at, r.ended_at, r.outcome, coalesce(r.kind, 'RUN'),"
                    + " r.undoes, (SELECT count(*) FROM bfs.attempts a WHERE a.run_id = r.run_id AND a.outcome IN ('SUCCEEDED', 'CLEARED')"
                    + " AND (coalesce(a.added, 0) + coalesce(a.removed, 0) > 0 OR a.restored_from IS NOT NULL))"
                    + " FROM bfs.runs r WHERE ? IS NULL OR r.job = ? ORDER BY r.started_at DESC, r.run_id DESC",
                    rs -> new RunRecord(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), Optional.ofNullable(rs.getTimestamp(6)).map(Timestamp::toInstant),
                            RunOutcome.valueOf(rs.getString(7)), RunKind.valueOf(rs.getString(8)), optLong(rs, 9), rs.getLong(10)),
                    job.orElse(null), job.orElse(null));
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the runs" + job.map(j -> " of job " + j).orElse("") + ": "
                    + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** One run, if the workspace has it. */
    public Optional<RunRecord> run(long runId) {
        return runs(Optional.empty()).stream().filter(r -> r.runId() == runId).findFirst();
    }

    public List<Attempt> attempts(String job, LocalDate day) {
        try {
            Map<Long, String> kept = KeptRows.keptSets(db, job, day);
            Optional<Object[]> held = db.queryOne("SELECT rows, fingerprint FROM bfs.partitions WHERE job = ? AND day = ?",
                    rs -> new Object[] {rs.getObject(1, Long.class), rs.getString(2)}, job, day);
            List<Attempt> out = new ArrayList<>();
            for (Object[] r : db.query("SELECT a.run_id, a.day, a.version, a.outcome, a.rows, a.fingerprint, a.previous_rows, a.added,"
                    + " a.removed, a.error, a.started_at, a.duration_ms, coalesce(r.kind, 'RUN'), a.restored_from"
                    + " FROM bfs.attempts a LEFT JOIN bfs.runs r ON r.run_id = a.run_id WHERE a.job = ? AND a.day = ?"
                    + " ORDER BY a.started_at DESC, a.run_id DESC", rs -> new Object[] {rs.getString(4), attempt(rs)}, job, day)) {
                Attempt a = (Attempt) r[1];
                out.add(withRows(a, (String) r[0], kept, held.orElse(null)));
            }
            return out;
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the attempts of job " + job + " on " + day + ": "
                    + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    private static Attempt withRows(Attempt a, String outcome, Map<Long, String> kept, Object[] held) {
        Rows where;
        if (!outcome.equals("SUCCEEDED") && !outcome.equals("CLEARED")) {
            where = Rows.NONE;
        } else {
            long rows = a.rows().orElse(0L);
            boolean heldNow = held == null || held[0] == null ? rows == 0 && outcome.equals("CLEARED")
                    : Objects.equals(held[0], rows) && Objects.equals(held[1], a.fingerprint().orElse(null));
            if (heldNow) {
                where = Rows.HELD;
            } else if (rows == 0 || outcome.equals("CLEARED")) {
                where = Rows.EMPTY;
            } else if (kept.containsKey(a.runId()) || kept.containsValue(a.fingerprint().orElse(null))) {
                where = Rows.KEPT;
            } else {
                where = Rows.PRUNED;
            }
        }
        return new Attempt(a.runId(), a.day(), a.version(), a.outcome(), a.rows(), a.fingerprint(), a.previousRows(), a.added(),
                a.removed(), a.error(), a.started(), a.duration(), a.kind(), a.restoredFrom(), where);
    }

    /** The last attempt of every day in the range that has one, for the calendar's tooltips. */
    public java.util.Map<LocalDate, Attempt> lastAttempts(String job, LocalDate from, LocalDate to) {
        try {
            java.util.Map<LocalDate, Attempt> out = new java.util.HashMap<>();
            for (Attempt a : db.query("SELECT a.run_id, a.day, a.version, a.outcome, a.rows, a.fingerprint, a.previous_rows, a.added,"
                    + " a.removed, a.error, a.started_at, a.duration_ms, coalesce(r.kind, 'RUN'), a.restored_from"
                    + " FROM bfs.attempts a LEFT JOIN bfs.runs r ON r.run_id = a.run_id WHERE a.job = ? AND a.day BETWEEN ? AND ?"
                    + " QUALIFY row_number() OVER (PARTITION BY a.day ORDER BY a.started_at DESC, a.run_id DESC) = 1",
                    RunHistory::attempt, job, from, to)) {
                out.put(a.day(), a);
            }
            return out;
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the attempts of job " + job + " from " + from + " to " + to + ": "
                    + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /**
     * When each job was last active: its newest attempt or saved version, whichever is later, with the
     * day of its newest attempt (empty when it never ran). Newest first.
     */
    public List<Activity> activity() {
        try {
            return db.query("SELECT j.name, greatest(a.attempted_at, v.saved_at) AS active_at, a.day FROM bfs.jobs j"
                    + " LEFT JOIN (SELECT job, max(created_at) AS saved_at FROM bfs.job_versions GROUP BY job) v ON v.job = j.name"
                    + " LEFT JOIN (SELECT job, started_at AS attempted_at, day FROM bfs.attempts"
                    + "   QUALIFY row_number() OVER (PARTITION BY job ORDER BY started_at DESC, run_id DESC) = 1) a ON a.job = j.name"
                    + " ORDER BY active_at DESC NULLS LAST, j.name",
                    rs -> new Activity(rs.getString(1), Optional.ofNullable(rs.getTimestamp(2)).map(Timestamp::toInstant)
                            .orElse(Instant.EPOCH), Optional.ofNullable(rs.getObject(3, LocalDate.class))));
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the jobs' activity: " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** A job's latest activity and the day its newest attempt was for. */
    public record Activity(String job, Instant at, Optional<LocalDate> lastDay) {
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        String outcome = rs.getString(4);
        return new Attempt(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                outcome.equals("CLEARED") ? DayStatus.MISSING : DayStatus.valueOf(outcome),
                optLong(rs, 5), Optional.ofNullable(rs.getString(6)), optLong(rs, 7), optLong(rs, 8), optLong(rs, 9),
                Optional.ofNullable(rs.getString(10)), rs.getTimestamp(11).toInstant(), Duration.ofMillis(rs.getLong(12)),
                RunKind.valueOf(rs.getString(13)), optLong(rs, 14), Rows.NONE);
    }

    private static Optional<Long> optLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
