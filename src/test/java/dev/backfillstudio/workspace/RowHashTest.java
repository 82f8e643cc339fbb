package dev.backfillstudio.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Workspaces;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregate is the exact sum of the row hashes, whichever way it is added up: every fingerprint a
 * workspace has recorded stays valid however the sum is computed.
 */
class RowHashTest {

    @TempDir
    Path dir;
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspaces.empty(dir);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /** The aggregate as its definition reads: the plain sum of the row hashes. */
    private static String plainSum(List<TableColumn> columns) {
        return "printf('%x', coalesce(sum(" + RowHash.rowSql(columns) + "), 0))";
    }

    @Test
    void theAggregateEqualsThePlainSumOfTheRowHashesForEveryDayForAWholeTableAndForNoRows() throws Exception {
        Db db = ws.db();
        // enough rows that the sums of both halves carry far past 64 bits, NULLs and repeated rows among them
        db.execute("CREATE TABLE t AS SELECT DATE '2024-09-01' + (i % 7)::INTEGER AS day, i AS id,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE 'item ' || (i % 5000) END AS name, (i % 3 = 0) AS flag,"
                + " [i % 4, i % 9] AS tags FROM range(300000) r(i)");
        List<TableColumn> columns = TableColumns.of(db, "t");
        List<String> perDay = db.query("SELECT day, " + RowHash.sql(columns) + " FROM t GROUP BY day ORDER BY day",
                rs -> rs.getString(1) + "=" + rs.getString(2));
        List<String> plainPerDay = db.query("SELECT day, " + plainSum(columns) + " FROM t GROUP BY day ORDER BY day",
                rs -> rs.getString(1) + "=" + rs.getString(2));
        assertThat(perDay).hasSize(7).isEqualTo(plainPerDay);
        String whole = db.queryOne("SELECT " + RowHash.sql(columns) + " FROM t", rs -> rs.getString(1)).orElseThrow();
        assertThat(whole).isEqualTo(db.queryOne("SELECT " + plainSum(columns) + " FROM t", rs -> rs.getString(1)).orElseThrow())
                .hasSizeGreaterThan(16);
        assertThat(db.queryOne("SELECT " + RowHash.sql(columns) + " FROM t WHERE id < 0", rs -> rs.getString(1))).contains("0");
    }
}
