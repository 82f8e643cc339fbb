package dev.backfillstudio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.support.Files2;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile SQL in a job or a preview is refused, with the reason, before any of it runs. */
class QueryGuardTest {

    @TempDir
    static Path dir;

    static Workspace ws;
    static String before;

    @BeforeAll
    static void open() throws Exception {
        ws = LintFixture.sample(dir.resolve("guard.duckdb"));
        Files2.write(dir, "in.csv", "id\n1\n");
        before = state();
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    static String p(String name) {
        return dir.resolve(name).toString().replace("'", "''");
    }

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("DROP TABLE item", "DROP"),
                Arguments.of("DELETE FROM item WHERE id > 0", "DELETE"),
                Arguments.of("UPDATE item SET status = 'GONE'", "UPDATE"),
                Arguments.of("INSERT INTO item VALUES (9999, 'x', 'ACTIVE')", "INSERT"),
                Arguments.of("CREATE TABLE stolen AS SELECT * FROM item", "CREATE"),
                Arguments.of("CREATE VIEW v AS SELECT * FROM item", "CREATE"),
                Arguments.of("CREATE MACRO m() AS TABLE SELECT * FROM read_csv('x.csv')", "CREATE"),
                Arguments.of("ALTER TABLE item ADD COLUMN c INTEGER", "ALTER"),
                Arguments.of("COPY item TO '" + p("copied.csv") + "'", "COPY"),
                Arguments.of("COPY item FROM '" + p("in.csv") + "'", "COPY"),
                Arguments.of("EXPORT DATABASE '" + p("exported") + "'", "EXPORT"),
                Arguments.of("IMPORT DATABASE '" + p("exported") + "'", "IMPORT"),
                Arguments.of("ATTACH '" + p("other.duckdb") + "' AS other", "ATTACH"),
                Arguments.of("DETACH other", "DETACH"),
                Arguments.of("INSTALL httpfs", "INSTALL"),
                Arguments.of("LOAD httpfs", "LOAD"),
                Arguments.of("SET threads = 1", "SET"),
                Arguments.of("SET enable_external_access = true", "SET"),
                Arguments.of("RESET threads", "RESET"),
                Arguments.of("PRAGMA enable_profiling", "PRAGMA"),
                Arguments.of("CALL pragma_version()", "CALL"),
                Arguments.of("CHECKPOINT", "CHECKPOINT"),
                Arguments.of("VACUUM", "VACUUM"),
                Arguments.of("BEGIN TRANSACTION", "BEGIN"),
                Arguments.of("EXPLAIN ANALYZE SELECT * FROM item", "EXPLAIN"),
                Arguments.of("USE memory", "USE"),
                Arguments.of("SELECT {DATE}; COPY item TO '" + p("stacked.csv") + "'", "2 statements (SELECT, COPY)"),
                Arguments.of("SELECT 1; DROP TABLE item", "2 statements (SELECT, DROP)"),
                Arguments.of("SELECT 1; SELECT 2", "2 statements"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void everyStatementOtherThanOneQueryIsRefusedNamingItsKindAndNothingRuns(String sql, String named) throws Exception {
        assertThatThrownBy(() -> QueryGuard.requireSafeQuery(ws.db(), sql))
                .isInstanceOfSatisfying(BackfillException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackfillException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).contains(named).contains("read-only query");
                });
        assertThat(state()).isEqualTo(before);
        for (String file : new String[] {"copied.csv", "exported", "other.duckdb", "stacked.csv"}) {
            assertThat(dir.resolve(file)).doesNotExist();
        }
    }

