package dev.backfillstudio.ui.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.ui.HeadlessDialogs;
import dev.backfillstudio.ui.Screenshots;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.DateFrom;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.FileLine;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.FileState;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class SnapshotLoadDialogTest {

    @TempDir
    Path dir;
    Workspace ws;
    Stage owner;
    SnapshotLoadDialog dialog;
    final AtomicInteger refreshed = new AtomicInteger();
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
        owner = FxToolkit.registerPrimaryStage();
        dialog = HeadlessDialogs.open(() -> SnapshotLoadDialog.show(owner, ws, refreshed::incrementAndGet));
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        ws.close();
    }

    Node find(String query) {
        return HeadlessDialogs.find(dialog.stage(), query);
    }

    Label label(String query) {
        return (Label) find(query);
    }

    /** Saves what the dialog shows, and checks that none of its words are cut short. */
    void screenshot(String name) throws Exception {
        Screenshots.save(dialog.stage().getScene(), name);
        dev.backfillstudio.ui.CutText.assertNoneIn(dialog.stage().getScene().getRoot(), name);
    }

    /** A day of eight items, dated by its file name; item 8 turns PASSIVE from Sep 3. */
    Path day(LocalDate day) throws Exception {
        StringBuilder csv = new StringBuilder("id,name,status,price\n");
        String[] names = {"ivory harp", "eager easel", "calm cello", "brisk banjo", "quiet quill", "lucky lute",
            "amber anvil", "noble nib"};
        for (int i = 1; i <= 8; i++) {
            String status = i == 8 && !day.isBefore(LocalDate.of(2024, 9, 3)) ? "PASSIVE" : "ACTIVE";
            csv.append(i).append(',').append(names[i - 1]).append(' ').append(i).append(',').append(status).append(',')
                    .append(10 + i).append(".50\n");
        }
        return Files.writeString(dir.resolve("item_" + day + ".csv"), csv);
    }

    @Test
    void loadsFilesDatedByTheirNamesThenRebuildsTheHistory() throws Exception {
        List<Path> files = List.of(day(LocalDate.of(2024, 9, 1)), day(LocalDate.of(2024, 9, 2)),
                day(LocalDate.of(2024, 9, 3)), day(LocalDate.of(2024, 9, 4)));
        Path undated = Files.writeString(dir.resolve("item_latest.csv"), "id,name,status,price\n1,ivory harp 1,ACTIVE,11.50\n");
        // The choosers cannot be driven headless: add the files as the chooser would.
        WaitForAsyncUtils.asyncFx(() -> dialog.model().addFiles(List.of(files.get(0), files.get(1), files.get(2), files.get(3),
                undated))).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog.model().previewProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(find("#fromDay"));
        assertThat(dialog.model().dateFromProperty().get()).isEqualTo(DateFrom.FIXED_DAY);
        robot.clickOn(find("#fromFileName"));
        assertThat(((RadioButton) find("#fromFileName")).isSelected()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.model().files()).extracting(FileLine::detail).startsWith("Day 2024-09-01", "Day 2024-09-02");
        assertThat(dialog.model().files().get(4).state()).isEqualTo(FileState.NO_DAY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label("#previewColumns").getText().endsWith("snapshot_date DATE"));
        assertThat(label("#previewColumns").getText())
                .isEqualTo("id BIGINT \u00b7 name VARCHAR \u00b7 status VARCHAR \u00b7 price DOUBLE \u00b7 snapshot_date DATE");

        ComboBox<?> table = (ComboBox<?>) find("#tableBox");
        robot.clickOn(table.getEditor()).write("item_snapshot");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label("#tableHint").getText()).isEqualTo("A new snapshot table");
        Button load = (Button) find("#load");
        assertThat(load.getText()).isEqualTo("Load 5 files");
        screenshot("snapshot-dialog-ready");

        robot.clickOn(load);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> find("#summaryBox").isVisible());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialog.model().files()).extracting(FileLine::state).containsExactly(FileState.LOADED, FileState.LOADED,
                FileState.LOADED, FileState.LOADED, FileState.REFUSED);
        assertThat(dialog.model().files().get(0).detail()).isEqualTo("2024-09-01 \u00b7 8 rows loaded");
        assertThat(dialog.model().files().get(4).detail()).isEqualTo("item_latest.csv: the file name holds no day (YYYY-MM-DD).");
        assertThat(label("#summary").getText()).isEqualTo("4 files loaded into item_snapshot: 32 rows. 1 file refused.");
        assertThat(ws.db().query("SELECT snapshot_date, count(*) FROM item_snapshot GROUP BY 1 ORDER BY 1",
                rs -> rs.getObject(1, LocalDate.class) + "=" + rs.getLong(2)))
                .containsExactly("2024-09-01=8", "2024-09-02=8", "2024-09-03=8", "2024-09-04=8");
        assertThat(ws.db().queryOne("SELECT kind FROM bfs.tables WHERE name = 'item_snapshot'", rs -> rs.getString(1)))
                .contains("SNAPSHOT");
        assertThat(refreshed).hasValue(1);
        assertThat(find("#historyBox").isVisible()).isTrue();

        robot.clickOn(find("#rebuild"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> find("#historyResultBox").isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label("#historyText").getText())
                .isEqualTo(String.format("item_history: 32 snapshot rows \u2192 9 history rows (%.1f\u00d7 smaller)", 32 / 9.0));
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_history_asof(DATE '2024-09-04')")).isEqualTo(8);
        assertThat(refreshed).hasValue(2);
        screenshot("snapshot-dialog");
    }
}
