package dev.backfillstudio.ui.snapshot;

import static dev.backfillstudio.ui.FxThread.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.ingest.SnapshotOutcome;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.DateFrom;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.FileLine;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.FileState;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.Phase;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The view model on a real workspace, without a window. Actions run on the JavaFX thread as in the
 * app; the engine work runs right there too (a same-thread executor) except where a test needs a
 * load to be under way, so each test is sequential.
 */
class SnapshotLoadViewModelTest {

    static final LocalDate SEP1 = LocalDate.of(2024, 9, 1);
    static final LocalDate SEP2 = LocalDate.of(2024, 9, 2);
    static final LocalDate SEP3 = LocalDate.of(2024, 9, 3);

    @TempDir
    Path dir;
    Workspace ws;
    final AtomicInteger loadedCalls = new AtomicInteger();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    SnapshotLoadViewModel model() {
        return onFx(() -> new SnapshotLoadViewModel(ws, Runnable::run, loadedCalls::incrementAndGet));
    }

    /** Three items; with a date column when {@code day} is not null. Item 3 changes status on Sep 3. */
    Path snapshot(String name, LocalDate day) throws Exception {
        String status3 = day != null && day.equals(SEP3) ? "PASSIVE" : "ACTIVE";
        String text = day == null
                ? "id,name,status\n1,ivory harp,ACTIVE\n2,eager easel,ACTIVE\n3,calm cello," + status3 + "\n"
                : "id,name,status,snapshot_date\n1,ivory harp,ACTIVE," + day + "\n2,eager easel,ACTIVE," + day
                        + "\n3,calm cello," + status3 + "," + day + "\n";
        return Files.writeString(dir.resolve(name), text);
    }

    long rowsOn(String table, LocalDate day) throws Exception {
        return ws.db().queryLong("SELECT count(*) FROM " + table + " WHERE snapshot_date = ?", day);
    }

    static List<FileState> states(SnapshotLoadViewModel vm) {
        return vm.files().stream().map(FileLine::state).toList();
    }

    static List<String> details(SnapshotLoadViewModel vm) {
        return vm.files().stream().map(FileLine::detail).toList();
    }

    @Test
    void twoDaysDatedByTheirColumnLoadWithALinePerFileAndASummary() throws Exception {
        Path a = snapshot("a.csv", SEP1);
        Path b = snapshot("b.csv", SEP2);
        SnapshotLoadViewModel vm = model();
        onFx(() -> vm.addFiles(List.of(a, b)));

        assertThat(vm.dateFromProperty().get()).isEqualTo(DateFrom.COLUMN);
        assertThat(vm.dateColumnProperty().get()).isEqualTo("snapshot_date");
        assertThat(vm.columns()).containsExactly("id", "name", "status", "snapshot_date");
        assertThat(vm.previewColumnsProperty().get()).isEqualTo("id BIGINT \u00b7 name VARCHAR \u00b7 status VARCHAR \u00b7 snapshot_date DATE");
        assertThat(vm.previewProperty().get().rows()).hasSize(3);
        assertThat(vm.canLoadProperty().get()).isFalse(); // no table yet

        onFx(() -> {
            vm.tableProperty().set("item_snapshot");
            vm.load();
        });

        assertThat(vm.phaseProperty().get()).isEqualTo(Phase.DONE);
        assertThat(states(vm)).containsExactly(FileState.LOADED, FileState.LOADED);
        assertThat(details(vm)).containsExactly("2024-09-01 \u00b7 3 rows loaded", "2024-09-02 \u00b7 3 rows loaded");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 files loaded into item_snapshot: 6 rows.");
        assertThat(vm.summaryCleanProperty().get()).isTrue();
        assertThat(rowsOn("item_snapshot", SEP1)).isEqualTo(3);
        assertThat(rowsOn("item_snapshot", SEP2)).isEqualTo(3);
        assertThat(vm.tables()).containsExactly("item_snapshot");
        assertThat(vm.tableHintProperty().get()).isEqualTo("Existing snapshot table, dated by snapshot_date");
        assertThat(loadedCalls).hasValue(1);
        assertThat(vm.loadedAnyProperty().get()).isTrue();
        assertThat(vm.historyKeysProperty().get()).isEqualTo("id");
        assertThat(vm.historyNameProperty().get()).isEqualTo("item_history");
    }

