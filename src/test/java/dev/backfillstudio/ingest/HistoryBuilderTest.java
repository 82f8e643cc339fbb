package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.demo.GeneratedWorkspace;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryBuilderTest {

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /**
     * Rows that differ, over every loaded day at once, between {@code history_asof(day)} and that
     * day's snapshot (multisets, both directions). The snapshot's date column must be its last.
     */
    static long asofMismatches(Db db, String snapshot, String dateColumn, String history) throws Exception {
        String d = Db.ident(dateColumn);
        return db.queryLong("""
                WITH days AS (SELECT DISTINCT %1$s AS day FROM %2$s),
                a AS (SELECT days.day, x.* FROM days, LATERAL (SELECT * FROM %3$s(days.day)) x),
                b AS (SELECT %1$s AS day, * EXCLUDE (%1$s) FROM %2$s)
                SELECT (SELECT count(*) FROM (FROM a EXCEPT ALL FROM b)) + (SELECT count(*) FROM (FROM b EXCEPT ALL FROM a))
                """.formatted(d, Db.ident(snapshot), Db.ident(history + "_asof")));
    }

    /** Rows that differ between two history tables, both directions. */
    static long tableMismatches(Db db, String a, String b) throws Exception {
        return db.queryLong("SELECT (SELECT count(*) FROM (FROM " + a + " EXCEPT ALL FROM " + b + "))"
                + " + (SELECT count(*) FROM (FROM " + b + " EXCEPT ALL FROM " + a + "))");
    }

    private void generatedSnapshot(int items, int days) throws Exception {
        GeneratedWorkspace.createTables(ws.db(), new GeneratedWorkspace.Size(items, days, 0));
        ws.db().update("INSERT OR REPLACE INTO bfs.tables (name, kind, date_column) VALUES ('item_snapshot', 'SNAPSHOT', 'snapshot_date')");
    }

    @Test
    void theSampleHistoryAsOfEveryLoadedDayEqualsThatDaysSnapshot() throws Exception {
        new DemoBuilder(ws).buildSample();
        Db db = ws.db();
        assertThat(db.queryLong("SELECT count(DISTINCT snapshot_date) FROM item_snapshot")).isEqualTo(60);
        assertThat(db.queryLong("SELECT count(*) FROM item_snapshot WHERE snapshot_date = DATE '2024-10-13'")).isZero();
        assertThat(asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM item_history")).isLessThan(db.queryLong("SELECT count(*) FROM item_snapshot") / 5);
        assertThat(TableCatalog.kindOf(db, "item_history")).contains(TableKind.HISTORY);
        assertThat(db.queryOne("SELECT source_table || '|' || key_columns || '|' || built_through FROM bfs.tables WHERE name = 'item_history'",
                rs -> rs.getString(1))).contains("item_snapshot|id|" + SampleData.LAST_DAY);
        // the check can fail: one version less and some day no longer matches
        db.execute("DELETE FROM item_history WHERE rowid = (SELECT min(rowid) FROM item_history)");
        assertThat(asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).isPositive();
    }

    @Test
    void aGeneratedYearWithKeysAppearingVanishingAndComingBackIsExactOnEveryDay() throws Exception {
        generatedSnapshot(150, 365);
        HistoryResult r = new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null);
        assertThat(r.name()).isEqualTo("item_history");
        assertThat(r.mode()).isEqualTo(HistoryResult.Mode.FULL);
        assertThat(r.daysFolded()).isEqualTo(365);
        Db db = ws.db();
        // the data really has keys that leave and come back, and that change
        assertThat(db.queryLong("SELECT count(*) FROM item_history a JOIN item_history b ON a.id = b.id"
                + " AND b.valid_from > a.valid_to")).isPositive();
        assertThat(db.queryLong("SELECT count(DISTINCT id) FROM item_history WHERE valid_to IS NOT NULL")).isPositive();
        assertThat(asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).isZero();
        assertThat(r.historyRows()).isLessThan(r.snapshotRows());
    }

    @Test
    void aDayMissingFromTheSnapshotsDoesNotBreakAStretch() throws Exception {
        ws.db().execute("CREATE TABLE s AS SELECT * FROM (VALUES (1, 'A', DATE '2024-09-01'), (1, 'A', DATE '2024-09-03'),"
                + " (1, 'B', DATE '2024-09-04'), (2, NULL, DATE '2024-09-01'), (2, NULL, DATE '2024-09-03')) t(id, status, d)");
        ws.db().update("INSERT INTO bfs.tables (name, kind, date_column) VALUES ('s', 'SNAPSHOT', 'd')");
        new HistoryBuilder(ws).build("s", List.of("id"), "h");
        assertThat(ws.db().query("SELECT id || ':' || coalesce(status, 'null') || ':' || valid_from || ':' || coalesce(valid_to::VARCHAR, 'open')"
                + " FROM h ORDER BY id, valid_from", rs -> rs.getString(1)))
                .containsExactly("1:A:2024-09-01:2024-09-04", "1:B:2024-09-04:open", "2:null:2024-09-01:2024-09-04");
        assertThat(asofMismatches(ws.db(), "s", "d", "h")).isZero();
    }

    @Test
    void aKeyTwiceInOneDaysSnapshotIsRefusedNamingKeyAndDay() throws Exception {
        ws.db().execute("CREATE TABLE s AS SELECT * FROM (VALUES (1, 'A', DATE '2024-09-01'), (1, 'A', DATE '2024-09-02'),"
                + " (1, 'B', DATE '2024-09-02')) t(id, status, d)");
        ws.db().update("INSERT INTO bfs.tables (name, kind, date_column) VALUES ('s', 'SNAPSHOT', 'd')");
        assertThatThrownBy(() -> new HistoryBuilder(ws).build("s", List.of("id"), "h"))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining("s: key id=1 appears 2 times on 2024-09-02; a history needs one row per key and day.");
        assertThat(TableCatalog.exists(ws.db(), "h")).isFalse();
    }

    @Test
    void aNullInAKeyColumnIsRefusedNamingTableDayAndColumnAndNothingIsWritten() throws Exception {
        ws.db().execute("CREATE TABLE s AS SELECT * FROM (VALUES (1, 'x', 'A', DATE '2024-09-01'), (2, NULL, 'B', DATE '2024-09-01'),"
                + " (1, 'x', 'A', DATE '2024-09-02'), (NULL, 'y', 'C', DATE '2024-09-03')) t(id, region, status, d)");
        ws.db().update("INSERT INTO bfs.tables (name, kind, date_column) VALUES ('s', 'SNAPSHOT', 'd')");
        String before = dev.backfillstudio.support.WorkspaceState.of(ws.db());
        assertThatThrownBy(() -> new HistoryBuilder(ws).build("s", List.of("id"), "h"))
                .isInstanceOf(BackfillException.class)
                .hasMessage("s: a row of 2024-09-03 has no value (NULL) in key column id; a history needs a key on every row,"
                        + " so fill it in or leave such rows out of the snapshot.");
        assertThatThrownBy(() -> new HistoryBuilder(ws).build("s", List.of("id", "region"), "h"))
                .hasMessageStartingWith("s: a row of 2024-09-01 has no value (NULL) in key column region (id=2);");
        assertThat(dev.backfillstudio.support.WorkspaceState.of(ws.db())).isEqualTo(before);
        assertThat(TableCatalog.exists(ws.db(), "h")).isFalse();
    }

    @Test
    void extendingDayByDayEqualsAFreshFullBuild() throws Exception {
        generatedSnapshot(120, 200);
        Db db = ws.db();
        db.execute("CREATE TABLE all_days AS FROM item_snapshot");
        db.execute("DELETE FROM item_snapshot WHERE snapshot_date > DATE '2024-04-01'");
        HistoryBuilder builder = new HistoryBuilder(ws);
        assertThat(builder.build("item_snapshot", List.of("id"), null).mode()).isEqualTo(HistoryResult.Mode.FULL);
        for (String through : List.of("2024-04-02", "2024-04-03", "2024-05-20", "2024-07-18")) {
            db.execute("INSERT INTO item_snapshot FROM all_days WHERE snapshot_date > (SELECT max(snapshot_date) FROM item_snapshot)"
                    + " AND snapshot_date <= DATE '" + through + "'");
            HistoryResult r = builder.build("item_snapshot", List.of("id"), null);
            assertThat(r.mode()).isEqualTo(HistoryResult.Mode.EXTENDED);
            assertThat(r.builtThrough()).isEqualTo(LocalDate.parse(through));
        }
        assertThat(builder.build("item_snapshot", List.of("id"), null).mode()).isEqualTo(HistoryResult.Mode.UP_TO_DATE);
        new HistoryBuilder(ws).build("item_snapshot", List.of("id"), "fresh_history");
        assertThat(db.queryLong("SELECT count(*) FROM item_history")).isEqualTo(db.queryLong("SELECT count(*) FROM fresh_history"));
        assertThat(tableMismatches(db, "item_history", "fresh_history")).isZero();
        assertThat(asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).isZero();
    }

    @Test
    void loadingALateDayOrReplacingAnEarlierOneRestatesTheHistoryInTheSameLoad() throws Exception {
        new DemoBuilder(ws).buildSample();
        Db db = ws.db();
        // the missing day arrives late, and an earlier day is replaced with different statuses
        Path late = Files2.write(dir, "item_2024-10-13.csv", "id,name,status,snapshot_date\n1,x,ACTIVE,2024-10-13\n");
        Path replaced = Files2.write(dir, "item_2024-09-10.csv", "id,name,status,snapshot_date\n1,x,PASSIVE,2024-09-10\n2,y,ACTIVE,2024-09-10\n");
        SnapshotLoader loader = new SnapshotLoader(ws);
        assertThat(loader.load("item_snapshot", List.of(late), SnapshotDateSource.column("snapshot_date"), false).get(0).ok()).isTrue();
        assertThat(asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).isZero();
        assertThat(new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null).mode()).isEqualTo(HistoryResult.Mode.UP_TO_DATE);

        assertThat(loader.load("item_snapshot", List.of(replaced), SnapshotDateSource.column("snapshot_date"), true).get(0).outcome())
                .isEqualTo(SnapshotOutcome.REPLACED);
        assertThat(asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).isZero();
        new HistoryBuilder(ws).build("item_snapshot", List.of("id"), "fresh_history");
        assertThat(tableMismatches(db, "item_history", "fresh_history")).isZero();

        // a later day only extends
        Path next = Files2.write(dir, "item_2024-11-01.csv", "id,name,status,snapshot_date\n1,x,ACTIVE,2024-11-01\n");
        loader.load("item_snapshot", List.of(next), SnapshotDateSource.column("snapshot_date"), false);
        assertThat(db.queryOne("SELECT built_through FROM bfs.tables WHERE name = 'item_history'", rs -> rs.getObject(1, LocalDate.class)))
                .contains(LocalDate.of(2024, 11, 1));
        assertThat(asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).isZero();
    }

    @Test
    void aCancelledBuildLeavesThePreviousHistoryIntact() throws Exception {
        generatedSnapshot(50, 40);
        Db db = ws.db();
        db.execute("CREATE TABLE later AS FROM item_snapshot WHERE snapshot_date > DATE '2024-01-30'");
        db.execute("DELETE FROM item_snapshot WHERE snapshot_date > DATE '2024-01-30'");
        new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null);
        String before = db.queryOne("SELECT count(*) || ':' || sum(hash(t)) FROM item_history t", rs -> rs.getString(1)).orElseThrow();
        db.execute("INSERT INTO item_snapshot FROM later");
        HistoryBuilder builder = new HistoryBuilder(ws);
        builder.onStep(step -> {
            if (step.startsWith("creating")) {
                builder.cancel();
            }
        });
        assertThatThrownBy(() -> builder.build("item_snapshot", List.of("id"), null))
                .hasMessage("Building item_history was cancelled; the previous history is unchanged.");
        assertThat(db.queryOne("SELECT count(*) || ':' || sum(hash(t)) FROM item_history t", rs -> rs.getString(1))).contains(before);
        assertThat(db.queryOne("SELECT built_through FROM bfs.tables WHERE name = 'item_history'", rs -> rs.getObject(1, LocalDate.class)))
                .contains(LocalDate.of(2024, 1, 30));
    }

    @Test
    void compositeKeysWork() throws Exception {
        ws.db().execute("CREATE TABLE price_snapshot AS SELECT * FROM (VALUES (1, 'EU', 10, DATE '2024-09-01'), (1, 'US', 11, DATE '2024-09-01'),"
                + " (1, 'EU', 10, DATE '2024-09-02'), (1, 'US', 12, DATE '2024-09-02')) t(item, region, price, day)");
        ws.db().update("INSERT INTO bfs.tables (name, kind, date_column) VALUES ('price_snapshot', 'SNAPSHOT', 'day')");
        HistoryResult r = new HistoryBuilder(ws).build("price_snapshot", List.of("item", "region"), null);
        assertThat(r.name()).isEqualTo("price_history");
        assertThat(r.historyRows()).isEqualTo(3);
        assertThat(asofMismatches(ws.db(), "price_snapshot", "day", "price_history")).isZero();
    }

    @Test
    void badRequestsAreRefusedWithASentence() throws Exception {
        generatedSnapshot(5, 130);
        HistoryBuilder b = new HistoryBuilder(ws);
        assertThatThrownBy(() -> b.build("item_snapshot", List.of("nope"), null)).hasMessageContaining("item_snapshot has no column nope");
        assertThatThrownBy(() -> b.build("item_snapshot", List.of("snapshot_date"), null)).hasMessageContaining("is the snapshot date");
        assertThatThrownBy(() -> b.build("item", List.of("id"), null)).hasMessageContaining("Table item is not a snapshot table");
        assertThatThrownBy(() -> b.build("item_snapshot", List.of("id"), "item")).hasMessageContaining("Table item exists and is a plain table");
        ws.db().execute("CREATE TABLE other_snapshot AS FROM item_snapshot");
        ws.db().update("INSERT INTO bfs.tables (name, kind, date_column) VALUES ('other_snapshot', 'SNAPSHOT', 'snapshot_date')");
        b.build("item_snapshot", List.of("id"), null);
        assertThatThrownBy(() -> b.build("other_snapshot", List.of("id"), "item_history"))
                .hasMessageContaining("Table item_history is the history of item_snapshot; give the history of other_snapshot another name");
    }

    @Test
    void theGeneratedDemoRegistersItsSnapshotTableAndBuildsAnExactItemHistory() throws Exception {
        new DemoBuilder(ws).buildGenerated(new GeneratedWorkspace.Size(40, 30, 100));
        assertThat(SnapshotTable.find(ws.db(), "item_snapshot")).contains(new SnapshotTable("item_snapshot", "snapshot_date"));
        assertThat(TableCatalog.kindOf(ws.db(), "item_history")).contains(TableKind.HISTORY);
        assertThat(asofMismatches(ws.db(), "item_snapshot", "snapshot_date", "item_history")).isZero();
    }

    @Test
    void theDefaultNameStripsTheSnapshotSuffix() {
        assertThat(HistoryBuilder.defaultName("item_snapshot")).isEqualTo("item_history");
        assertThat(HistoryBuilder.defaultName("prices")).isEqualTo("prices_history");
    }
}