    static Stream<Arguments> fileReaders() {
        String f = p("in.csv");
        return Stream.of(
                Arguments.of("SELECT * FROM read_csv('" + f + "')", "`read_csv(...)` reads files"),
                Arguments.of("SELECT * FROM read_csv_auto('" + f + "')", "`read_csv_auto(...)` reads files"),
                Arguments.of("SELECT * FROM read_parquet('" + p("x.parquet") + "')", "`read_parquet(...)` reads files"),
                Arguments.of("SELECT * FROM parquet_scan('" + p("x.parquet") + "')", "`parquet_scan(...)` reads files"),
                Arguments.of("SELECT * FROM parquet_metadata('" + p("x.parquet") + "')", "`parquet_metadata(...)` reads files"),
                Arguments.of("SELECT * FROM read_json('" + p("x.json") + "')", "`read_json(...)` reads files"),
                Arguments.of("SELECT * FROM read_json_auto('" + p("x.json") + "')", "`read_json_auto(...)` reads files"),
                Arguments.of("SELECT * FROM read_ndjson('" + p("x.json") + "')", "`read_ndjson(...)` reads files"),
                Arguments.of("SELECT * FROM read_text('/etc/passwd')", "`read_text(...)` reads files"),
                Arguments.of("SELECT * FROM read_blob('/etc/passwd')", "`read_blob(...)` reads files"),
                Arguments.of("SELECT * FROM glob('/etc/*')", "`glob(...)` reads files"),
                Arguments.of("SELECT * FROM sniff_csv('" + f + "')", "`sniff_csv(...)` reads files"),
                Arguments.of("SELECT * FROM iceberg_scan('s3://bucket/t')", "`iceberg_scan(...)` reads files"),
                Arguments.of("SELECT * FROM delta_scan('s3://bucket/t')", "`delta_scan(...)` reads files"),
                Arguments.of("SELECT * FROM read_csv('http://localhost/x.csv')", "reads files or the network"),
                Arguments.of("SELECT * FROM query('SELECT * FROM read_csv(''x.csv'')')", "`query(...)` runs SQL built from text"),
                Arguments.of("SELECT * FROM query_table('item')", "`query_table(...)` runs SQL built from text"),
                Arguments.of("SELECT * FROM pragma_table_info('item')", "not a table function a job may call"),
                Arguments.of("SELECT * FROM '" + f + "'", "names a file"),
                Arguments.of("SELECT * FROM \"data.parquet\"", "names a file"),
                Arguments.of("SELECT * FROM 'http://localhost/x.csv'", "names a file"),
                Arguments.of("SELECT * FROM other.main.item", "in another database"),
                Arguments.of("SELECT * FROM bfs.jobs", "Backfill Studio's own metadata"),
                Arguments.of("SUMMARIZE item", "DESCRIBE, SUMMARIZE and SHOW"),
                Arguments.of("SELECT * FROM item WHERE id IN (SELECT id FROM read_csv('" + f + "'))", "`read_csv(...)`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileReaders")
    void queriesReadingFilesTheNetworkOrOtherDatabasesAreRefusedWithTheReason(String sql, String reason) {
        assertThatThrownBy(() -> QueryGuard.requireSafeQuery(ws.db(), sql))
                .isInstanceOfSatisfying(BackfillException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackfillException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void aQueryOverTheWorkspacesTablesPassesWithOrWithoutTheDay() {
        QueryGuard.requireSafeQuery(ws.db(), "SELECT * FROM item_events WHERE date = {DATE}");
        QueryGuard.requireSafeQuery(ws.db(), "SELECT status, count(*) FROM item GROUP BY status");
        QueryGuard.requireSafeQuery(ws.db(), "SELECT * FROM duckdb_tables()");
    }

    @Test
    void aSyntaxErrorIsRefusedWithDuckDbsMessageAndTheLine() {
        assertThatThrownBy(() -> QueryGuard.requireSafeQuery(ws.db(), "SELECT *\nFROM"))
                .isInstanceOf(BackfillException.class).hasMessageStartingWith("Line 2: Syntax error");
    }

    @Test
    void lockDownFreezesEverySettingForTheRestOfTheProcessButKeepsTheWorkspaceWorking(@TempDir Path own) throws Exception {
        try (Workspace locked = Workspace.open(own.resolve("locked.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            locked.db().execute("CREATE TABLE t AS SELECT 1 AS x");
            var session = locked.newSession();
            session.execute("SET threads = 1");
            QueryGuard.lockDown(session);

            assertThatThrownBy(() -> session.execute("SET threads = 2")).hasMessageContaining("configuration has been locked");
            assertThatThrownBy(() -> locked.db().execute("RESET threads"))
                    .as("the lock holds for the whole database, not only the session").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> session.execute("SET enable_external_access = true")).isInstanceOf(SQLException.class);

            session.execute("INSERT INTO t VALUES (2)");
            session.execute("CREATE TEMP TABLE scratch AS SELECT * FROM t");
            assertThat(session.queryLong("SELECT count(*) FROM scratch")).isEqualTo(2);
            session.connection().close();
        }
        try (Workspace reopened = Workspace.open(own.resolve("locked.duckdb"))) {
            assertThat(reopened.db().queryLong("SELECT count(*) FROM t")).as("committed under lock-down").isEqualTo(2);
            reopened.db().execute("SET threads = 1"); // the configuration lock ends with the last connection
        }
    }

    static String state() throws SQLException {
        return ws.db().queryOne("""
                SELECT string_agg(table_name || ':' || estimated_size, ',' ORDER BY table_name)
                       || '|' || (SELECT count(*) FROM duckdb_views() WHERE NOT internal)
                       || '|' || (SELECT count(*) FROM duckdb_databases())
                       || '|' || current_setting('threads')
                FROM duckdb_tables()
                """, rs -> rs.getString(1)).orElseThrow()
                + "|" + ws.db().queryLong("SELECT sum(hash(i)) FROM item i")
                + "|" + Files.exists(dir.resolve("copied.csv"));
    }
}
