package dev.backfillstudio.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.ingest.CaptureResult;
import dev.backfillstudio.support.Postgres;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capturing daily snapshots from a real PostgreSQL (started by the tests, see {@link Postgres}): three
 * days with updates in between give three snapshots and a history equal to them; every bad input is
 * one sentence naming the source, and the workspace is left exactly as it was.
 */
class JdbcCaptureTest {

    static final LocalDate D1 = LocalDate.of(2024, 9, 1);
    static final Optional<String> PASSWORD = Optional.of(Postgres.PASSWORD);
    static String database;

    @TempDir
    Path dir;

    @BeforeAll
    static void sourceDatabase() {
        database = Postgres.newDatabase("capture");
        Postgres.exec(database,
                "CREATE TABLE item (id integer PRIMARY KEY, name text NOT NULL, status text, price numeric(12,2), updated date)",
                "INSERT INTO item SELECT i, 'item ' || i, CASE WHEN i % 3 = 0 THEN 'PASSIVE' ELSE 'ACTIVE' END,"
                        + " (i * 1.25)::numeric(12,2), DATE '2024-08-01' FROM generate_series(1, 1000) i",
                // a large table for the connection dropped midway
                "CREATE TABLE big AS SELECT i AS id, md5(i::text) AS name FROM generate_series(1, 400000) i",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + Postgres.USER);
    }

    private static Source source(String name, String query, List<String> key) {
        return new Source(name, Postgres.url(database), query, "item_snapshot", key);
    }

