package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.ui.calendar.CalendarView;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class RowsChartInWindowTest {

    @TempDir
    Path dir;

    Stage stage;
    BackfillStudioApp app;
    FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Path db = dir.resolve("demo.duckdb");
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            new DemoBuilder(ws).buildSampleWithJobs();
        }
        stage = FxToolkit.registerPrimaryStage();
        app = (BackfillStudioApp) FxToolkit.setupApplication(BackfillStudioApp.class, db.toString());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> stage.getTitle().contains("demo.duckdb"));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void barsShowOnFirstOpen() throws Exception {
        ListView<?> jobs = robot.lookup("#jobList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 3);
        robot.interact(() -> app.model().jobs().stream().filter(j -> j.job().name().equals(SampleData.SNAPSHOT_JOB)).findFirst()
                .ifPresent(j -> jobs.getSelectionModel().select(app.model().jobs().indexOf(j))));
        CalendarView calendar = robot.lookup("#calendar").queryAs(CalendarView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> calendar.getDays().size() > 300);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        NumberAxis y = (NumberAxis) robot.lookup(".rows-chart .axis").queryAll().stream().filter(n -> n instanceof NumberAxis).findFirst().orElseThrow();
        System.out.println("upper " + y.getUpperBound() + " month " + calendar.getYearMonth());
        for (Node n : robot.lookup(".rows-chart .chart-bar").queryAll()) {
            System.out.println("bar " + ((Region) n).getHeight() + " " + n.isVisible() + " " + n.getStyleClass());
        }
        Screenshots.save(stage.getScene(), "chart-first-open");
    }
}