    @Test
    void daysFromFileNamesShowPerFileAndAFileWithoutOneIsRefusedWhileTheOthersLoad() throws Exception {
        Path notes = snapshot("notes.csv", null);
        Path sep1 = snapshot("item_2024-09-01.csv", null);
        Path sep2 = snapshot("item_2024-09-02.csv", null);
        SnapshotLoadViewModel vm = model();
        onFx(() -> vm.addFiles(List.of(sep1, sep2)));
        assertThat(vm.dateFromProperty().get()).isEqualTo(DateFrom.FILE_NAME);
        onFx(() -> vm.addFiles(List.of(notes, sep1))); // sep1 is listed once
        assertThat(vm.files()).extracting(FileLine::name).containsExactly("item_2024-09-01.csv", "item_2024-09-02.csv", "notes.csv");
        assertThat(states(vm)).containsExactly(FileState.READY, FileState.READY, FileState.NO_DAY);
        assertThat(details(vm)).containsExactly("Day 2024-09-01", "Day 2024-09-02",
                "The file name holds no day (YYYY-MM-DD).");
        assertThat(vm.previewColumnsProperty().get()).endsWith("snapshot_date DATE");
        assertThat(vm.previewProperty().get().rows().get(0)).last().isEqualTo(SEP1);

        onFx(() -> {
            vm.tableProperty().set("item_snapshot");
            vm.load();
        });

        assertThat(states(vm)).containsExactly(FileState.LOADED, FileState.LOADED, FileState.REFUSED);
        assertThat(details(vm).get(2)).isEqualTo("notes.csv: the file name holds no day (YYYY-MM-DD).");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 files loaded into item_snapshot: 6 rows. 1 file refused.");
        assertThat(vm.summaryCleanProperty().get()).isFalse();
        assertThat(rowsOn("item_snapshot", SEP1)).isEqualTo(3);
        assertThat(rowsOn("item_snapshot", SEP2)).isEqualTo(3);
    }

    @Test
    void aFileWithTwoDaysIsRefusedWithItsLineAndTheOthersLoad() throws Exception {
        Path a = snapshot("a.csv", SEP1);
        Path mixed = Files.writeString(dir.resolve("mixed.csv"),
                "id,name,status,snapshot_date\n1,ivory harp,ACTIVE,2024-09-02\n2,eager easel,ACTIVE,2024-09-03\n");
        Path c = snapshot("c.csv", SEP3);
        SnapshotLoadViewModel vm = model();
        onFx(() -> {
            vm.addFiles(List.of(a, mixed, c));
            vm.tableProperty().set("item_snapshot");
            vm.load();
        });

        assertThat(states(vm)).containsExactly(FileState.LOADED, FileState.REFUSED, FileState.LOADED);
        assertThat(details(vm).get(1)).isEqualTo("mixed.csv line 3: snapshot_date is 2024-09-03, another day than the rest"
                + " (2024-09-02 on the first row); a snapshot file holds one day.");
        assertThat(vm.resultsProperty().get()).extracting(r -> r.outcome())
                .containsExactly(SnapshotOutcome.LOADED, SnapshotOutcome.REFUSED, SnapshotOutcome.LOADED);
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot")).isEqualTo(6);
        assertThat(rowsOn("item_snapshot", SEP2)).isZero();
    }

    @Test
    void oneDayForAllFilesNeedsADayThenLoadsOnIt() throws Exception {
        Path plain = snapshot("items.csv", null);
        SnapshotLoadViewModel vm = model();
        onFx(() -> {
            vm.addFiles(List.of(plain));
            vm.tableProperty().set("item_snapshot");
        });
        assertThat(vm.dateFromProperty().get()).isEqualTo(DateFrom.FIXED_DAY);
        assertThat(vm.canLoadProperty().get()).isFalse();
        assertThat(details(vm)).containsExactly("Pick the day below");

        onFx(() -> vm.dayProperty().set(SEP2));
        assertThat(details(vm)).containsExactly("Day 2024-09-02");
        assertThat(vm.previewProperty().get().rows().get(0)).last().isEqualTo(SEP2);
        assertThat(vm.canLoadProperty().get()).isTrue();
        onFx(vm::load);

        assertThat(states(vm)).containsExactly(FileState.LOADED);
        assertThat(rowsOn("item_snapshot", SEP2)).isEqualTo(3);
    }

    @Test
    void aDayAlreadyLoadedIsRefusedInTheDialogsWordsUntilReplaceIsTicked() throws Exception {
        Path a = snapshot("a.csv", SEP1);
        SnapshotLoadViewModel vm = model();
        onFx(() -> {
            vm.addFiles(List.of(a));
            vm.tableProperty().set("item_snapshot");
            vm.load();
        });
        assertThat(states(vm)).containsExactly(FileState.LOADED);

        onFx(vm::load);
        assertThat(states(vm)).containsExactly(FileState.REFUSED);
        assertThat(details(vm).get(0)).isEqualTo("item_snapshot already has the snapshot of 2024-09-01;"
                + " tick \u201cReplace days already loaded\u201d to swap it for a.csv.");
        assertThat(vm.summaryProperty().get()).isEqualTo("Nothing was loaded into item_snapshot. 1 file refused.");

        onFx(() -> {
            vm.replaceProperty().set(true);
            vm.load();
        });
        assertThat(states(vm)).containsExactly(FileState.REPLACED);
        assertThat(details(vm)).containsExactly("2024-09-01 \u00b7 3 rows, the same as the day loaded before");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 file loaded into item_snapshot: 3 rows, 1 day replaced.");
        assertThat(rowsOn("item_snapshot", SEP1)).isEqualTo(3);

        Path changed = Files.writeString(dir.resolve("a2.csv"), Files.readString(a).replace("calm cello,ACTIVE", "calm cello,PASSIVE"));
        onFx(() -> {
            vm.clearFiles();
            vm.addFiles(List.of(changed));
            vm.load();
        });
        assertThat(states(vm)).containsExactly(FileState.REPLACED);
        assertThat(details(vm)).containsExactly("2024-09-01 \u00b7 3 rows, replacing the day loaded before");
    }

