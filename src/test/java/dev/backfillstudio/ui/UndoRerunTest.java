package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.ui.calendar.CalendarView;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A rerun that changed days is undone from the run bar, as a user would do it. */
class UndoRerunTest {

    private static final String JOB = SampleData.SNAPSHOT_JOB;
    private static final LocalDate A = LocalDate.of(2024, 10, 2);
    private static final LocalDate C = LocalDate.of(2024, 10, 4);
    private static final List<LocalDate> DAYS = List.of(A, A.plusDays(1), C);

    @TempDir
    Path dir;

    Stage stage;
    BackfillStudioApp app;
    FxRobot robot = new FxRobot();
    Map<LocalDate, String> before;

    @BeforeEach
    void start() throws Exception {
        Path db = dir.resolve("demo.duckdb");
        try (Workspace ws = Workspaces.demo(db)) {
            before = fingerprints(ws);
            // a new version that keeps only half the events, so a rerun changes every day
            String sql = SampleData.jobSql(JOB).strip().replaceAll(";+$", "");
            new JobStore(ws).save(JOB, new JobStore(ws).get(JOB).target(), "SELECT * FROM (" + sql + "\n) q WHERE q.item_id % 2 = 0");
        }
        assertThat(before.values()).doesNotContainNull();
        stage = FxToolkit.registerPrimaryStage();
        app = (BackfillStudioApp) FxToolkit.setupApplication(BackfillStudioApp.class, db.toString());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> stage.getTitle().contains("demo.duckdb"));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static Map<LocalDate, String> fingerprints(Workspace ws) {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        for (LocalDate d : DAYS) {
            DayInfo info = new StatusReader(ws).days(JOB, d, d).get(0);
            out.put(d, info.fingerprint().orElse(null));
        }
        return out;
    }

    private Map<LocalDate, String> engineFingerprints() {
        return fingerprints(app.model().workspaceProperty().get());
    }

    private Node cell(LocalDate day) {
        return robot.lookup("#day-" + day).query();
    }

    @Test
    void undoThisRerunOnTheRunBarPutsTheRerunDaysBackToTheirEarlierRows() throws Exception {
        ListView<?> jobs = robot.lookup("#jobList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 4);
        robot.interact(() -> app.model().jobs().stream().filter(j -> j.job().name().equals(JOB)).findFirst()
                .ifPresent(j -> jobs.getSelectionModel().select(app.model().jobs().indexOf(j))));
        CalendarView calendar = robot.lookup("#calendar").queryAs(CalendarView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> calendar.getDays().size() > 300);
        robot.interact(() -> calendar.setYearMonth(YearMonth.of(2024, 10)));
        Button undo = robot.lookup("#undoButton").queryAs(Button.class);
        assertThat(undo.isVisible()).isFalse();

        robot.clickOn(cell(A));
        robot.press(KeyCode.SHIFT).clickOn(cell(C)).release(KeyCode.SHIFT);
        robot.clickOn(robot.lookup("#rerunButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        DialogPane plan = robot.lookup(".rerun-plan").queryAs(DialogPane.class);
        // the plan shows the SQL of the first day with the day written in
        assertThat(robot.lookup("#planSql").queryAs(TextArea.class).getText()).contains("DATE '" + A + "'").doesNotContain("{DATE}");
        ButtonType go = plan.getButtonTypes().stream().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .findFirst().orElseThrow();
        robot.clickOn((Button) plan.lookupButton(go));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, undo::isVisible);
        Map<LocalDate, String> rerun = engineFingerprints();
        rerun.forEach((d, fp) -> assertThat(fp).as(d.toString()).isNotEqualTo(before.get(d)));
        DAYS.forEach(d -> assertThat(cell(d).getStyleClass()).contains("status-succeeded"));

        robot.clickOn(undo);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> engineFingerprints().equals(before));
        // the days hold the older version's rows again: the calendar shows them stale
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> DAYS.stream().allMatch(d -> cell(d).getStyleClass().contains("status-stale")));
        assertThat(new StatusReader(app.model().workspaceProperty().get()).days(JOB, A, C))
                .extracting(DayInfo::status).containsOnly(DayStatus.STALE);
        String text = robot.lookup("#runText").queryAs(javafx.scene.control.Label.class).getText();
        assertThat(text).startsWith("Undid run").contains("3 days put back");
    }

