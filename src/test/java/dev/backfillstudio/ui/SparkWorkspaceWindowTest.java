package dev.backfillstudio.ui;

import static dev.backfillstudio.spark.SparkSample.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.cli.CliRunner;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.run.Fingerprint;
import dev.backfillstudio.spark.IcebergDays;
import dev.backfillstudio.spark.SparkSample;
import dev.backfillstudio.ui.calendar.CalendarView;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The desktop app on a Spark workspace: a rerun from the run bar writes the days into Iceberg, and Undo puts them back. */
@Tag("spark")
class SparkWorkspaceWindowTest {

    static final String JOB = SampleData.SNAPSHOT_JOB;
    static final LocalDate A = LocalDate.of(2024, 9, 2);
    static final LocalDate C = LocalDate.of(2024, 9, 4);

    Stage stage;
    BackfillStudioApp app;
    final FxRobot robot = new FxRobot();

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void aRerunFromTheRunBarWritesTheDaysIntoIcebergAndUndoPutsThemBack(@TempDir Path dir) throws Exception {
        String db = SparkSample.workspace(dir, f -> f.contains("2024-09-0"));
        String v1 = SampleData.jobSql(JOB);
        String v2 = v1.replace("AND e.date = {DATE}", "AND e.date = {DATE} AND e.kind = 'view'");
        save(dir, db, v1);
        ok(CliRunner.run("run", "--db", db, "--job", JOB, "--dates", A + ".." + C));
        save(dir, db, v2);
        Map<LocalDate, Fingerprint> first = new LinkedHashMap<>();
        Map<LocalDate, Fingerprint> second = new LinkedHashMap<>();
        try (Workspace ws = Workspace.open(Path.of(db)); DayEngine engine = Engines.open(ws).orElseThrow()) {
            for (LocalDate d = A; !d.isAfter(C); d = d.plusDays(1)) {
                first.put(d, engine.fingerprintOf(SqlTemplate.forDay(v1, d)));
                second.put(d, engine.fingerprintOf(SqlTemplate.forDay(v2, d)));
            }
        }
        assertThat(held(dir)).isEqualTo(first);

        stage = FxToolkit.registerPrimaryStage();
        app = (BackfillStudioApp) FxToolkit.setupApplication(BackfillStudioApp.class, db);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> stage.getTitle().contains("spark.duckdb"));
        ListView<?> jobs = robot.lookup("#jobList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 1);
        robot.interact(() -> jobs.getSelectionModel().select(0));
        CalendarView calendar = robot.lookup("#calendar").queryAs(CalendarView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !calendar.getDays().isEmpty());
        robot.interact(() -> calendar.setYearMonth(YearMonth.of(2024, 9)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(A).getStyleClass().contains("status-stale"));

        robot.clickOn(cell(A));
        robot.press(KeyCode.SHIFT).clickOn(cell(C)).release(KeyCode.SHIFT);
        robot.clickOn(robot.lookup("#rerunButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        robot.clickOn(okButton(".rerun-plan"));
        Button undo = robot.lookup("#undoButton").queryAs(Button.class);
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, undo::isVisible);
        } catch (java.util.concurrent.TimeoutException e) {
            Screenshots.save(stage.getScene(), "spark-rerun-timeout");
            throw new AssertionError("the rerun did not finish; the run bar says: "
                    + robot.lookup("#runText").queryAs(javafx.scene.control.Label.class).getText(), e);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(A).getStyleClass().contains("status-succeeded")
                && cell(C).getStyleClass().contains("status-succeeded"));
        assertThat(held(dir)).as("Iceberg holds the new version's rows").isEqualTo(second);

        robot.clickOn(undo);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> cell(A).getStyleClass().contains("status-stale")
                && cell(C).getStyleClass().contains("status-stale"));
        assertThat(held(dir)).as("Iceberg holds the first version's rows again").isEqualTo(first);
    }

    private Node cell(LocalDate day) {
        return robot.lookup("#day-" + day).query();
    }

    private Button okButton(String dialog) {
        DialogPane pane = robot.lookup(dialog).queryAs(DialogPane.class);
        ButtonType go = pane.getButtonTypes().stream().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .findFirst().orElseThrow();
        return (Button) pane.lookupButton(go);
    }

    /** What Iceberg holds for each day, read from the warehouse (the app holds the workspace file). */
    private static Map<LocalDate, Fingerprint> held(Path dir) {
        return IcebergDays.held(dir.resolve("wh"), "active_item_events", A, C);
    }


    private static void save(Path dir, String db, String sql) throws Exception {
        Path file = Files.writeString(dir.resolve("job-" + System.nanoTime() + ".sql"), sql);
        ok(CliRunner.run("job", "save", "--db", db, "--name", JOB, "--target", "active_item_events", "--sql-file", file.toString()));
    }
}
