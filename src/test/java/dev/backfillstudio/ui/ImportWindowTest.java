package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** File → Import table… and CSV files dropped on the window, as an analyst uses them. */
class ImportWindowTest {

    @TempDir
    Path dir;
    Stage stage;
    BackfillStudioApp app;
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Path db = dir.resolve("demo.duckdb");
        Workspaces.demoFile(db);
        stage = FxToolkit.registerPrimaryStage();
        app = (BackfillStudioApp) FxToolkit.setupApplication(BackfillStudioApp.class, db.toString());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> stage.getTitle().contains("demo.duckdb"));
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
    }

    @AfterEach
    void stop() throws Exception {
        robot.interact(() -> new java.util.ArrayList<>(Window.getWindows()).stream().filter(w -> w != stage).forEach(Window::hide));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void aDroppedPlainCsvOpensTheImportDialogFilledInWithATypedPreviewAndImportsIt() throws Exception {
        Path csv = write("refunds.csv", "refund_id,item_id,amount,date\n1,10,2.50,2024-09-01\n2,11,7.25,2024-09-02\n3,10,1.00,2024-09-02\n");
        robot.interact(() -> app.mainController().openDropped(List.of(csv)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".import-dialog").tryQuery().isPresent());
        assertThat(field("#tableField").getText()).isEqualTo("refunds");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !label("#previewColumns").getText().isEmpty());
        assertThat(label("#previewColumns").getText()).isEqualTo("refund_id BIGINT · item_id BIGINT · amount DOUBLE · date DATE");
        assertThat(robot.lookup("#import-preview").queryAs(TableView.class).getItems()).hasSize(3);
        Screenshots.save(robot.lookup(".import-dialog").query().getScene(), "import-table");
        CutText.assertNoneIn(robot.lookup(".import-dialog").query().getScene().getRoot(), ".import-dialog");

        robot.clickOn(robot.lookup("#importButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> label("#importResult").isVisible());
        assertThat(label("#importResult").getText()).isEqualTo("Created refunds: 3 rows from refunds.csv (event table, dated by date).");
        assertThat(this.<Long>onAppWorker(ws -> count(ws, "SELECT count(*) FROM refunds"))).isEqualTo(3L);
        // the sidebar lists the new table among the event tables
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.model().tables().stream()
                .anyMatch(t -> t.info().name().equals("refunds")));

        // a second file with a bad line, appended: the error names file and line, and the table keeps its rows
        Path bad = write("refunds_more.csv", "refund_id,item_id,amount,date\n4,12,3.00,2024-09-03\n5,12,oops,2024-09-03\n");
        robot.interact(() -> dialogModelFile(bad));
        assertThat(field("#tableField").getText()).isEqualTo("refunds_more");
        robot.interact(() -> field("#tableField").setText("refunds"));
        robot.clickOn(robot.lookup("#appendMode").queryAs(RadioButton.class));
        // appended, the file is read with the table's types: the preview already names the bad line
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label("#importError").isVisible());
        assertThat(label("#importError").getText()).contains("refunds_more.csv").contains("line 3");
        robot.clickOn(robot.lookup("#importButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> label("#importError").isVisible()
                && !robot.lookup("#busyIndicator").query().isVisible());
        assertThat(label("#importError").getText()).contains("refunds_more.csv").contains("line 3");
        assertThat(this.<Long>onAppWorker(ws -> count(ws, "SELECT count(*) FROM refunds"))).isEqualTo(3L);
        Screenshots.save(robot.lookup(".import-dialog").query().getScene(), "import-table-error");
        CutText.assertNoneIn(robot.lookup(".import-dialog").query().getScene().getRoot(), ".import-dialog");
    }

    @Test
    void droppedFilesWhoseNamesCarryDaysOpenTheSnapshotDialogWithThem() throws Exception {
        Path a = write("shop_2024-09-01.csv", "id,name,status\n1,a,ACTIVE\n");
        Path b = write("shop_2024-09-02.csv", "id,name,status\n1,a,PASSIVE\n");
        robot.interact(() -> app.mainController().openDropped(List.of(a, b)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".snapshot-dialog").tryQuery().isPresent());
        javafx.scene.control.ListView<?> files = robot.lookup("#fileList").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> files.getItems().size() == 2);
        assertThat(files.getItems()).extracting(o -> ((SnapshotLoadViewModel.FileLine) o).name())
                .containsExactly(a.getFileName().toString(), b.getFileName().toString());
        assertThat(robot.lookup(".import-dialog").tryQuery()).isEmpty();
    }

    @Test
    void aSnapshotTablesContextMenuBuildsAHistoryWithThePickedKeyAndShowsWhatItDid() throws Exception {
        javafx.scene.control.TreeView<?> sidebar = robot.lookup("#sidebar").queryAs(javafx.scene.control.TreeView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".tree-cell").queryAll().stream()
                .anyMatch(c -> c instanceof javafx.scene.control.TreeCell<?> t && t.getItem() instanceof TableEntry e
                        && e.info().name().equals("item_snapshot")));
        javafx.scene.Node cell = robot.lookup(".tree-cell").queryAll().stream()
                .filter(c -> c instanceof javafx.scene.control.TreeCell<?> t && t.getItem() instanceof TableEntry e
                        && e.info().name().equals("item_snapshot")).findFirst().orElseThrow();
        robot.clickOn(cell);
        // the sidebar's context menu offers the build for a snapshot table (a headless robot cannot open a popup menu)
        javafx.scene.control.MenuItem build = sidebar.getContextMenu().getItems().stream()
                .filter(i -> "build-history-item".equals(i.getId())).findFirst().orElseThrow();
        assertThat(build.isVisible()).isTrue();
        robot.interact(build::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#key-id").tryQuery().isPresent());
        assertThat(robot.lookup("#key-id").queryAs(javafx.scene.control.CheckBox.class).isSelected()).as("id is the usual key").isTrue();
        assertThat(field("#nameField").getText()).isEqualTo("item_history");
        robot.interact(() -> field("#nameField").setText("item_history_by_id"));
        robot.clickOn(robot.lookup("#buildButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> label("#historyResult").isVisible());
        assertThat(label("#historyResult").getText()).startsWith("Built item_history_by_id: ");
        Screenshots.save(robot.lookup(".history-dialog").query().getScene(), "build-history");
        CutText.assertNoneIn(robot.lookup(".history-dialog").query().getScene().getRoot(), ".history-dialog");
        // the new history gives each day exactly that day's snapshot
        long asof = onAppWorker(ws -> count(ws, "SELECT count(*) FROM (SELECT id, name, status FROM item_history_by_id_asof(DATE '2024-09-05')"
                + " EXCEPT ALL SELECT id, name, status FROM item_snapshot WHERE snapshot_date = DATE '2024-09-05')"));
        long day = onAppWorker(ws -> count(ws, "SELECT count(*) FROM item_history_by_id_asof(DATE '2024-09-05')"));
        long snapshot = onAppWorker(ws -> count(ws, "SELECT count(*) FROM item_snapshot WHERE snapshot_date = DATE '2024-09-05'"));
        assertThat(asof).isZero();
        assertThat(day).isEqualTo(snapshot).isPositive();
    }

    // ---- helpers

    /** Sets the open import dialog's file, as the chooser does (a headless robot cannot drive the system's file chooser). */
    private void dialogModelFile(Path file) {
        Object model = robot.lookup(".import-dialog").query().getProperties().get(dev.backfillstudio.ui.importer.ImportTableDialog.MODEL);
        ((dev.backfillstudio.ui.importer.ImportTableViewModel) model).fileProperty().set(file);
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private TextField field(String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    private <T> T onAppWorker(Function<Workspace, T> work) throws Exception {
        return CompletableFuture.supplyAsync(() -> work.apply(app.model().workspaceProperty().get()), app.model().executor())
                .get(60, TimeUnit.SECONDS);
    }

    private static long count(Workspace ws, String sql) {
        try {
            return ws.db().queryLong(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