    private CalendarView openOctober() throws Exception {
        ListView<?> jobs = robot.lookup("#jobList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 4);
        robot.interact(() -> app.model().jobs().stream().filter(j -> j.job().name().equals(JOB)).findFirst()
                .ifPresent(j -> jobs.getSelectionModel().select(app.model().jobs().indexOf(j))));
        CalendarView calendar = robot.lookup("#calendar").queryAs(CalendarView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> calendar.getDays().size() > 300);
        robot.interact(() -> calendar.setYearMonth(YearMonth.of(2024, 10)));
        return calendar;
    }

    /** The drawn row of the table showing item {@code index}, scrolled into view. */
    private Node row(javafx.scene.control.TableView<?> table, int index) {
        robot.interact(() -> table.scrollTo(index));
        return FxThread.onFx(() -> robot.from(table).lookup(".table-row-cell").queryAll().stream()
                .filter(r -> ((javafx.scene.control.TableRow<?>) r).getIndex() == index).findFirst().orElseThrow());
    }

    private Button okButton(String dialog) {
        DialogPane pane = robot.lookup(dialog).queryAs(DialogPane.class);
        ButtonType go = pane.getButtonTypes().stream().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .findFirst().orElseThrow();
        return (Button) pane.lookupButton(go);
    }

    @Test
    void restoreInTheDayDetailShowsWhatItAddsAndRemovesThenPutsTheEarlierAttemptsRowsBack() throws Exception {
        robot.interact(() -> {
            stage.setWidth(1440);
            stage.setHeight(900);
        });
        openOctober();
        robot.clickOn(cell(A));
        robot.clickOn(robot.lookup("#rerunButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        robot.clickOn(okButton(".rerun-plan"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !before.get(A).equals(engineFingerprints().get(A)));
        Workspace ws = app.model().workspaceProperty().get();
        long rowsNow = new StatusReader(ws).days(JOB, A, A).get(0).rows().orElseThrow();
        long rowsBefore = ws.db().queryLong("SELECT rows FROM bfs.attempts WHERE job = ? AND day = ? AND fingerprint = ?"
                + " ORDER BY run_id LIMIT 1", JOB, A, before.get(A));

        robot.doubleClickOn(cell(A));
        javafx.scene.control.TableView<?> attempts = robot.lookup("#attemptTable").queryAs(javafx.scene.control.TableView.class);
        int held = new dev.backfillstudio.run.RunHistory(ws).attempts(JOB, A).size();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> attempts.getItems().size() == held);
        Button restore = robot.lookup("#restoreButton").queryAs(Button.class);
        // the attempt the day holds now (newest, first row) cannot be restored
        robot.clickOn(row(attempts, 0));
        assertThat(restore.isDisabled()).isTrue();
        // the attempt whose rows the day held before the rerun can
        int earlier = FxThread.onFx(() -> {
            for (int i = 0; i < attempts.getItems().size(); i++) {
                if (((dev.backfillstudio.run.RunHistory.Attempt) attempts.getItems().get(i)).fingerprint().equals(java.util.Optional.of(before.get(A)))) {
                    return i;
                }
            }
            return -1;
        });
        assertThat(earlier).isPositive();
        robot.clickOn(row(attempts, earlier));
        assertThat(restore.isDisabled()).isFalse();
        robot.clickOn(restore);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".restore-dialog").tryQuery().isPresent());
        String summary = robot.lookup(".restore-summary").queryAs(javafx.scene.control.Label.class).getText();
        // the rerun kept half of the events: restoring gains back the other half and loses none
        assertThat(summary).contains(String.format("gain %,d rows and lose 0", rowsBefore - rowsNow));
        // the rows it gains back, every column of them in view, and no word of the dialog cut short
        DialogPane dialog = robot.lookup(".restore-dialog").queryAs(DialogPane.class);
        Screenshots.save(dialog.getScene(), "restore-dialog");
        javafx.scene.control.TableView<?> gained = robot.from(dialog).lookup(".table-view").queryAs(javafx.scene.control.TableView.class);
        assertThat(gained.getItems()).hasSize((int) Math.min(rowsBefore - rowsNow, 100));
        assertThat(robot.from(gained).lookup(".scroll-bar").queryAll().stream().filter(n -> n.isVisible()
                && ((javafx.scene.control.ScrollBar) n).getOrientation() == javafx.geometry.Orientation.HORIZONTAL))
                .as("columns of the rows gained out of view").isEmpty();
        CutText.assertNoneIn(dialog, "the restore dialog");
        robot.clickOn(okButton(".restore-dialog"));

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> before.get(A).equals(engineFingerprints().get(A)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> attempts.getItems().size() == held + 1);
        // the restored rows are the older version's: the day is stale again, and says so
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(A).getStyleClass().contains("status-stale"));
    }
}
