package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.support.Files2;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotLoaderTest {

    static final LocalDate SEP1 = LocalDate.of(2024, 9, 1);
    static final LocalDate SEP2 = LocalDate.of(2024, 9, 2);

    @TempDir
    Path dir;
    Workspace ws;
    SnapshotLoader loader;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
        loader = new SnapshotLoader(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private SnapshotFileResult loadOne(Path file, SnapshotDateSource source, boolean replace) {
        List<SnapshotFileResult> r = loader.load("item_snapshot", List.of(file), source, replace);
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    private String fingerprint() throws Exception {
        return ws.db().queryOne("SELECT count(*) || ':' || coalesce(sum(hash(t)), 0) FROM item_snapshot t", rs -> rs.getString(1))
                .orElseThrow();
    }

    @Test
    void theDateOptionDatesEveryRowAndTheFirstLoadCreatesAndRegistersTheTable() throws Exception {
        Path f = Files2.write(dir, "items.csv", "id,name,status\n1,a,ACTIVE\n2,b,PASSIVE\n");
        SnapshotFileResult r = loadOne(f, SnapshotDateSource.day(SEP1), false);
        assertThat(r.outcome()).isEqualTo(SnapshotOutcome.LOADED);
        assertThat(r.day()).contains(SEP1);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(ws.db().queryOne("SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index)"
                + " FROM duckdb_columns() WHERE table_name = 'item_snapshot'", rs -> rs.getString(1)))
                .contains("id BIGINT, name VARCHAR, status VARCHAR, snapshot_date DATE");
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot WHERE snapshot_date = ?", SEP1)).isEqualTo(2);
        assertThat(TableCatalog.kindOf(ws.db(), "item_snapshot")).contains(TableKind.SNAPSHOT);
        assertThat(SnapshotTable.find(ws.db(), "item_snapshot")).contains(new SnapshotTable("item_snapshot", "snapshot_date"));
    }

    @Test
    void aSnapshotTableDroppedByHandIsMadeAgainByTheNextLoad() throws Exception {
        loadOne(Files2.write(dir, "a.csv", "id,name,status\n1,a,ACTIVE\n"), SnapshotDateSource.day(SEP1), false);
        ws.db().execute("DROP TABLE item_snapshot");
        SnapshotFileResult r = loadOne(Files2.write(dir, "b.csv", "id,name,status\n1,a,ACTIVE\n2,b,PASSIVE\n"),
                SnapshotDateSource.day(SEP1.plusDays(1)), false);
        assertThat(r.outcome()).as(r.message()).isEqualTo(SnapshotOutcome.LOADED);
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot")).isEqualTo(2);
        assertThat(SnapshotTable.find(ws.db(), "item_snapshot")).contains(new SnapshotTable("item_snapshot", "snapshot_date"));
    }

    @Test
    void theFilesOwnDateColumnDatesTheSnapshotAndBecomesTheTablesDateColumn() throws Exception {
        Path f = Files2.write(dir, "a.csv", "id,status,as_of\n1,ACTIVE,2024-09-02\n2,PASSIVE,2024-09-02\n");
        SnapshotFileResult r = loadOne(f, SnapshotDateSource.column("as_of"), false);
        assertThat(r.day()).contains(SEP2);
        assertThat(SnapshotTable.find(ws.db(), "item_snapshot").orElseThrow().dateColumn()).isEqualTo("as_of");
        assertThat(ws.db().queryLong("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'item_snapshot'")).isEqualTo(3);
        // later files without the column can still be dated by the option, into the same column
        Path g = Files2.write(dir, "b.csv", "id,status\n1,ACTIVE\n");
        assertThat(loadOne(g, SnapshotDateSource.day(SEP1), false).ok()).isTrue();
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot WHERE as_of = ?", SEP1)).isEqualTo(1);
    }

    @Test
    void theFirstDayInTheFileNameDatesTheSnapshot() throws Exception {
        Path f = Files2.write(dir, "export_2024-09-02_v2024-01-01.csv", "id,status\n1,ACTIVE\n");
        assertThat(loadOne(f, SnapshotDateSource.fromFileName(), false).day()).contains(SEP2);
    }

    @Test
    void aFileNameWithoutADayOrWithAnImpossibleOneIsRefused() throws Exception {
        Path none = Files2.write(dir, "items.csv", "id\n1\n");
        assertThat(loadOne(none, SnapshotDateSource.fromFileName(), false).message())
                .contains("items.csv: the file name holds no day");
        Path bad = Files2.write(dir, "items_2024-02-30.csv", "id\n1\n");
        assertThat(loadOne(bad, SnapshotDateSource.fromFileName(), false).message())
                .contains("items_2024-02-30.csv: 2024-02-30 in the file name is not a valid day");
        assertThat(TableCatalog.exists(ws.db(), "item_snapshot")).isFalse();
    }

    @Test
    void aFileWithMixedDaysIsRefusedNamingTheLineOfTheFirstOtherDay() throws Exception {
        loadOne(Files2.write(dir, "ok.csv", "id,snapshot_date\n1,2024-08-31\n"), SnapshotDateSource.column("snapshot_date"), false);
        String before = fingerprint();
        Path f = Files2.write(dir, "mixed.csv",
                "id,snapshot_date\n1,2024-09-01\n2,2024-09-01\n3,2024-09-02\n4,2024-09-01\n");
        SnapshotFileResult r = loadOne(f, SnapshotDateSource.column("snapshot_date"), false);
        assertThat(r.outcome()).isEqualTo(SnapshotOutcome.REFUSED);
        assertThat(r.message()).contains("mixed.csv line 4: snapshot_date is 2024-09-02, another day than the rest (2024-09-01 on the first row)");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void mixedDaysAreFoundOnTheFirstLoadTooAndAnEmptyDateCountsAsAnotherDay() throws Exception {
        Path f = Files2.write(dir, "mixed.csv", "id,snapshot_date\n1,2024-09-01\n2,\n3,2024-09-02\n");
        assertThat(loadOne(f, SnapshotDateSource.column("snapshot_date"), false).message())
                .contains("mixed.csv line 3: the snapshot_date column is empty");
        assertThat(TableCatalog.exists(ws.db(), "item_snapshot")).isFalse();
    }

    @Test
    void aDayAlreadyLoadedIsRefusedUnlessReplaceWhichSwapsThatDayAlone() throws Exception {
        loadOne(Files2.write(dir, "d1.csv", "id,status\n1,A\n2,A\n"), SnapshotDateSource.day(SEP1), false);
        loadOne(Files2.write(dir, "d2.csv", "id,status\n1,B\n"), SnapshotDateSource.day(SEP2), false);
        String before = fingerprint();
        Path again = Files2.write(dir, "d1b.csv", "id,status\n1,C\n2,C\n3,C\n");
        SnapshotFileResult refused = loadOne(again, SnapshotDateSource.day(SEP1), false);
        assertThat(refused.outcome()).isEqualTo(SnapshotOutcome.REFUSED);
        assertThat(refused.message()).contains("item_snapshot already has the snapshot of 2024-09-01; add --replace");
        assertThat(fingerprint()).isEqualTo(before);

        SnapshotFileResult replaced = loadOne(again, SnapshotDateSource.day(SEP1), true);
        assertThat(replaced.outcome()).isEqualTo(SnapshotOutcome.REPLACED);
        assertThat(ws.db().queryOne("SELECT string_agg(status, '' ORDER BY id) FROM item_snapshot WHERE snapshot_date = ?",
                rs -> rs.getString(1), SEP1)).contains("CCC");
        assertThat(ws.db().queryOne("SELECT string_agg(status, '') FROM item_snapshot WHERE snapshot_date = ?",
                rs -> rs.getString(1), SEP2)).contains("B");
    }

    @Test
    void aFailedReplaceKeepsTheDayItWouldHaveSwapped() throws Exception {
        loadOne(Files2.write(dir, "d1.csv", "id,status\n1,A\n"), SnapshotDateSource.day(SEP1), false);
        String before = fingerprint();
        SnapshotFileResult r = loadOne(Files2.write(dir, "bad.csv", "id,status\n1,A\nx,B\n"), SnapshotDateSource.day(SEP1), true);
        assertThat(r.message()).contains("bad.csv line 3: \"x\" in column id is not a valid BIGINT");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void aMissingColumnIsRefusedListingIt() throws Exception {
        loadOne(Files2.write(dir, "d1.csv", "id,name,status\n1,a,A\n"), SnapshotDateSource.day(SEP1), false);
        assertThat(loadOne(Files2.write(dir, "d2.csv", "id,status\n1,A\n"), SnapshotDateSource.day(SEP2), false).message())
                .contains("d2.csv line 1: the columns do not match item_snapshot (missing name).");
    }

    @Test
    void anExtraColumnIsRefusedListingIt() throws Exception {
        loadOne(Files2.write(dir, "d1.csv", "id,status\n1,A\n"), SnapshotDateSource.day(SEP1), false);
        assertThat(loadOne(Files2.write(dir, "d2.csv", "id,status,color\n1,A,red\n"), SnapshotDateSource.day(SEP2), false).message())
                .contains("d2.csv line 1: the columns do not match item_snapshot (not in the table color).");
    }

    @Test
    void aRenamedColumnIsRefusedListingBothNames() throws Exception {
        loadOne(Files2.write(dir, "d1.csv", "id,status\n1,A\n"), SnapshotDateSource.day(SEP1), false);
        assertThat(loadOne(Files2.write(dir, "d2.csv", "id,state\n1,A\n"), SnapshotDateSource.day(SEP2), false).message())
                .contains("(missing status; not in the table state)");
    }

    @Test
    void aValueThatDoesNotCastToTheTablesTypeIsRefusedWithItsLine() throws Exception {
        loadOne(Files2.write(dir, "d1.csv", "id,price\n1,2.5\n"), SnapshotDateSource.day(SEP1), false);
        SnapshotFileResult r = loadOne(Files2.write(dir, "d2.csv", "id,price\n1,3\n2,cheap\n"), SnapshotDateSource.day(SEP2), false);
        assertThat(r.message()).contains("d2.csv line 3: \"cheap\" in column price is not a valid DOUBLE.");
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot")).isEqualTo(1);
    }

    @Test
    void columnsInAnotherOrderLoadByName() throws Exception {
        loadOne(Files2.write(dir, "d1.csv", "id,status\n1,A\n"), SnapshotDateSource.day(SEP1), false);
        assertThat(loadOne(Files2.write(dir, "d2.csv", "STATUS,id\nB,2\n"), SnapshotDateSource.day(SEP2), false).ok()).isTrue();
        assertThat(ws.db().queryOne("SELECT status FROM item_snapshot WHERE id = 2", rs -> rs.getString(1))).contains("B");
    }

    /** Per day the ledger lists: the day, the rows it records and the rows the table holds, and the fingerprint. */
    private List<String[]> ledger(String dateColumn) throws Exception {
        return ws.db().query("SELECT i.day, i.rows, s.n, i.fingerprint FROM bfs.input_days i"
                + " JOIN (SELECT " + dateColumn + " AS day, count(*) AS n FROM item_snapshot GROUP BY ALL) s USING (day)"
                + " WHERE i.table_name = 'item_snapshot' ORDER BY i.day",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
    }

    @Test
    void eachLoadedDayIsRecordedWithItsRowCountAndTheFingerprintOfItsFile() throws Exception {
        // dated by the option, then a file in another column order and with a NULL, then a replaced day
        loadOne(Files2.write(dir, "d1.csv", "id,status,price\n1,A,1.5\n2,B,\n"), SnapshotDateSource.day(SEP1), false);
        loadOne(Files2.write(dir, "d2.csv", "price,STATUS,id\n,B,2\n2.5,C,3\n"), SnapshotDateSource.day(SEP2), false);
        String first = ledger("snapshot_date").get(1)[3];
        loadOne(Files2.write(dir, "d2b.csv", "id,status,price\n2,B,\n3,D,2.5\n"), SnapshotDateSource.day(SEP2), true);
        List<String[]> days = ledger("snapshot_date");
        assertThat(days).extracting(d -> d[0]).containsExactly(SEP1.toString(), SEP2.toString());
        assertThat(days).allSatisfy(d -> assertThat(d[1]).isEqualTo(d[2])).allSatisfy(d -> assertThat(d[3]).matches(FileFingerprint::is));
        // a changed value, however small, is a changed fingerprint
        assertThat(days.get(1)[3]).isNotEqualTo(first).isNotEqualTo(days.get(0)[3]);
        loadOne(Files2.write(dir, "d2c.csv", "id,status,price\n2,B,\n3,D,2.6\n"), SnapshotDateSource.day(SEP2), true);
        assertThat(ledger("snapshot_date").get(1)[3]).isNotEqualTo(days.get(1)[3]);
    }

    @Test
    void aFileDatedByItsOwnColumnIsRecordedWithTheRowsItHoldsOnItsDay() throws Exception {
        loadOne(Files2.write(dir, "a.csv", "id,as_of,status\n1,2024-09-01,A\n2,2024-09-01,\n"), SnapshotDateSource.column("as_of"), false);
        loadOne(Files2.write(dir, "b.csv", "as_of,id,status\n2024-09-02,1,B\n"), SnapshotDateSource.column("as_of"), false);
        List<String[]> days = ledger("as_of");
        assertThat(days).extracting(d -> d[1]).containsExactly("2", "1");
        assertThat(days).allSatisfy(d -> assertThat(d[1]).isEqualTo(d[2])).allSatisfy(d -> assertThat(d[3]).matches(FileFingerprint::is));
    }

    @Test
    void aFileWithOnlyAHeaderIsRefused() throws Exception {
        assertThat(loadOne(Files2.write(dir, "h.csv", "id,status\n"), SnapshotDateSource.day(SEP1), false).message())
                .contains("h.csv has no rows");
        assertThat(TableCatalog.exists(ws.db(), "item_snapshot")).isFalse();
    }

    @Test
    void aTableOfAnotherKindIsRefusedBeforeAnyFile() throws Exception {
        ws.db().execute("CREATE TABLE item_snapshot (id INTEGER)");
        Path f = Files2.write(dir, "d1.csv", "id\n1\n");
        assertThatThrownBy(() -> loader.load("item_snapshot", List.of(f), SnapshotDateSource.day(SEP1), false))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining("Table item_snapshot is a plain table, not a snapshot table");
    }

    @Test
    void coverageListsThePresentDaysOfARangeWithTheirRowCounts() throws Exception {
        loadOne(Files2.write(dir, "d1.csv", "id\n1\n2\n"), SnapshotDateSource.day(SEP1), false);
        loadOne(Files2.write(dir, "d3.csv", "id\n1\n2\n3\n"), SnapshotDateSource.day(SEP1.plusDays(2)), false);
        loadOne(Files2.write(dir, "d9.csv", "id\n1\n"), SnapshotDateSource.day(SEP1.plusDays(9)), false);
        SnapshotCoverage c = SnapshotCoverage.read(ws.db(), "item_snapshot", SEP1, SEP1.plusDays(3));
        assertThat(c.days()).containsExactly(new DayCoverage(SEP1, 2), new DayCoverage(SEP1.plusDays(2), 3));
        assertThat(c.missingDays()).containsExactly(SEP2, SEP1.plusDays(3));
        assertThat(c.has(SEP1)).isTrue();
        assertThatThrownBy(() -> SnapshotCoverage.read(ws.db(), "nope", SEP1, SEP2)).hasMessageContaining("nope is not a snapshot table");
    }

    @Test
    void manyFilesLoadOneByOneWithAResultEachAndProgress() throws Exception {
        List<Path> files = List.of(
                Files2.write(dir, "i_2024-09-01.csv", "id\n1\n"),
                Files2.write(dir, "i_2024-09-02.csv", "id\n1\n2,3\n"),
                Files2.write(dir, "i_2024-09-03.csv", "id\n1\n2\n"));
        List<String> progress = new ArrayList<>();
        List<SnapshotFileResult> r = loader.onProgress((i, n, f) -> progress.add(i + "/" + n + " " + f.getFileName()))
                .load("item_snapshot", files, SnapshotDateSource.fromFileName(), false);
        assertThat(r).extracting(SnapshotFileResult::outcome)
                .containsExactly(SnapshotOutcome.LOADED, SnapshotOutcome.REFUSED, SnapshotOutcome.LOADED);
        assertThat(r.get(1).message()).contains("i_2024-09-02.csv line 3: expected 1 columns but found 2");
        assertThat(progress).containsExactly("1/3 i_2024-09-01.csv", "2/3 i_2024-09-02.csv", "3/3 i_2024-09-03.csv");
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot")).isEqualTo(3);
    }

    @Test
    void cancellingKeepsTheFinishedFilesAndNothingOfTheOneLoading() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int d = 1; d <= 5; d++) {
            files.add(Files2.write(dir, "i_2024-09-0" + d + ".csv", "id,status\n1,A\n2,B\n"));
        }
        // cancel while file 3 loads: its insert runs, then the transaction must roll back instead of committing
        loader.onProgress((i, n, f) -> {
            if (i == 3) {
                loader.cancel();
            }
        });
        List<SnapshotFileResult> r = loader.load("item_snapshot", files, SnapshotDateSource.fromFileName(), false);
        assertThat(r).extracting(SnapshotFileResult::outcome)
                .containsExactly(SnapshotOutcome.LOADED, SnapshotOutcome.LOADED, SnapshotOutcome.CANCELLED);
        assertThat(ws.db().query("SELECT DISTINCT snapshot_date FROM item_snapshot ORDER BY 1", rs -> rs.getObject(1, LocalDate.class)))
                .containsExactly(SEP1, SEP2);
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot")).isEqualTo(4);
    }
}
