package dev.backfillstudio.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queries asked again reuse their prepared statement, and still answer as a fresh statement would. */
class DbTest {

    private Connection connection;
    private Db db;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        db = new Db(connection);
        db.execute("CREATE TABLE t (a INTEGER)");
        db.execute("INSERT INTO t VALUES (1), (2), (3)");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private List<String> rows(String sql, Object... params) throws SQLException {
        return db.query(sql, rs -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(i > 1 ? "," : "").append(rs.getString(i));
            }
            return row.toString();
        }, params);
    }

    @Test
    void aSettingAskedForOnceIsSetOnceForTheSession() throws SQLException {
        db.setOnce("enable_progress_bar = true");
        assertThat(rows("SELECT current_setting('enable_progress_bar')")).containsExactly("true");
        db.execute("SET enable_progress_bar = false");
        db.setOnce("enable_progress_bar = true");
        assertThat(rows("SELECT current_setting('enable_progress_bar')")).containsExactly("false");
    }

    @Test
    void aKeptCopyIsPreparedOnceAndWritesItsFileAtEveryRun() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("kept").resolve("t.csv");
        String copy = "COPY (SELECT a FROM t ORDER BY a) TO " + Db.literal(file.toString()) + " (HEADER false)";
        java.sql.PreparedStatement first = db.prepareKept(copy);
        assertThat(first.executeLargeUpdate()).isEqualTo(3);
        db.keep(copy, first);
        java.nio.file.Files.delete(file);
        db.execute("INSERT INTO t VALUES (4)");
        java.sql.PreparedStatement again = db.prepareKept(copy);
        assertThat(again).isSameAs(first);
        assertThat(again.executeLargeUpdate()).isEqualTo(4);
        assertThat(java.nio.file.Files.readAllLines(file)).containsExactly("1", "2", "3", "4");
        db.keep(copy, again);
    }

    @Test
    void aQueryAskedAgainAfterItsTableGainedAColumnReadsTheNewColumn() throws SQLException {
        assertThat(rows("SELECT * FROM t WHERE a > ? ORDER BY a", 1)).containsExactly("2", "3");
        db.execute("ALTER TABLE t ADD COLUMN b VARCHAR DEFAULT 'x'");
        assertThat(rows("SELECT * FROM t WHERE a > ? ORDER BY a", 1)).containsExactly("2,x", "3,x");
    }

    @Test
    void aQueryAskedAgainAfterItsTableWasMadeAnewReadsTheNewTable() throws SQLException {
        assertThat(rows("SELECT count(*) FROM t WHERE a >= ?", 2)).containsExactly("2");
        db.execute("DROP TABLE t");
        db.execute("CREATE TABLE t (a BIGINT, c VARCHAR)");
        db.execute("INSERT INTO t VALUES (5, 'p'), (6, 'q'), (7, 'r')");
        assertThat(rows("SELECT count(*) FROM t WHERE a >= ?", 2)).containsExactly("3");
    }

    @Test
    void aQueryThatFailedOnceRunsAgainOnceItsTableIsBack() throws SQLException {
        assertThat(rows("SELECT sum(a) FROM t")).containsExactly("6");
        db.execute("DROP TABLE t");
        assertThatThrownBy(() -> rows("SELECT sum(a) FROM t")).isInstanceOf(SQLException.class).hasMessageContaining("t");
        db.execute("CREATE TABLE t (a INTEGER)");
        db.execute("INSERT INTO t VALUES (10)");
        assertThat(rows("SELECT sum(a) FROM t")).containsExactly("10");
    }

    @Test
    void eachRunOfAQueryTakesTheParametersItIsGiven() throws SQLException {
        for (int i = 0; i < 4; i++) {
            assertThat(rows("SELECT count(*) FROM t WHERE a > ?", i)).containsExactly(Integer.toString(3 - i));
        }
    }

    @Test
    void aQueryCancelledWhileItRunsAnswersWhenAskedAgain() throws Exception {
        String slow = "SELECT count(*) FROM range(?) a, range(?) b WHERE a.range + b.range < 0";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> cancelled = pool.submit(() -> rows(slow, 1_000_000, 1_000_000));
            Thread.sleep(300);
            db.cancel();
            assertThatThrownBy(() -> cancelled.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(slow, 10, 10)).containsExactly("0");
        assertThat(rows("SELECT count(*) FROM range(?) a, range(?) b WHERE a.range + b.range < 3", 10, 10)).containsExactly("6");
    }

    @Test
    void theSameQueryFromTwoThreadsAtOnceGivesEachItsOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int min = i % 4;
                answers.add(pool.submit(() -> rows("SELECT count(*) FROM range(200000) r, t WHERE t.a > ? AND r.range % 100000 = 0", min)));
            }
            for (int i = 0; i < 40; i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).containsExactly(Integer.toString(2 * (3 - i % 4)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUpdateThatFailedRunsAgainOnceItsInputIsRight() throws SQLException {
        db.execute("CREATE TABLE u (a INTEGER PRIMARY KEY)");
        assertThat(db.update("INSERT INTO u VALUES (?)", 1)).isEqualTo(1);
        assertThatThrownBy(() -> db.update("INSERT INTO u VALUES (?)", 1)).isInstanceOf(SQLException.class);
        assertThat(db.update("INSERT INTO u VALUES (?)", 2)).isEqualTo(1);
        assertThat(db.update("INSERT INTO u VALUES (?)", 3)).isEqualTo(1);
        assertThat(rows("SELECT a FROM u ORDER BY a")).containsExactly("1", "2", "3");
    }

    @Test
    void textReadAsItsUtf8BytesIsTheTextTheDriverReads() throws SQLException {
        db.execute("CREATE TABLE texts (s VARCHAR)");
        db.execute("INSERT INTO texts VALUES ('plain'), ('café ✓ 😀'), (''), ('quote \" back\\slash \\x41'), (NULL)");

        List<String[]> read = db.query("SELECT s, encode(s) FROM texts ORDER BY rowid", rs -> new String[] {rs.getString(1), Db.utf8(rs.getBytes(2))});

        assertThat(read).hasSize(5).allSatisfy(r -> assertThat(r[1]).isEqualTo(r[0]));
        assertThat(read.get(1)[1]).isEqualTo("café ✓ 😀");
    }
}
