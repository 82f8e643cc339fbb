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
