package dev.backfillstudio.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.ingest.RelationColumn;
import dev.backfillstudio.support.Postgres;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * From PostgreSQL the rows travel as PostgreSQL's own COPY text, read by DuckDB: every value of every
 * column type that path takes arrives exactly as the driver's typed reads bring it (NULL and empty
 * text stay apart, text with commas, quotes, tabs, newlines and backslashes stays whole), and a
 * query it cannot carry is captured row by row with the same result.
 */
class PgCopyTypesTest {

    static final LocalDate DAY = LocalDate.of(2024, 9, 1);
    static final Optional<String> PASSWORD = Optional.of(Postgres.PASSWORD);
    static final String NASTY = "a,b \"quoted\" 'single'\ttab\nnewline\r\nCRLF \\ back\\slash \\N \\n \\\\ end\\"
            + " \b\f\u000b Grüße ✓";
    static String database;

    @TempDir
    Path dir;

    @BeforeAll
    static void everyType() throws Exception {
        database = Postgres.newDatabase("copytypes");
        Postgres.exec(database, """
                CREATE TABLE every_type (id int4 PRIMARY KEY, b bool, s int2, l int8, r float4, d float8, n numeric(12,2),
                  nn numeric, big numeric(50,10), dt date, ts timestamp, tz timestamptz, u uuid, t text, v varchar(40),
                  c char(5), j json, jb jsonb)""",
                "INSERT INTO every_type (id) VALUES (1)",
                """
                INSERT INTO every_type VALUES (2, true, 0, 0, 0, 0, 0, 0, 0, DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00',
                  TIMESTAMPTZ '1970-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000', '', '', '', '""', '""')""",
                """
                INSERT INTO every_type VALUES (3, false, -32768, -9223372036854775808, 3.4028235e38, -1.7976931348623157e308,
                  -9999999999.99, 1.2345678901234567890123, -12345678901234567890123456789.0123456789, DATE '9999-12-31',
                  TIMESTAMP '2024-02-29 23:59:59.123456', TIMESTAMPTZ '2024-03-31 01:30:00.5+05:30',
                  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'plain', 'x', 'ab', '{"a": [1, "x,y"]}', '{"b": {"c": null}}')""",
                """
                INSERT INTO every_type VALUES (4, true, 32767, 9223372036854775807, 'NaN', 'Infinity', 0.01, -0.5, 1e-10,
                  DATE '2000-02-29', TIMESTAMP '1999-12-31 23:59:59', TIMESTAMPTZ '1900-01-01 12:00:00+00', null, 'NULL', 'null',
                  null, '[]', '"\\\\ \\n"')""",
                "INSERT INTO every_type (id, r, d) VALUES (5, '-Infinity', 'NaN')",
                "CREATE TABLE odd_type (id int4, span interval, tags int4[])",
                "INSERT INTO odd_type VALUES (1, interval '1 day 2 hours', '{1,2}'), (2, null, '{}')",
                "CREATE TABLE bc (id int4, dt date)",
                "INSERT INTO bc VALUES (1, DATE '2024-01-01'), (2, DATE '0044-03-15 BC')",
                // one chunk of plain rows, then a chunk whose last row needs its escapes undone, or holds a BC date
                "CREATE TABLE later (id int4, t text, dt date)",
                "INSERT INTO later SELECT i, 'row ' || i, DATE '2024-01-01' FROM generate_series(1, " + (PgCopyFeed.CHUNK_ROWS + 10) + ") i",
                "CREATE TABLE later_bc AS SELECT * FROM later",
                "UPDATE later SET t = E'tab\\there \\\\ back' WHERE id = " + (PgCopyFeed.CHUNK_ROWS + 10),
                "UPDATE later_bc SET dt = DATE '0044-03-15 BC' WHERE id = " + (PgCopyFeed.CHUNK_ROWS + 10),
                "CREATE TABLE long_text (id int4, t text)",
                "INSERT INTO long_text VALUES (1, repeat('x', 3000000)), (2, 'short')",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + Postgres.USER);
        try (Connection c = Postgres.admin(database);
                PreparedStatement st = c.prepareStatement("INSERT INTO every_type (id, t, v, j) VALUES (6, ?, ?, ?)")) {
            st.setString(1, NASTY);
            st.setString(2, "\\");
            st.setObject(3, "{\"k\": \"line\\nbreak \\\\ \\\" tab\\t\"}", java.sql.Types.OTHER);
            st.executeUpdate();
        }
    }

