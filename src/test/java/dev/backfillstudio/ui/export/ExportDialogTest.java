package dev.backfillstudio.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Readable;
import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.ui.HeadlessDialogs;
import dev.backfillstudio.ui.Screenshots;
import dev.backfillstudio.workspace.Workspace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class ExportDialogTest {

    @TempDir
    Path dir;
    Workspace ws;
    Stage owner;
    ExportDialog dialog;
    final List<URI> opened = new CopyOnWriteArrayList<>();
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
        ws.db().execute("CREATE TABLE item_snapshot AS SELECT i AS item_id, 'item ' || i AS name,"
                + " DATE '2024-09-01' + CAST(i % 30 AS INTEGER) AS snapshot_date FROM range(1234) r(i)");
        owner = FxToolkit.registerPrimaryStage();
    }

    void openDialog(ExportSource source, Executor executor) throws Exception {
        dialog = HeadlessDialogs.open(() -> executor == null ? ExportDialog.show(owner, ws, source, opened::add)
                : ExportDialog.show(owner, ws, source, executor, opened::add));
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

    @Test
    void exportsATableToParquetAtATypedPathAndShowsTheRowCount() throws Exception {
        openDialog(ExportSource.table("item_snapshot"), null);
        Label source = label("#sourceSummary");
        assertThat(source.getText()).isEqualTo("table item_snapshot");
        Path out = Files.createDirectory(dir.resolve("exports")).resolve("items.parquet");

        robot.clickOn(find("#csv"));
        robot.clickOn(find("#parquet"));
        assertThat(((RadioButton) find("#parquet")).isSelected()).isTrue();
        robot.doubleClickOn(find("#destination")).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(out.toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.model().destinationProperty().get()).isEqualTo(out.toString());
        screenshot("export-dialog");

        robot.clickOn(find("#export"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> find("#resultBox").isVisible());

        Label result = label("#resultText");
        assertThat(result.getText()).startsWith("1,234 rows written to " + out + " in ");
        assertThat(Files.isRegularFile(out)).isTrue();
        assertThat(ws.db().queryLong("SELECT count(*) FROM read_parquet(?)", Readable.byWorkspace(out))).isEqualTo(1234);
        assertThat(ws.db().query("DESCRIBE SELECT * FROM read_parquet(?)", rs -> rs.getString(2), Readable.byWorkspace(out)))
                .containsExactly("BIGINT", "VARCHAR", "DATE");
        screenshot("export-dialog-done");

        robot.clickOn(find("#openFolderButton"));
        assertThat(opened).containsExactly(out.getParent().toUri());

        // Again, without "Replace if it exists": refused inline, the file kept.
        robot.clickOn(find("#export"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> find("#errorBox").isVisible());
        assertThat(label("#error").getText()).contains("already exists").contains("Replace if it exists");
        assertThat(find("#resultBox").isVisible()).isFalse();
        screenshot("export-dialog-error");
    }

    @Test
    void whileAnExportRunsTheFormIsLockedAndCancelLeavesNoFile() throws Exception {
        ExportViewModelTest.JobOutputFixture.job(ws.db(), "daily", "daily_out");
        LocalDate sep1 = LocalDate.of(2024, 9, 1);
        for (int i = 0; i < 12; i++) {
            ExportViewModelTest.JobOutputFixture.day(ws.db(), "daily", "daily_out", sep1.plusDays(i), 5);
        }
        // The worker is held back, so the test sees the running dialog and presses Cancel first.
        List<Runnable> held = new CopyOnWriteArrayList<>();
        openDialog(ExportSource.job("daily", DaySet.range(sep1, sep1.plusDays(11))), held::add);
        assertThat(label("#sourceSummary").getText()).isEqualTo("job daily, 12 ticked days");
        assertThat(label("#sourceDetail").getText()).isEqualTo("2024-09-01..2024-09-12");
        Path out = Files.createDirectory(dir.resolve("exports")).resolve("daily.csv");
        robot.clickOn(find("#csv"));
        WaitForAsyncUtils.asyncFx(() -> dialog.model().destinationProperty().set(out.toString())).get();

        robot.clickOn(find("#export"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(held).hasSize(1);
        assertThat(find("#form").isDisabled()).isTrue();
        assertThat(find("#progress").isVisible()).isTrue();
        assertThat(find("#close").isVisible()).isFalse();
        screenshot("export-dialog-running");

        robot.clickOn(find("#cancel"));
        Thread worker = new Thread(held.get(0));
        worker.start();
        worker.join(20_000);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog.model().phaseProperty().get() == ExportViewModel.Phase.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label("#status").getText()).isEqualTo("Export cancelled; nothing was written.");
        assertThat(find("#close").isVisible()).isTrue();
        assertThat(find("#errorBox").isVisible()).isFalse();
        try (var files = Files.list(out.getParent())) {
            assertThat(files).isEmpty();
        }
    }
}
