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
import java.util.List;
import java.util.Optional;

/** Every run of a job and every attempt at a day, newest first. */
public final class RunHistory {

    /** One backfill: the version it used, the days asked for, when, and how it ended. */
    public record RunRecord(long runId, String job, int version, String days, Instant started, Optional<Instant> ended,
            RunOutcome outcome) {
    }

    /** One attempt at one day within a run. */
    public record Attempt(long runId, LocalDate day, int version, DayStatus outcome, Optional<Long> rows,
            Optional<String> fingerprint, Optional<Long> previousRows, Optional<Long> added, Optional<Long> removed,
            Optional<String> error, Instant started, Duration duration) {
    }

    private final Db db;

    public RunHistory(Workspace ws) {
        this.db = ws.db();
    }

    public List<RunRecord> runs(String job) {
        try {
            return db.query("SELECT run_id, job, version, days, started_at, ended_at, outcome FROM bfs.runs WHERE job = ?"
                    + " ORDER BY started_at DESC, run_id DESC", rs -> new RunRecord(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), Optional.ofNullable(rs.getTimestamp(6)).map(Timestamp::toInstant),
                            RunOutcome.valueOf(rs.getString(7))), job);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the runs of job " + job + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    public List<Attempt> attempts(String job, LocalDate day) {
        try {
            return db.query("SELECT run_id, day, version, outcome, rows, fingerprint, previous_rows, added, removed, error,"
                    + " started_at, duration_ms FROM bfs.attempts WHERE job = ? AND day = ? ORDER BY started_at DESC, run_id DESC",
                    RunHistory::attempt, job, day);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the attempts of job " + job + " on " + day + ": "
                    + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** The last attempt of every day in the range that has one, for the calendar's tooltips. */
    public java.util.Map<LocalDate, Attempt> lastAttempts(String job, LocalDate from, LocalDate to) {
        try {
            java.util.Map<LocalDate, Attempt> out = new java.util.HashMap<>();
            for (Attempt a : db.query("SELECT run_id, day, version, outcome, rows, fingerprint, previous_rows, added, removed,"
                    + " error, started_at, duration_ms FROM bfs.attempts WHERE job = ? AND day BETWEEN ? AND ?"
                    + " QUALIFY row_number() OVER (PARTITION BY day ORDER BY started_at DESC, run_id DESC) = 1",
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
        return new Attempt(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getInt(3), DayStatus.valueOf(rs.getString(4)),
                optLong(rs, 5), Optional.ofNullable(rs.getString(6)), optLong(rs, 7), optLong(rs, 8), optLong(rs, 9),
                Optional.ofNullable(rs.getString(10)), rs.getTimestamp(11).toInstant(), Duration.ofMillis(rs.getLong(12)));
    }

    private static Optional<Long> optLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