    @Test
    void cancelKeepsTheFinishedFileAndTheCancelledOneLeavesNothing() throws Exception {
        List<Path> files = List.of(snapshot("a.csv", SEP1), snapshot("b.csv", SEP2), snapshot("c.csv", SEP3));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            SnapshotLoadViewModel vm = onFx(() -> new SnapshotLoadViewModel(ws, worker, loadedCalls::incrementAndGet));
            onFx(() -> vm.addFiles(files));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.previewProperty().get() != null);
            // Cancel the moment the second file starts, as a user would on seeing it begin.
            onFx(() -> {
                vm.files().addListener((ListChangeListener<FileLine>) change -> {
                    if (vm.files().get(1).state() == FileState.LOADING) {
                        vm.cancel();
                    }
                });
                vm.tableProperty().set("item_snapshot");
                vm.load();
            });
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.phaseProperty().get() == Phase.CANCELLED);
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(states(vm)).containsExactly(FileState.LOADED, FileState.CANCELLED, FileState.NOT_LOADED);
            assertThat(details(vm).get(1)).isEqualTo("Loading b.csv was cancelled; nothing of it was written.");
            assertThat(details(vm).get(2)).isEqualTo("Not loaded: the load was cancelled first.");
            assertThat(vm.summaryProperty().get()).isEqualTo("1 file loaded into item_snapshot: 3 rows. Cancelled: 2 files not loaded.");
            assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot")).isEqualTo(3);
            assertThat(rowsOn("item_snapshot", SEP1)).isEqualTo(3);
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void aTableOfAnotherKindIsRefusedBeforeAnyFileAndTheFormStaysUsable() throws Exception {
        ws.db().execute("CREATE TABLE item (id BIGINT)");
        Path a = snapshot("a.csv", SEP1);
        SnapshotLoadViewModel vm = model();
        onFx(() -> {
            vm.addFiles(List.of(a));
            vm.tableProperty().set("item");
            vm.load();
        });
        assertThat(vm.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(vm.errorProperty().get()).startsWith("Table item is a ").endsWith("not a snapshot table; load the snapshots into another table.");
        assertThat(states(vm)).containsExactly(FileState.READY);
        assertThat(vm.canLoadProperty().get()).isTrue();

        onFx(() -> vm.tableProperty().set("bad name"));
        onFx(vm::load);
        assertThat(vm.errorProperty().get()).startsWith("\"bad name\" is not a valid table name");
    }

    @Test
    void rebuildingTheHistoryReportsItsCompressionOrTheEnginesSentence() throws Exception {
        List<Path> files = List.of(snapshot("a.csv", SEP1), snapshot("b.csv", SEP2), snapshot("c.csv", SEP3));
        SnapshotLoadViewModel vm = model();
        onFx(() -> {
            vm.addFiles(files);
            vm.tableProperty().set("item_snapshot");
            vm.load();
        });
        assertThat(vm.canRebuildProperty().get()).isTrue();

        onFx(() -> {
            vm.historyKeysProperty().set("nope");
            vm.rebuildHistory();
        });
        assertThat(vm.historyErrorProperty().get()).isEqualTo("item_snapshot has no column nope (its columns: id, name, status, snapshot_date).");
        assertThat(vm.historyTextProperty().get()).isEmpty();

        onFx(() -> {
            vm.historyKeysProperty().set("id");
            vm.rebuildHistory();
        });
        // items 1 and 2 never change (one version each), item 3 turns PASSIVE on Sep 3 (two versions)
        assertThat(vm.historyErrorProperty().get()).isEmpty();
        assertThat(vm.historyTextProperty().get()).isEqualTo(String.format(
                "item_history: 9 snapshot rows \u2192 4 history rows (%.1f\u00d7 smaller)", 2.25));
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_history_asof(DATE '2024-09-03') WHERE status = 'PASSIVE'"))
                .isEqualTo(1);
        assertThat(vm.historyRunningProperty().get()).isFalse();
    }
}
