package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class MainWindowTest {

    @TempDir
    static Path dir;

    Stage stage;
    javafx.application.Application app;

    @BeforeEach
    void start() throws Exception {
        Path db = dir.resolve("demo.duckdb");
        if (!db.toFile().exists()) {
            try (Workspace ws = Workspace.open(db, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
                new DemoBuilder(ws).buildSampleWithJobs();
            }
        }
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(BackfillStudioApp.class, db.toString());
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void opensTheDemoWorkspaceTitledWithItsFileAndListsItsTables() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> stage.getTitle().contains("demo.duckdb"));
        assertThat(stage.getTitle()).isEqualTo("Backfill Studio — demo.duckdb");
        FxRobot robot = new FxRobot();
        TreeView<?> sidebar = robot.lookup("#sidebar").queryAs(TreeView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !sidebar.getRoot().getChildren().isEmpty());
        String text = sidebar.getRoot().getChildren().stream()
                .flatMap(g -> java.util.stream.Stream.concat(java.util.stream.Stream.of(g), g.getChildren().stream()))
                .map(TreeItem::getValue).map(Object::toString).reduce("", (a, b) -> a + "\n" + b);
        assertThat(text).contains("Snapshot tables").contains("item_snapshot").contains("Event tables").contains("item_events");
    }
}
