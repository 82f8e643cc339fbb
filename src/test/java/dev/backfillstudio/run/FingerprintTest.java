package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowHash;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fingerprint is the identity of a day's rows: it changes whenever any value of any column
 * changes, whatever the columns are called and typed, and not when the same rows come in another
 * order. Checked over generated tables (names that shadow aliases, structs, lists, NULLs).
 */
class FingerprintTest {

    private static final String[] NAMES = {"t", "T2", "s", "q", "row", "hash", "value", "my col", "select", "count", "x", "partition"};
    private static final String[][] TYPES = {
        {"INTEGER", "0", "1", "-7", "NULL"},
        {"BIGINT", "0", "9007199254740993", "NULL", "2"},
        {"VARCHAR", "''", "'a'", "'t'", "NULL"},
        {"DOUBLE", "0.0", "1.5", "-0.25", "NULL"},
        {"DECIMAL(10,2)", "1.00", "1.01", "NULL", "0.00"},
        {"DATE", "DATE '2024-09-01'", "DATE '2024-09-02'", "NULL", "DATE '1999-12-31'"},
        {"TIMESTAMP", "TIMESTAMP '2024-09-01 00:00:00'", "TIMESTAMP '2024-09-01 00:00:01'", "NULL", "TIMESTAMP '2000-01-01 12:00:00'"},
        {"BOOLEAN", "true", "false", "NULL", "true"},
        {"INTEGER[]", "[1, 2]", "[2, 1]", "[]", "NULL"},
        {"STRUCT(a INTEGER, b VARCHAR)", "{'a': 1, 'b': 'x'}", "{'a': 1, 'b': NULL}", "{'a': NULL, 'b': 'x'}", "NULL"},
    };

    @TempDir
    Path dir;
    private Workspace ws;

    @BeforeEach
    void setUp() {
        ws = Workspaces.empty(dir);
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    @Test
    void changingAnyValueOfAnyColumnChangesTheFingerprintAndRowOrderDoesNot() throws Exception {
        SplittableRandom random = new SplittableRandom(20241201);
        Db db = ws.db();
        for (int round = 0; round < 60; round++) {
            int columns = 1 + random.nextInt(4);
            List<String> names = new ArrayList<>();
            List<String[]> types = new ArrayList<>();
            while (names.size() < columns) {
                String name = NAMES[random.nextInt(NAMES.length)];
                if (!names.contains(name)) {
                    names.add(name);
                    types.add(TYPES[random.nextInt(TYPES.length)]);
                }
            }
            int rows = 1 + random.nextInt(5);
            List<List<String>> values = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                List<String> row = new ArrayList<>();
                for (String[] type : types) {
                    row.add(type[1 + random.nextInt(type.length - 1)]);
                }
                values.add(row);
            }
            create(db, "a", names, types, values);
            String before = fingerprint(db, "a");

            List<List<String>> reversed = new ArrayList<>(values);
            java.util.Collections.reverse(reversed);
            create(db, "b", names, types, reversed);
            assertThat(fingerprint(db, "b")).as("same rows in another order, round %d", round).isEqualTo(before);

            int r = random.nextInt(rows);
            int c = random.nextInt(columns);
            String[] type = types.get(c);
            String other = values.get(r).get(c);
            while (other.equals(values.get(r).get(c))) {
                other = type[1 + random.nextInt(type.length - 1)];
            }
            List<List<String>> changed = new ArrayList<>();
            for (List<String> row : values) {
                changed.add(new ArrayList<>(row));
            }
            changed.get(r).set(c, other);
            create(db, "b", names, types, changed);
            assertThat(fingerprint(db, "b")).as("round %d: column %s (%s) of row %d from %s to %s", round, names.get(c), type[0], r,
                    values.get(r).get(c), other).isNotEqualTo(before);
        }
    }

    @Test
    void aRerunWhoseOutputHasAColumnNamedTWritesTheNewRows() throws Exception {
        Db db = ws.db();
        db.execute("CREATE TABLE sales AS SELECT i AS t, i * 10 AS amount, DATE '2024-09-01' AS d FROM range(300) r(i)");
        JobStore jobs = new JobStore(ws);
        jobs.save("money", "money_out", "SELECT t, amount FROM sales WHERE d = {DATE}");
        new Backfill(ws).run("money", DaySet.parse("2024-09-01"), RunListener.NONE);
        jobs.save("money", "money_out", "SELECT t, amount * 2 AS amount FROM sales WHERE d = {DATE}");
        RunSummary rerun = new Backfill(ws).run("money", DaySet.parse("2024-09-01"), RunListener.NONE);
        assertThat(rerun.days().get(0).added()).contains(299L);
        assertThat(rerun.days().get(0).removed()).contains(299L);
        assertThat(db.queryLong("SELECT sum(amount) FROM money_out")).isEqualTo(2 * db.queryLong("SELECT sum(amount) FROM sales"));
    }

    private static void create(Db db, String table, List<String> names, List<String[]> types, List<List<String>> rows)
            throws SQLException {
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            cols.append(i == 0 ? "" : ", ").append(Db.ident(names.get(i))).append(' ').append(types.get(i)[0]);
        }
        db.execute("CREATE OR REPLACE TABLE " + table + " (" + cols + ")");
        for (List<String> row : rows) {
            db.execute("INSERT INTO " + table + " VALUES (" + String.join(", ", row) + ")");
        }
    }

    private static String fingerprint(Db db, String table) throws SQLException {
        return db.queryOne("SELECT count(*) || ':' || " + RowHash.sql(db, table) + " FROM " + table, rs -> rs.getString(1)).orElseThrow();
    }
}