    private static Source source(String table, String query) {
        return new Source("pg", Postgres.url(database), query, table, List.of());
    }

    /** Rows of {@code a} not in {@code b}, day column aside, counted in DuckDB (NULLs and NaNs compare equal there). */
    private static long onlyIn(Db db, String a, String b) throws Exception {
        return db.queryLong("SELECT count(*) FROM (SELECT * EXCLUDE (snapshot_date) FROM " + a + " EXCEPT ALL SELECT * EXCLUDE (snapshot_date) FROM "
                + b + ")");
    }

    private static List<String> types(Db db, String table) throws Exception {
        return db.query("SELECT column_name || ' ' || data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                rs -> rs.getString(1), table);
    }

    @Test
    void everyValueOfEveryTypeArrivesByCopyAsTheDriverReadsIt() throws Exception {
        try (Workspace ws = Workspaces.empty(dir)) {
            JdbcCapture copied = new JdbcCapture(ws);
            assertThat(copied.capture(source("copied", "SELECT * FROM every_type -- all of it"), DAY, false, PASSWORD).rows())
                    .isEqualTo(6);
            assertThat(copied.transfer()).isEqualTo(JdbcCapture.Transfer.COPY);
            JdbcCapture rowed = new JdbcCapture(ws).rowByRow();
            rowed.capture(source("rowed", "SELECT * FROM every_type"), DAY, false, PASSWORD);
            assertThat(rowed.transfer()).isEqualTo(JdbcCapture.Transfer.ROWS);

            Db db = ws.db();
            assertThat(types(db, "copied")).isEqualTo(types(db, "rowed"));
            assertThat(onlyIn(db, "copied", "rowed")).isZero();
            assertThat(onlyIn(db, "rowed", "copied")).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM copied")).isEqualTo(6);

            // what a user checks by eye: NULL is not '', the nasty text is whole, numbers and times are exact
            assertThat(db.query("SELECT t IS NULL, t = '', c FROM copied WHERE id IN (1, 2) ORDER BY id",
                    rs -> rs.getBoolean(1) + " " + rs.getString(2) + " [" + rs.getString(3) + "]"))
                    .containsExactly("true null [null]", "false true [     ]");
            assertThat(db.queryOne("SELECT t FROM copied WHERE id = 6", rs -> rs.getString(1))).contains(NASTY);
            assertThat(db.queryOne("SELECT v FROM copied WHERE id = 6", rs -> rs.getString(1))).contains("\\");
            assertThat(db.queryOne("SELECT t FROM copied WHERE id = 4", rs -> rs.getString(1))).contains("NULL");
            assertThat(db.queryOne("SELECT CAST(n AS VARCHAR) || ' ' || CAST(big AS VARCHAR) || ' ' || CAST(ts AS VARCHAR) || ' '"
                    + " || CAST(tz = TIMESTAMPTZ '2024-03-30 20:00:00.5+00' AS VARCHAR) || ' ' || CAST(b AS VARCHAR) FROM copied WHERE id = 3",
                    rs -> rs.getString(1)))
                    .contains("-9999999999.99 -1.2345678901234568e+28 2024-02-29 23:59:59.123456 true false");
            assertThat(db.queryOne("SELECT CAST(r AS VARCHAR) || ' ' || CAST(d AS VARCHAR) FROM copied WHERE id = 4",
                    rs -> rs.getString(1))).contains("nan inf");
        }
    }

    @Test
    void anEscapeOrABcDateAfterThousandsOfPlainRowsIsStillReadRight() throws Exception {
        try (Workspace ws = Workspaces.empty(dir)) {
            int last = PgCopyFeed.CHUNK_ROWS + 10;
            JdbcCapture escaped = new JdbcCapture(ws);
            assertThat(escaped.capture(source("later_snapshot", "SELECT id, t, dt FROM later"), DAY, false, PASSWORD).rows())
                    .isEqualTo(last);
            assertThat(escaped.transfer()).isEqualTo(JdbcCapture.Transfer.COPY);
            assertThat(ws.db().queryOne("SELECT t FROM later_snapshot WHERE id = ?", rs -> rs.getString(1), last))
                    .contains("tab\there \\ back");
            assertThat(ws.db().queryOne("SELECT t FROM later_snapshot WHERE id = 7", rs -> rs.getString(1))).contains("row 7");

            JdbcCapture bc = new JdbcCapture(ws);
            assertThat(bc.capture(source("later_bc_snapshot", "SELECT id, t, dt FROM later_bc"), DAY, false, PASSWORD).rows())
                    .isEqualTo(last);
            assertThat(bc.transfer()).isEqualTo(JdbcCapture.Transfer.ROWS);
            assertThat(ws.db().queryOne("SELECT CAST(dt AS VARCHAR) FROM later_bc_snapshot WHERE id = ?", rs -> rs.getString(1), last))
                    .contains("0044-03-15 (BC)");
        }
    }

    @Test
    void filesReadyTogetherAreReadInOneStatementAndGoOnceItIsIn() throws Exception {
        int last = PgCopyFeed.CHUNK_ROWS + 10;
        Properties props = new Properties();
        props.setProperty("password", Postgres.PASSWORD);
        List<RelationColumn> columns = List.of(new RelationColumn("id", "INTEGER"),
                new RelationColumn("t", "VARCHAR"), new RelationColumn("dt", "DATE"));
        try (Workspace ws = Workspaces.empty(dir);
                Connection pg = DriverManager.getConnection(Postgres.url(database), props);
                PgCopyFeed feed = PgCopyFeed.start(pg.unwrap(PGConnection.class), "SELECT id, t, dt FROM later", columns,
                        new SourceErrors("pg", Postgres.url(database)), rows -> { }, 1_000_000)) {
            // DuckDB behind the source: both files are complete before it asks for the next rows
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (feed.chunksReady() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(feed.chunksReady()).isEqualTo(2);
            String both = feed.next();
            assertThat(ws.db().queryOne("SELECT count(*) || ' ' || max(t) FILTER (WHERE id = " + last + ") FROM " + both,
                    rs -> rs.getString(1))).contains(last + " tab\there \\ back");
            List<Path> files = Pattern.compile("'([^']+\\.txt)'").matcher(both).results()
                    .map(m -> Path.of(m.group(1))).toList();
            assertThat(files).hasSize(2).allMatch(Files::exists);
            feed.done();
            assertThat(files).noneMatch(Files::exists);
            assertThat(feed.next()).isNull();
        }
    }

    @Test
    void aLineIsPlainUnlessItHoldsAnEscapeOrABcDate() {
        assertThat(PgCopyFeed.plain("1\titem 1\tABC\t2024-01-01\n".getBytes())).isTrue();
        assertThat(PgCopyFeed.plain("1\ta\\\\b\n".getBytes())).isFalse();
        assertThat(PgCopyFeed.plain("1\t0044-03-15 BC\n".getBytes())).isFalse();
        assertThat(PgCopyFeed.plain("1\tBC\n".getBytes())).isTrue();
    }

    @Test
    void aQueryWithAColumnTypeCopyDoesNotCarryOrAValueDuckDbDoesNotReadIsTakenRowByRow() throws Exception {
        try (Workspace ws = Workspaces.empty(dir)) {
            JdbcCapture odd = new JdbcCapture(ws);
            assertThat(odd.capture(source("odd", "SELECT id, span, tags FROM odd_type"), DAY, false, PASSWORD).rows()).isEqualTo(2);
            assertThat(odd.transfer()).isEqualTo(JdbcCapture.Transfer.ROWS);

            // a BC date: PostgreSQL writes "0044-03-15 BC", which DuckDB would read as 44 AD; the day is taken again, whole
            JdbcCapture bc = new JdbcCapture(ws);
            assertThat(bc.capture(source("bc_snapshot", "SELECT id, dt FROM bc"), DAY, false, PASSWORD).rows()).isEqualTo(2);
            assertThat(bc.transfer()).isEqualTo(JdbcCapture.Transfer.ROWS);
            assertThat(ws.db().query("SELECT CAST(dt AS VARCHAR) FROM bc_snapshot ORDER BY id", rs -> rs.getString(1)))
                    .containsExactly("2024-01-01", "0044-03-15 (BC)");
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.input_days WHERE table_name = 'bc_snapshot'")).isEqualTo(1);

            // a line longer than DuckDB's reader takes (a 3 MB text): the same
            JdbcCapture long_ = new JdbcCapture(ws);
            assertThat(long_.capture(source("long_snapshot", "SELECT id, t FROM long_text"), DAY, false, PASSWORD).rows()).isEqualTo(2);
            assertThat(long_.transfer()).isEqualTo(JdbcCapture.Transfer.ROWS);
            assertThat(ws.db().query("SELECT length(t) FROM long_snapshot ORDER BY id", rs -> rs.getLong(1))).containsExactly(3_000_000L, 5L);
        }
    }
}
