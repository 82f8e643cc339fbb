package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.source.Source;
import dev.backfillstudio.source.SourceStore;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.Postgres;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Sources in the app: the sidebar lists them, "Capture now" takes today's snapshot in the background
 * (a real PostgreSQL, the password from the driver's password file), the snapshot table then says
 * which days were captured and which came from files, and Cancel leaves the workspace as it was.
 */
class CaptureNowTest {

    static final String PGPASSFILE = "org.postgresql.pgpassfile";
    static String database;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    Stage stage;
    BackfillStudioApp app;
    FxRobot robot = new FxRobot();
    Path db;

    @BeforeAll
    static void source() throws Exception {
        database = Postgres.newDatabase("app");
        Postgres.exec(database, "CREATE TABLE item AS SELECT i AS id, 'item ' || i AS name, 'ACTIVE' AS status"
                        + " FROM generate_series(1, 1000000) i",
                "GRANT SELECT ON item TO " + Postgres.USER);
        System.setProperty(PGPASSFILE, Postgres.passwordFile(shared).toString());
    }

    @AfterAll
    static void forgetThePasswordFile() {
        System.clearProperty(PGPASSFILE);
    }

    @BeforeEach
    void start() throws Exception {
        db = dir.resolve("w.duckdb");
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            Path file = Files2.write(dir, "item_2024-09-01.csv", "id,name,status\n1,item 1,ACTIVE\n");
            new SnapshotLoader(ws).load("item_snapshot", List.of(file), SnapshotDateSource.fromFileName(), false);
            SourceStore sources = new SourceStore(ws);
            sources.add(new Source("shop", Postgres.url(database), "SELECT id, name, status FROM item WHERE id <= 10",
                    "item_snapshot", List.of()));
            sources.add(new Source("shop_all", Postgres.url(database), "SELECT id, name, status FROM item", "item_snapshot", List.of()));
        }
        stage = FxToolkit.registerPrimaryStage();
        app = (BackfillStudioApp) FxToolkit.setupApplication(BackfillStudioApp.class, db.toString());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> stage.getTitle().contains("w.duckdb"));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private TreeView<?> sidebar() {
        return robot.lookup("#sidebar").queryAs(TreeView.class);
    }

    private TreeItem<?> item(String group, java.util.function.Predicate<Object> which) {
        return sidebar().getRoot().getChildren().stream().filter(g -> g.getValue().equals(group)).findFirst()
                .flatMap(g -> g.getChildren().stream().filter(i -> which.test(i.getValue())).findFirst()).orElse(null);
    }

    private String snapshotDetail() {
        TreeItem<?> t = item("Snapshot tables", v -> v instanceof TableEntry e && e.info().name().equals("item_snapshot"));
        return t == null ? "" : ((TableEntry) t.getValue()).detail();
    }

    @SuppressWarnings("unchecked")
    private void captureNow(String source) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> item("Sources", v -> v instanceof Source s && s.name().equals(source)) != null);
        robot.interact(() -> {
            TreeView<Object> tree = (TreeView<Object>) sidebar();
            tree.getSelectionModel().select((TreeItem<Object>) item("Sources", v -> v instanceof Source s && s.name().equals(source)));
            MenuItem capture = tree.getContextMenu().getItems().stream().filter(i -> "Capture now".equals(i.getText())).findFirst().orElseThrow();
            assertThat(capture.isDisable()).isFalse();
            capture.fire();
        });
    }

    @Test
    void captureNowTakesTodaysSnapshotAndTheTableTellsCapturedDaysFromFileDays() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> snapshotDetail().contains("1 from files"));
        assertThat(snapshotDetail()).doesNotContain("captured");
        captureNow("shop");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> snapshotDetail().contains("1 captured, 1 from files"));
        assertThat(app.model().messageProperty().get()).isEqualTo("Captured " + LocalDate.now() + " of item_snapshot from source shop: 10 rows.");
        long rows = onWorker(ws -> ws.db().queryLong("SELECT count(*) FROM item_snapshot WHERE snapshot_date = ?", LocalDate.now()));
        assertThat(rows).isEqualTo(10L);
    }

    /** Reads through the app's own connection, on its worker, after the work queued before it. */
    private <T> T onWorker(SqlRead<T> read) throws Exception {
        Workspace ws = app.model().workspaceProperty().get();
        javafx.concurrent.Task<T> task = new javafx.concurrent.Task<>() {
            @Override
            protected T call() throws Exception {
                return read.apply(ws);
            }
        };
        app.model().executor().submit(task);
        return task.get(30, TimeUnit.SECONDS);
    }

    interface SqlRead<T> {
        T apply(Workspace ws) throws Exception;
    }

    @Test
    void cancelStopsTheCaptureAndWritesNothing() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> snapshotDetail().contains("1 from files"));
        String before = onWorker(w -> WorkspaceState.of(w.db()));
        captureNow("shop_all");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#captureMessage").tryQueryAs(Label.class)
                .map(l -> l.getText().contains("rows read from source shop_all")).orElse(false));
        robot.interact(() -> robot.lookup("#cancelCapture").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.model().messageProperty().get()
                .equals("Capture of source shop_all cancelled; nothing was written."));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#captureMessage").tryQuery().isEmpty());
        String after = onWorker(w -> WorkspaceState.of(w.db()));
        assertThat(after).isEqualTo(before);
    }
}
