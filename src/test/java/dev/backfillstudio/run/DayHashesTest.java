package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowHash;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun counts a replaced day's fingerprint and its rows added and removed from the hashes its DELETE and
 * INSERT hand back: they must be exactly what DuckDB computes over the same rows, the fingerprint status and
 * verify compare with, and the EXCEPT ALL difference verify reports.
 */
class DayHashesTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private Db db;

    @BeforeEach
    void setUp() throws SQLException {
        ws = Workspaces.empty(dir);
        db = ws.db();
        // hashes of every size: their sum runs far past 64 bits, and half of them past BIGINT's range
        db.execute("CREATE TABLE base AS SELECT range % 700 AS id, 'item ' || (range % 13) AS name,"
                + " CASE WHEN range % 5 = 0 THEN NULL ELSE range * 0.5 END AS amount FROM range(3000)");
        // rows held more than once, as a job's output may hold them
        db.execute("CREATE TABLE older AS SELECT * FROM base UNION ALL SELECT * FROM base WHERE id % 7 = 0");
        // the same multiset changed: some rows gone, some duplicated further, some new
        db.execute("CREATE TABLE newer AS SELECT * FROM older WHERE id % 11 <> 3 UNION ALL SELECT * FROM older WHERE id % 17 = 0"
                + " UNION ALL SELECT range + 5000, 'new', NULL FROM range(40)");
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    @Test
    void theFingerprintIsTheOneDuckDbSumsOverTheSameRows() throws SQLException {
        for (String table : new String[] {"older", "newer"}) {
            Fingerprint inDuckDb = db.queryOne("SELECT count(*), " + RowHash.sql(db, table) + " FROM " + table,
                    rs -> new Fingerprint(rs.getLong(1), rs.getString(2))).orElseThrow();
            assertThat(hashes(table).fingerprint()).as(table).isEqualTo(inDuckDb);
        }
        assertThat(hashes("older").fingerprint().hash()).as("a sum past 64 bits").hasSizeGreaterThan(16);
    }

    @Test
    void noRowsFingerprintAsDuckDbSumsAnEmptyDay() throws SQLException {
        db.execute("CREATE TABLE empty AS SELECT * FROM older LIMIT 0");
        String inDuckDb = db.queryOne("SELECT " + RowHash.sql(db, "empty") + " FROM empty", rs -> rs.getString(1)).orElseThrow();
        assertThat(hashes("empty").fingerprint()).isEqualTo(new Fingerprint(0, inDuckDb));
    }

    @Test
    void rowsAddedAndRemovedCountDuplicatesAsExceptAllDoes() throws SQLException {
        long[] exact = db.queryOne(Fingerprint.changesSql("newer", "older"), rs -> new long[] {rs.getLong(1), rs.getLong(2)}).orElseThrow();
        assertThat(exact[0]).as("the test's data adds rows").isPositive();
        assertThat(exact[1]).as("the test's data removes rows").isPositive();
        assertThat(hashes("newer").changeFrom(hashes("older"))).containsExactly(exact[0], exact[1]);
        assertThat(hashes("older").changeFrom(hashes("newer"))).containsExactly(exact[1], exact[0]);
        assertThat(hashes("older").changeFrom(hashes("older"))).containsExactly(0, 0);
    }

    private DayHashes hashes(String table) throws SQLException {
        try (PreparedStatement st = db.connection().prepareStatement("SELECT " + DayHashes.returned(RowHash.rowSql(db, table))
                + " FROM " + table); ResultSet rs = st.executeQuery()) {
            return DayHashes.read(rs, 0);
        }
    }
}
