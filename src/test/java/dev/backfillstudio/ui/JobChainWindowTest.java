package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.ui.calendar.CalendarView;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Job chains in the window: the plan's downstream days and rerunning them too, the sidebar's order and links, a day's lineage. */
class JobChainWindowTest {

    private static final String UP = SampleData.SNAPSHOT_JOB;
    private static final String DOWN = SampleData.DOWNSTREAM_JOB;
    private static final LocalDate OCT_5 = LocalDate.of(2024, 10, 5);

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
            stage.setWidth(1440);
            stage.setHeight(900);
        });
    }

    @AfterEach
    void stop() throws Exception {
        robot.interact(() -> new java.util.ArrayList<>(javafx.stage.Window.getWindows()).stream().filter(w -> w != stage)
                .forEach(javafx.stage.Window::hide));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void thePlanListsTheDownstreamDaysAndTickingRerunThemTooRerunsThemInTheSameRun() throws Exception {
        // one active event of 5 October disappears from the events: rerunning that day changes its output
        onAppWorker(ws -> update(ws, "DELETE FROM item_events WHERE event_id = (SELECT min(event_id) FROM active_item_events"
                + " WHERE partition_date = ?)", OCT_5));
        // the sample's downstream days of late September are stale already: they read days of version 1 upstream
        List<LocalDate> staleBefore = onAppWorker(ws -> new StatusReader(ws).days(DOWN, LocalDate.of(2024, 9, 1), LocalDate.of(2024, 10, 31))
                .stream().filter(d -> d.status() == DayStatus.STALE).map(DayInfo::day).toList());
        assertThat(staleBefore).isNotEmpty().doesNotContain(OCT_5);
        openJob(UP);
        robot.interact(() -> calendar().setYearMonth(YearMonth.of(2024, 10)));
        robot.clickOn(robot.lookup("#day-" + OCT_5).queryAs(Node.class));
        robot.clickOn(robot.lookup("#rerunButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());

        DialogPane plan = robot.lookup(".rerun-plan").queryAs(DialogPane.class);
        ListView<?> downstream = robot.from(plan).lookup("#plan-downstream").queryAs(ListView.class);
        assertThat(downstream.getItems()).extracting(Object::toString).containsExactly(DOWN + " · 2024-10-05 (1 day)",
                DOWN + " · already stale: " + dev.backfillstudio.run.DaySet.of(staleBefore) + " (" + staleBefore.size() + " days)");
        CheckBox too = robot.from(plan).lookup("#rerun-downstream").queryAs(CheckBox.class);
        assertThat(too.isSelected()).as("off unless asked").isFalse();
        robot.clickOn(too);
        assertThat(too.isSelected()).isTrue();
        Screenshots.save(plan.getScene(), "rerun-plan-downstream");
        CutText.assertNoneIn(plan, "the plan");
        robot.clickOn((Button) plan.lookupButton(plan.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow()));

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !app.model().jobModel().runningProperty().get()
                && !app.model().jobModel().downstreamRuns().isEmpty());
        assertThat(app.model().jobModel().downstreamRuns()).singleElement().satisfies(r -> {
            assertThat(r.job()).isEqualTo(DOWN);
            List<LocalDate> expected = new java.util.ArrayList<>(staleBefore);
            expected.add(OCT_5);
            assertThat(r.days()).extracting(d -> d.day()).containsExactlyInAnyOrderElementsOf(expected);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#runText").queryAs(Label.class).getText()
                .contains("downstream reran " + DOWN + " " + (staleBefore.size() + 1) + " days"));
        DayInfo down = onAppWorker(ws -> new StatusReader(ws).days(DOWN, OCT_5, OCT_5).get(0));
        assertThat(down.status()).isEqualTo(DayStatus.SUCCEEDED);
        // the downstream day holds what the events give directly, one event fewer than before
        Map<String, Long> stored = onAppWorker(ws -> counts(ws, "SELECT kind, events FROM active_items_per_kind_out"
                + " WHERE partition_date = ?"));
        Map<String, Long> direct = onAppWorker(ws -> counts(ws, "SELECT e.kind, count(*) FROM item_events e WHERE e.date = ?"
                + " AND e.item_id IN (SELECT id FROM item_snapshot WHERE status = 'ACTIVE' AND snapshot_date = e.date)"
                + " GROUP BY e.kind"));
        assertThat(stored).isEqualTo(direct);
    }

    @Test
    void withoutTheBoxTheDownstreamDayIsLeftStaleForLater() throws Exception {
        onAppWorker(ws -> update(ws, "DELETE FROM item_events WHERE event_id = (SELECT min(event_id) FROM active_item_events"
                + " WHERE partition_date = ?)", OCT_5));
        openJob(UP);
        robot.interact(() -> calendar().setYearMonth(YearMonth.of(2024, 10)));
        robot.clickOn(robot.lookup("#day-" + OCT_5).queryAs(Node.class));
        robot.clickOn(robot.lookup("#rerunButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        DialogPane plan = robot.lookup(".rerun-plan").queryAs(DialogPane.class);
        robot.clickOn((Button) plan.lookupButton(plan.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !app.model().jobModel().runningProperty().get()
                && calendar().getDays().get(OCT_5).status() == DayStatus.SUCCEEDED);
        assertThat(app.model().jobModel().downstreamRuns()).isEmpty();
        assertThat(onAppWorker(ws -> new StatusReader(ws).days(DOWN, OCT_5, OCT_5).get(0)).status()).isEqualTo(DayStatus.STALE);
    }

    @Test
    void theSidebarListsJobsInDependencyOrderWithTheirLinksAndTheDayDetailSaysWhatADayReadAndWhoReadIt() throws Exception {
        ListView<JobSummary> jobs = jobList();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 4);
        List<String> names = jobs.getItems().stream().map(j -> j.job().name()).toList();
        assertThat(names.indexOf(DOWN)).isGreaterThan(names.indexOf(UP));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".job-reads").queryAll().stream()
                .anyMatch(n -> n.isVisible() && ("← reads " + UP).equals(((Labeled) n).getText())));

        // the upstream job's header names its reader; the link opens it, whose header names its upstream
        openJob(UP);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#downstream-" + DOWN).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#downstream-" + DOWN).queryAs(Hyperlink.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.model().selectedJobProperty().get().name().equals(DOWN)
                && robot.lookup("#upstream-" + UP).tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> calendar().getDays().size() > 300);

        // the downstream day read the upstream day; the upstream day was read by it
        robot.interact(() -> {
            calendar().setYearMonth(YearMonth.of(2024, 10));
            calendar().openDay(OCT_5);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#dayInputs").contains("active_item_events · job output · 2024-10-05"));
        assertThat(text("#dayReaders")).isEqualTo("Read by: no other job's day");
        Screenshots.save(stage.getScene(), "chain-downstream-day");

        robot.clickOn(robot.lookup("#upstream-" + UP).queryAs(Hyperlink.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.model().selectedJobProperty().get().name().equals(UP)
                && calendar().getDays().size() > 300);
        robot.interact(() -> {
            calendar().setYearMonth(YearMonth.of(2024, 10));
            calendar().openDay(OCT_5);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#dayReaders").equals("Read by: " + DOWN + " · 2024-10-05"));
        assertThat(text("#dayInputs")).contains("item_snapshot · snapshot · 2024-10-05").contains("item_events · events · 2024-10-05");
        Screenshots.save(stage.getScene(), "chain-upstream-day");
    }

    // ---- helpers

    private CalendarView calendar() {
        return FxThread.read(() -> robot.lookup("#calendar").queryAs(CalendarView.class));
    }

    @SuppressWarnings("unchecked")
    private ListView<JobSummary> jobList() {
        return robot.lookup("#jobList").queryAs(ListView.class);
    }

    private void openJob(String name) throws Exception {
        ListView<JobSummary> jobs = jobList();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 4);
        robot.interact(() -> jobs.getItems().stream().filter(j -> j.job().name().equals(name)).findFirst()
                .ifPresent(j -> jobs.getSelectionModel().select(j)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.model().jobModel().jobProperty().get() != null
                && app.model().jobModel().jobProperty().get().name().equals(name) && calendar().getDays().size() > 300);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private <T> T onAppWorker(Function<Workspace, T> work) throws Exception {
        return CompletableFuture.supplyAsync(() -> work.apply(app.model().workspaceProperty().get()), app.model().executor())
                .get(60, TimeUnit.SECONDS);
    }

    private static long update(Workspace ws, String sql, Object... params) {
        try {
            return ws.db().update(sql, params);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> counts(Workspace ws, String sql) {
        try {
            Map<String, Long> out = new TreeMap<>();
            ws.db().query(sql, rs -> out.put(rs.getString(1), rs.getLong(2)), OCT_5);
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
