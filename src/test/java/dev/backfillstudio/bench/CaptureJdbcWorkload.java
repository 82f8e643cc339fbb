package dev.backfillstudio.bench;

import dev.backfillstudio.source.JdbcCapture;
import dev.backfillstudio.source.Source;
import dev.backfillstudio.support.Postgres;
import dev.backfillstudio.workspace.Workspace;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * capture_jdbc: a day's snapshot of a table of {@code rows} rows taken from a real PostgreSQL (the
 * tests' embedded server) into the workspace, against PostgreSQL's own {@code COPY (query) TO STDOUT}
 * of the same query read by the driver's CopyManager into a null sink: the cost of getting the rows
 * out of PostgreSQL at all. The app's side takes the same COPY text (see {@code PgCopyFeed}) and adds
 * DuckDB's reading of it, the write into the snapshot table, and the day's fingerprint and lineage.
 */
final class CaptureJdbcWorkload implements Workload {

    static final String QUERY = "SELECT id, name, status, price, updated FROM item";
    private static final LocalDate DAY = LocalDate.of(2030, 1, 1);

    private final Workspace ws;
    private final int rows;
    private String database;

    CaptureJdbcWorkload(Workspace ws, int rows) {
        this.ws = ws;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "capture_jdbc";
    }

    @Override
    public Target target() {
        return Target.ratio(1.5);
    }

    private Source source() {
        if (database == null) {
            database = Postgres.newDatabase("bench");
            Postgres.exec(database, "CREATE TABLE item AS SELECT i AS id, 'item ' || i AS name,"
                            + " CASE WHEN i % 4 = 0 THEN 'PASSIVE' ELSE 'ACTIVE' END AS status, (i % 10000) * 0.01::numeric(12,2) AS price,"
                            + " DATE '2024-01-01' + (i % 365) AS updated FROM generate_series(1, " + rows + ") i",
                    "ALTER TABLE item ALTER COLUMN price TYPE numeric(12,2)",
                    "VACUUM ANALYZE item",
                    "GRANT SELECT ON item TO " + Postgres.USER);
        }
        return new Source("bench", Postgres.url(database), QUERY, "capture_snapshot", List.of());
    }

    @Override
    public void prepareApp() throws SQLException {
        source();
        if (ws.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'capture_snapshot'") > 0) {
            ws.db().execute("DELETE FROM capture_snapshot");
            ws.db().execute("DELETE FROM bfs.input_days WHERE table_name = 'capture_snapshot'");
        }
        ws.db().execute("CHECKPOINT");
    }

    @Override
    public void runApp() {
        long got = new JdbcCapture(ws).capture(source(), DAY, false, Optional.of(Postgres.PASSWORD)).rows();
        if (got != rows) {
            throw new IllegalStateException("captured " + got + " rows, expected " + rows);
        }
    }

    @Override
    public void prepareRaw() {
        source();
    }

    @Override
    public void runRaw() throws Exception {
        Properties props = new Properties();
        props.setProperty("password", Postgres.PASSWORD);
        try (Connection c = DriverManager.getConnection(Postgres.url(database), props)) {
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + QUERY + ") TO STDOUT", OutputStream.nullOutputStream());
            if (copied != rows) {
                throw new IllegalStateException("copied " + copied + " rows, expected " + rows);
            }
        }
    }

    @Override
    public void check() throws Exception {
        long captured = ws.db().queryLong("SELECT count(*) FROM capture_snapshot WHERE snapshot_date = ?", DAY);
        if (captured != rows) {
            throw new IllegalStateException("capture_snapshot holds " + captured + " rows of " + DAY + ", the source " + rows);
        }
    }

    @Override
    public String note() {
        return String.format("%,d rows, 5 columns (int, text, text, numeric(12,2), date)", rows);
    }
}
