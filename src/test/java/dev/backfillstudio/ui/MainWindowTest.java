package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.ui.calendar.CalendarView;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
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
    Path dir;

    Stage stage;
    BackfillStudioApp app;
    FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Path db = dir.resolve("demo.duckdb");
        try (Workspace ws = Workspaces.demo(db)) {
            // a job slow enough to cancel: about half a second a day
            new JobStore(ws).save("slow", "slow_out",
                    "SELECT count(*) AS n FROM range(100000000) t(i) WHERE hash(i, {DATE}) % 7 = 0");
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

    private Workspace workspace() {
        return app.model().workspaceProperty().get();
    }

    /**
     * Reads or changes the app's workspace on the app's own worker, as the app's tasks do: the main
     * connection runs one statement at a time, so the test never uses it from its own thread.
     */
    private <T> T onAppWorker(java.util.function.Function<Workspace, T> work) throws Exception {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> work.apply(workspace()), app.model().executor())
                .get(60, TimeUnit.SECONDS);
    }

    private void openJob(String name) throws Exception {
        ListView<?> jobs = robot.lookup("#jobList").queryAs(ListView.class);
        // the sample's four jobs and the slow one
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 5);
        robot.interact(() -> app.model().jobs().stream().filter(j -> j.job().name().equals(name)).findFirst()
                .ifPresent(j -> jobs.getSelectionModel().select(app.model().jobs().indexOf(j))));
        CalendarView calendar = calendar();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> calendar.getDays().size() > 300);
    }

    private CalendarView calendar() {
        return FxThread.read(() -> robot.lookup("#calendar").queryAs(CalendarView.class));
    }

    private Node cell(LocalDate day) {
        // on the FX thread: the calendar rebuilds its cells there while the test looks
        return FxThread.onFx(() -> robot.lookup("#day-" + day).query());
    }

    /** Clicks the plan dialog's go-ahead button (the header's Rerun button has the same words). */
    private void confirmPlan(String text) {
        javafx.scene.control.DialogPane pane = robot.lookup(".rerun-plan").queryAs(javafx.scene.control.DialogPane.class);
        javafx.scene.control.ButtonType go = pane.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow();
        Button button = (Button) pane.lookupButton(go);
        assertThat(button.getText()).isEqualTo(text);
        robot.clickOn(button);
    }

    private DayInfo engineStatus(String job, LocalDate day) throws Exception {
        return onAppWorker(ws -> new StatusReader(ws).days(job, day, day).get(0));
    }

    @Test
    void opensTheDemoWorkspaceTitledWithItsFileAndListsItsTablesAndJobs() throws Exception {
        assertThat(stage.getTitle()).isEqualTo("Backfill Studio — demo.duckdb");
        TreeView<?> sidebar = robot.lookup("#sidebar").queryAs(TreeView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !sidebar.getRoot().getChildren().isEmpty());
        String text = sidebar.getRoot().getChildren().stream()
                .flatMap(g -> java.util.stream.Stream.concat(java.util.stream.Stream.of(g), g.getChildren().stream()))
                .map(TreeItem::getValue).map(Object::toString).reduce("", (a, b) -> a + "\n" + b);
        assertThat(text).contains("Snapshot tables").contains("item_snapshot").contains("History tables")
                .contains("item_history").contains("Event tables").contains("item_events").contains("Job outputs");
        openJob(SampleData.SNAPSHOT_JOB);
        assertThat(app.model().jobs()).extracting(j -> j.job().name())
                .contains(SampleData.NAIVE_JOB, SampleData.SNAPSHOT_JOB, SampleData.HISTORY_JOB);
        // the sample shows every status: stale September, failed 13 October (no snapshot), missing end of October
        CalendarView calendar = calendar();
        robot.interact(() -> calendar.setYearMonth(java.time.YearMonth.of(2024, 10)));
        assertThat(cell(LocalDate.of(2024, 10, 13)).getStyleClass()).contains("status-failed", "input-missing");
        assertThat(cell(LocalDate.of(2024, 10, 5)).getStyleClass()).contains("status-succeeded");
        assertThat(cell(LocalDate.of(2024, 10, 15)).getStyleClass()).contains("status-stale");
        assertThat(cell(LocalDate.of(2024, 10, 25)).getStyleClass()).contains("status-missing");
        robot.interact(() -> {
            calendar.getSelection().selectRange(LocalDate.of(2024, 10, 21), LocalDate.of(2024, 10, 23));
            calendar.setFocusedDay(LocalDate.of(2024, 10, 14));
            calendar.openDay(LocalDate.of(2024, 10, 13));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path shot = Screenshots.save(stage.getScene(), "main");
        assertThat(Files.size(shot)).isPositive();
    }

    @Test
    void tickingThreeDaysWithAClickAndAShiftClickRangeAndRerunningThemTurnsThemSucceeded() throws Exception {
        openJob(SampleData.SNAPSHOT_JOB);
        CalendarView calendar = calendar();
        robot.interact(() -> calendar.setYearMonth(java.time.YearMonth.of(2024, 10)));
        LocalDate a = LocalDate.of(2024, 10, 21);
        LocalDate c = LocalDate.of(2024, 10, 23);
        assertThat(engineStatus(SampleData.SNAPSHOT_JOB, a).status()).isEqualTo(DayStatus.MISSING);
        robot.clickOn(cell(a));
        robot.press(KeyCode.SHIFT).clickOn(cell(c)).release(KeyCode.SHIFT);
        assertThat(calendar.getSelection().days()).containsExactly(a, a.plusDays(1), c);
        Button rerun = robot.lookup("#rerunButton").queryAs(Button.class);
        assertThat(rerun.getText()).isEqualTo("Rerun 3 days");
        robot.clickOn(rerun);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        confirmPlan("Rerun 3 days");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> List.of(a, a.plusDays(1), c).stream().allMatch(d -> cell(d).getStyleClass().contains("status-succeeded")));
        Job job = onAppWorker(ws -> new JobStore(ws).get(SampleData.SNAPSHOT_JOB));
        for (LocalDate d : List.of(a, a.plusDays(1), c)) {
            DayInfo info = engineStatus(SampleData.SNAPSHOT_JOB, d);
            assertThat(info.status()).isEqualTo(DayStatus.SUCCEEDED);
            assertThat(info.version()).contains(job.currentVersion());
            assertThat(calendar.getDays().get(d).rows()).isEqualTo(info.rows());
        }
        assertThat(engineStatus(SampleData.SNAPSHOT_JOB, c.plusDays(1)).status()).isEqualTo(DayStatus.MISSING);
    }

    @Test
    void savingANewVersionInTheEditorTurnsTheDaysOfTheOldOneStale() throws Exception {
        openJob(SampleData.SNAPSHOT_JOB);
        CalendarView calendar = calendar();
        robot.interact(() -> calendar.setYearMonth(java.time.YearMonth.of(2024, 10)));
        LocalDate day = LocalDate.of(2024, 10, 5);
        assertThat(cell(day).getStyleClass()).contains("status-succeeded");
        robot.clickOn(robot.lookup("#editButton").queryAs(Button.class));
        // the window the click opened, and nothing else
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editorWindow().isPresent());
        Stage editor = editorWindow().orElseThrow();
        assertThat(editor.getTitle()).contains("Job " + SampleData.SNAPSHOT_JOB);
        dev.backfillstudio.ui.editor.SqlEditor sql = robot.from(editor.getScene().getRoot()).lookup("#editor")
                .queryAs(dev.backfillstudio.ui.editor.SqlEditor.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> sql.getText().contains("FROM item_events e"));
        String before = sql.getText();
        robot.clickOn(sql.area()).press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        robot.write(" AND e.kind <> 'view'");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> sql.getText().equals(before.stripTrailing() + " AND e.kind <> 'view'")
                || sql.getText().equals(before + " AND e.kind <> 'view'"));
        Button save = robot.from(editor.getScene().getRoot()).lookup("#save").queryAs(Button.class);
        robot.clickOn(save);
        javafx.scene.control.Label saved = robot.from(editor.getScene().getRoot()).lookup("#saveMessage").queryAs(javafx.scene.control.Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "Saved as version 3.".equals(saved.getText()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> cell(day).getStyleClass().contains("status-stale"));
        assertThat(engineStatus(SampleData.SNAPSHOT_JOB, day).status()).isEqualTo(DayStatus.STALE);
        assertThat(robot.lookup("#jobSubtitle").queryAs(javafx.scene.control.Label.class).getText()).contains("version 3");
        String savedSql = onAppWorker(ws -> new JobStore(ws).version(SampleData.SNAPSHOT_JOB, 3).sql());
        assertThat(savedSql).endsWith("AND e.kind <> 'view'");
        robot.interact(editor::close);
    }

    private java.util.Optional<Stage> editorWindow() {
        return robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing() && w instanceof Stage)
                .map(Stage.class::cast).filter(w -> w.getTitle() != null && w.getTitle().contains("Job ")).findFirst();
    }

    @Test
    void verifyingTickedDaysMarksTheDriftedOnesAndTheDayDetailShowsTheirRows() throws Exception {
        openJob(SampleData.NAIVE_JOB);
        CalendarView calendar = calendar();
        robot.interact(() -> calendar.setYearMonth(java.time.YearMonth.of(2024, 9)));
        // today's item table changes after the days ran: the naive job, which reads it, drifts
        onAppWorker(ws -> {
            try {
                return ws.db().update("UPDATE item SET status = CASE status WHEN 'ACTIVE' THEN 'PASSIVE' ELSE 'ACTIVE' END WHERE id % 5 = 0");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        LocalDate first = LocalDate.of(2024, 9, 2);
        LocalDate last = LocalDate.of(2024, 9, 4);
        robot.clickOn(cell(first));
        robot.press(KeyCode.SHIFT).clickOn(cell(last)).release(KeyCode.SHIFT);
        Button verify = robot.lookup("#verifyButton").queryAs(Button.class);
        assertThat(verify.getText()).isEqualTo("Verify 3 days");
        robot.clickOn(verify);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> calendar.getDriftedDays().size() == 3);
        javafx.css.PseudoClass drifted = javafx.css.PseudoClass.getPseudoClass("drifted");
        assertThat(cell(first).getPseudoClassStates()).contains(drifted);
        assertThat(cell(last.plusDays(1)).getPseudoClassStates()).doesNotContain(drifted);
        var expected = onAppWorker(ws -> new dev.backfillstudio.verify.Verifier(ws).verify(SampleData.NAIVE_JOB, first));
        robot.interact(() -> calendar.openDay(first));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#diffTitle").queryAs(javafx.scene.control.Label.class).getText().contains("DRIFTED"));
        assertThat(robot.lookup("#addedTitle").queryAs(javafx.scene.control.Label.class).getText())
                .startsWith(String.format("+%,d rows", expected.added()));
        assertThat(robot.lookup("#removedTitle").queryAs(javafx.scene.control.Label.class).getText())
                .startsWith(String.format("−%,d rows", expected.removed()));
        assertThat(expected.added() + expected.removed()).isPositive();
        // readable where they are shown, in a window of 1280 × 800: each table a few rows high, every title whole
        for (String id : java.util.List.of("#addedHolder", "#removedHolder")) {
            assertThat(robot.lookup(id).queryAs(javafx.scene.layout.Region.class).getHeight()).as("height of %s", id)
                    .isGreaterThanOrEqualTo(100);
        }
        for (String id : java.util.List.of("#diffTitle", "#addedTitle", "#removedTitle")) {
            javafx.scene.control.Label title = robot.lookup(id).queryAs(javafx.scene.control.Label.class);
            assertThat(((javafx.scene.text.Text) title.lookup(".text")).getText()).as("%s as drawn", id).isEqualTo(title.getText());
        }
        Screenshots.save(stage.getScene(), "verify");
    }

    @Test
    void cancellingALongRunKeepsTheFinishedDaysAndTheWindowKeepsDrawing() throws Exception {
        openJob("slow");
        CalendarView calendar = calendar();
        LocalDate from = LocalDate.of(2024, 9, 1);
        LocalDate to = LocalDate.of(2024, 10, 31);
        robot.interact(() -> calendar.getSelection().selectRange(from, to));
        long[] worstGap = {0};
        long[] last = {0};
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (last[0] != 0) {
                    worstGap[0] = Math.max(worstGap[0], now - last[0]);
                }
                last[0] = now;
            }
        };
        robot.interact(pulses::start);
        robot.clickOn(robot.lookup("#rerunButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        confirmPlan("Rerun 61 days");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> calendar.getDays().values().stream()
                .filter(d -> d.status() == DayStatus.SUCCEEDED).count() >= 3);
        robot.clickOn(robot.lookup("#cancelButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.model().jobModel().runningProperty().get());
        robot.interact(pulses::stop);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> calendar.getDays().values().stream()
                .noneMatch(d -> d.status() == DayStatus.QUEUED || d.status() == DayStatus.RUNNING));

        List<DayInfo> engine = onAppWorker(ws -> new StatusReader(ws).days("slow", from, to));
        long done = engine.stream().filter(d -> d.status() == DayStatus.SUCCEEDED).count();
        assertThat(done).isGreaterThanOrEqualTo(3).isLessThan(61);
        for (DayInfo d : engine) {
            assertThat(calendar.getDays().get(d.day()).status()).as(d.day().toString()).isEqualTo(d.status());
            assertThat(d.status()).isIn(DayStatus.SUCCEEDED, DayStatus.MISSING);
        }
        System.out.printf("worst gap between JavaFX pulses during the run: %d ms%n", worstGap[0] / 1_000_000);
        assertThat(worstGap[0]).isLessThan(TimeUnit.SECONDS.toNanos(1));
    }
}
