package dev.backfillstudio.export;

import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Builds job outputs as the backfill engine leaves them: a row in bfs.jobs, the target table with
 * the job's columns plus partition_date, and a bfs.attempts row per day that ran.
 */
final class JobOutputs {

    private JobOutputs() {
    }

    static void job(Db db, String job, String target) throws SQLException {
        db.update("INSERT INTO bfs.jobs (name, target, current_version) VALUES (?, ?, 1)", job, target);
    }

    /** The target table, empty; its columns cover the types CSV and JSON read back unchanged. */
    static void targetTable(Db db, String target) throws SQLException {
        db.execute("CREATE TABLE " + Db.ident(target) + " (item_id BIGINT, name VARCHAR, amount DOUBLE, active BOOLEAN,"
                + " seen_at TIMESTAMP, partition_date DATE)");
    }

    /** A day that ran and produced {@code rows} rows (0 is allowed: the day ran and found nothing). */
    static void day(Db db, String job, String target, LocalDate day, int rows) throws SQLException {
        db.update("INSERT INTO " + Db.ident(target) + " SELECT i, 'item ' || i || ', \"quoted\"', i * 1.25, i % 2 = 0,"
                + " ?::TIMESTAMP + to_seconds(i), ? FROM range(?) r(i)", day.atTime(8, 0), day, rows);
        db.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, rows, fingerprint, started_at, duration_ms)"
                + " VALUES (nextval('bfs.run_ids'), ?, ?, 1, 'SUCCEEDED', ?, 'fp', current_timestamp, 1)", job, day, rows);
    }

    /** A day whose only attempt failed: no output. */
    static void failedDay(Db db, String job, LocalDate day) throws SQLException {
        db.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, error, started_at, duration_ms)"
                + " VALUES (nextval('bfs.run_ids'), ?, ?, 1, 'FAILED', 'boom', current_timestamp, 1)", job, day);
    }
}