    /** The source's rows as PostgreSQL has them now, one sorted line each. */
    private static List<String> sourceRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = Postgres.admin(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, coalesce(status, 'NULL'), price::text, updated::text FROM item ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5));
            }
        }
        return rows;
    }

    private static List<String> snapshotRows(Db db, LocalDate day) throws Exception {
        return db.query("SELECT id, name, coalesce(status, 'NULL'), CAST(price AS VARCHAR), CAST(updated AS VARCHAR) FROM item_snapshot"
                + " WHERE snapshot_date = ? ORDER BY id", rs -> rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                + rs.getString(4) + "|" + rs.getString(5), day);
    }

    @Test
    void threeDaysWithUpdatesInBetweenGiveThreeSnapshotsAndAHistoryEqualToThem() throws Exception {
        Source items = source("shop", "SELECT id, name, status, price, updated FROM item", List.of("id"));
        List<List<String>> seen = new ArrayList<>();
        try (Workspace ws = Workspaces.empty(dir)) {
            for (int d = 0; d < 3; d++) {
                seen.add(sourceRows());
                CaptureResult r = new JdbcCapture(ws).capture(items, D1.plusDays(d), false, PASSWORD);
                assertThat(r.rows()).isEqualTo(seen.get(d).size());
                assertThat(r.histories()).containsExactly("item_history");
                // between the captures the production table changes: statuses flip, an item goes, one arrives
                Postgres.exec(database,
                        "UPDATE item SET status = CASE WHEN status = 'ACTIVE' THEN 'PASSIVE' ELSE 'ACTIVE' END,"
                                + " updated = updated + 1 WHERE id % 7 = " + d,
                        "UPDATE item SET status = NULL WHERE id = " + (50 + d),
                        "DELETE FROM item WHERE id = " + (100 + d),
                        "INSERT INTO item VALUES (" + (2000 + d) + ", 'new " + d + "', 'ACTIVE', 9.99, DATE '2024-09-01')");
            }
            Db db = ws.db();
            assertThat(seen.get(0)).isNotEqualTo(seen.get(1));
            for (int d = 0; d < 3; d++) {
                LocalDate day = D1.plusDays(d);
                assertThat(snapshotRows(db, day)).as("snapshot of %s", day).isEqualTo(seen.get(d));
                assertThat(db.queryLong("SELECT count(*) FROM (SELECT * EXCLUDE (snapshot_date) FROM item_snapshot WHERE snapshot_date = ?"
                        + " EXCEPT ALL SELECT * FROM item_history_asof(?))", day, day)).as("history as of %s", day).isZero();
                assertThat(db.queryLong("SELECT count(*) FROM (SELECT * FROM item_history_asof(?)"
                        + " EXCEPT ALL SELECT * EXCLUDE (snapshot_date) FROM item_snapshot WHERE snapshot_date = ?)", day, day)).isZero();
            }
            assertThat(db.query("SELECT DISTINCT origin FROM bfs.input_days WHERE table_name = 'item_snapshot'", rs -> rs.getString(1)))
                    .containsExactly("jdbc");
            assertThat(db.queryOne("SELECT data_type FROM duckdb_columns() WHERE table_name = 'item_snapshot' AND column_name = 'price'",
                    rs -> rs.getString(1))).contains("DECIMAL(12,2)");
        }
    }

    @Test
    void aDayAlreadyCapturedIsRefusedAndReplaceSwapsIt() throws Exception {
        Source items = source("shop", "SELECT id, name, status FROM item WHERE id <= 10", List.of());
        try (Workspace ws = Workspaces.empty(dir)) {
            new JdbcCapture(ws).capture(items, D1, false, PASSWORD);
            String before = WorkspaceState.of(ws.db());
            assertThatThrownBy(() -> new JdbcCapture(ws).capture(items, D1, false, PASSWORD))
                    .hasMessage("item_snapshot already has the snapshot of 2024-09-01; add --replace to swap it for source shop.");
            assertThat(WorkspaceState.of(ws.db())).isEqualTo(before);
            CaptureResult again = new JdbcCapture(ws).capture(
                    source("shop", "SELECT id, name, status FROM item WHERE id <= 4", List.of()), D1, true, PASSWORD);
            assertThat(again.replaced()).isTrue();
            assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot WHERE snapshot_date = ?", D1)).isEqualTo(4);
        }
    }

    /** Runs a capture that must fail, and checks the sentence and that nothing in the workspace changed. */
    private String refused(Workspace ws, Source source, Optional<String> password) throws Exception {
        String before = WorkspaceState.of(ws.db());
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> new JdbcCapture(ws).capture(source, D1.plusDays(5), false, password));
        assertThat(t).isInstanceOf(BackfillException.class);
        assertThat(t.getMessage()).containsIgnoringCase("source " + source.name()).doesNotContain("\n");
        assertThat(WorkspaceState.of(ws.db())).as(t.getMessage()).isEqualTo(before);
        return t.getMessage();
    }

    @Test
    void badSourcesAreOneSentenceNamingTheSourceAndWriteNothing() throws Exception {
        try (Workspace ws = Workspaces.empty(dir)) {
            new JdbcCapture(ws).capture(source("shop", "SELECT id, name, status FROM item", List.of("id")), D1, false, PASSWORD);

            String unreachable = refused(ws, new Source("far", "jdbc:postgresql://localhost:" + Postgres.closedPort() + "/x?user=capturer",
                    "SELECT 1", "item_snapshot", List.of()), PASSWORD);
            assertThat(unreachable).startsWith("Cannot reach source far at jdbc:postgresql://localhost:");

            assertThat(refused(ws, source("shop", "SELECT id, name, status FROM item", List.of()), Optional.of("wrong")))
                    .startsWith("Source shop refused the login").contains("BFS_SOURCE_PASSWORD");

            assertThat(refused(ws, source("shop", "SELECT id, name, status FROM no_such_table", List.of()), PASSWORD))
                    .startsWith("The query of source shop failed: ERROR: relation \"no_such_table\" does not exist");

            assertThat(refused(ws, source("shop", "SELECT id::text AS id, name, status FROM item", List.of()), PASSWORD))
                    .isEqualTo("The columns of source shop do not fit item_snapshot: id is VARCHAR in source shop but INTEGER in item_snapshot;"
                            + " nothing was written.");
            assertThat(refused(ws, source("shop", "SELECT id, name FROM item", List.of()), PASSWORD))
                    .isEqualTo("The columns of source shop do not match item_snapshot (missing status); nothing was written.");
            assertThat(refused(ws, source("shop", "SELECT id, name, status FROM item WHERE false", List.of()), PASSWORD))
                    .isEqualTo("Source shop has no rows: a snapshot day needs at least one row.");
            assertThat(refused(ws, source("shop", "SELECT id, name, status, id / (id - 500) AS boom FROM item", List.of()), PASSWORD))
                    .contains("source shop");
        }
    }

    @Test
    void theSourceDroppingTheConnectionMidwayWritesNothing() throws Exception {
        try (Workspace ws = Workspaces.empty(dir)) {
            String before = WorkspaceState.of(ws.db());
            AtomicBoolean pulled = new AtomicBoolean();
            // told on the capturing thread after the first rows arrived: the server ends the session from another connection
            JdbcCapture capture = new JdbcCapture(ws).onRows(rows -> {
                if (pulled.compareAndSet(false, true)) {
                    Postgres.exec(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE application_name = 'Backfill Studio capture' AND datname = '" + database + "'");
                }
            });
            Source big = new Source("big", Postgres.url(database), "SELECT id, name FROM big", "big_snapshot", List.of());
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> capture.capture(big, D1, false, PASSWORD));
            assertThat(pulled).isTrue();
            assertThat(t).isInstanceOf(BackfillException.class);
            assertThat(t.getMessage()).startsWith("Source big dropped the connection after ").endsWith("; nothing was written.")
                    .doesNotContain("\n");
            assertThat(WorkspaceState.of(ws.db())).isEqualTo(before);
        }
    }

    @Test
    void aUrlWithAPasswordIsNeverSaved() throws Exception {
        try (Workspace ws = Workspaces.empty(dir)) {
            String before = WorkspaceState.of(ws.db());
            for (String url : List.of(Postgres.url(database) + "&password=x", "jdbc:postgresql://localhost/db?PASSWORD=x",
                    "jdbc:postgresql://capturer:x@localhost/db")) {
                assertThatThrownBy(() -> new SourceStore(ws).add(new Source("s", url, "SELECT 1", "t", List.of())))
                        .as(url).hasMessageContaining("carries a password").hasMessageNotContaining("=x");
            }
            assertThat(WorkspaceState.of(ws.db())).isEqualTo(before);
        }
    }
}
