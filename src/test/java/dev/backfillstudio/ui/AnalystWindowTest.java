package dev.backfillstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.ui.calendar.CalendarView;
import dev.backfillstudio.ui.calendar.skin.DayCell;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The main window as an analyst meets it: first look, chart, readable days, attempts, keys, themes, job rename and delete. */
class AnalystWindowTest {

    static final YearMonth OCTOBER = YearMonth.of(2024, 10);

    @TempDir
    Path dir;

    Path db;
    Stage stage;
    BackfillStudioApp app;
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        db = dir.resolve("demo.duckdb");
        Workspaces.demoFile(db);
        launch();
    }

    private void launch() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (BackfillStudioApp) FxToolkit.setupApplication(BackfillStudioApp.class, db.toString());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> stage.getTitle().contains("demo.duckdb"));
    }

    @AfterEach
    void stop() throws Exception {
        robot.interact(() -> app.model().themeProperty().set(Theme.LIGHT));
        closeOtherWindows();
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private void closeOtherWindows() {
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream().filter(w -> w != stage)
                .forEach(Window::hide));
    }

    private Workspace workspace() {
        return app.model().workspaceProperty().get();
    }

    private CalendarView calendar() {
        return FxThread.read(() -> robot.lookup("#calendar").queryAs(CalendarView.class));
    }

    private DayCell cell(LocalDate day) {
        return robot.lookup("#day-" + day).queryAs(DayCell.class);
    }

    /** Opens the job through the sidebar and shows the month, once its statuses are in. */
    private void openJob(String name, YearMonth month) throws Exception {
        ListView<?> jobs = robot.lookup("#jobList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 4);
        robot.interact(() -> app.model().jobs().stream().filter(j -> j.job().name().equals(name)).findFirst()
                .ifPresent(j -> jobs.getSelectionModel().select(app.model().jobs().indexOf(j))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.model().jobModel().jobProperty().get() != null
                && app.model().jobModel().jobProperty().get().name().equals(name) && calendar().getDays().size() > 300);
        robot.interact(() -> calendar().setYearMonth(month));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Loads the sample's snapshot of {@code sample}, changed by {@code edit}, as the snapshot of {@code day} (replacing
     * it when it is there), through the engine as the load dialog or the command line would.
     */
    private void loadSnapshot(Workspace ws, LocalDate sample, LocalDate day, UnaryOperator<String> edit) throws Exception {
        Path file = dir.resolve("item_" + day + ".csv");
        Files.writeString(file, edit.apply(Files.readString(Path.of("sample-data/item_snapshots/item_" + sample + ".csv")))
                .replace(sample.toString(), day.toString()));
        assertThat(new SnapshotLoader(ws).load("item_snapshot", List.of(file), new SnapshotDateSource.Column("snapshot_date"), true))
                .allMatch(r -> r.ok());
    }

    private void resize(double width, double height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<Region> bars() {
        // on the FX thread: the chart adds and removes its bars there while the test looks
        return FxThread.onFx(() -> robot.lookup("#rows-chart .chart-bar").queryAll().stream()
                .filter(n -> !n.getStyleClass().contains("bar-legend-symbol")).map(n -> (Region) n).toList());
    }

    private List<Region> tallBars() {
        return bars().stream().filter(b -> b.isVisible() && b.getHeight() > 1).toList();
    }

    // ---- 1. the chart

    @Test
    void theRowsChartDrawsBarsWhenAJobFirstOpensAndAfterARun() throws Exception {
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !tallBars().isEmpty());
        NumberAxis rows = robot.lookup("#rows-chart .axis").queryAll().stream().filter(NumberAxis.class::isInstance)
                .map(NumberAxis.class::cast).findFirst().orElseThrow();
        // the calendar's lists belong to the FX thread: read them there
        List<DayInfo> visible = FxThread.onFx(() -> List.copyOf(calendar().getVisibleDayInfos()));
        long most = visible.stream().mapToLong(d -> d.rows().orElse(0L)).max().orElseThrow();
        assertThat(FxThread.onFx(rows::getUpperBound)).isGreaterThanOrEqualTo(most).isPositive();
        int drawn = tallBars().size();
        long withRows = visible.stream().filter(d -> d.rows().orElse(0L) > 0).count();
        assertThat(drawn).isEqualTo((int) withRows);

        // 2024-10-25 is missing: no bar; after a rerun from the run bar it has one, without leaving the month
        LocalDate day = LocalDate.of(2024, 10, 25);
        assertThat(FxThread.onFx(() -> calendar().getDays().get(day).status())).isEqualTo(DayStatus.MISSING);
        robot.clickOn(cell(day));
        robot.clickOn(robot.lookup("#rerunButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        robot.clickOn(button(".rerun-plan"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxThread.onFx(() -> calendar().getDays().get(day).status() == DayStatus.SUCCEEDED
                && !app.model().jobModel().runningProperty().get()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tallBars().size() == drawn + 1);
    }

    // ---- 4. readable days

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"1280, 800, LIGHT", "1440, 900, LIGHT", "1280, 800, DARK", "1440, 900, DARK"})
    void noStatusWordCountOrLabelIsCutAndEachDayHasATooltipWithItsFacts(int width, int height, Theme theme) throws Exception {
        resize(width, height);
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        // a few ticked days: the tick mark takes room from the row count
        robot.interact(() -> calendar().getSelection().selectRange(LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 16)));
        LocalDate failed = LocalDate.of(2024, 10, 13);
        robot.interact(() -> calendar().openDay(failed));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !robot.lookup("#attemptTable").queryAs(TableView.class).getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        if (theme == Theme.DARK) {
            // switched with the day already open, as a user does: every width is measured again in the new look
            robot.interact(() -> calendar().requestFocus());
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(app.model().themeProperty().get()).isEqualTo(Theme.DARK);
        }

        CutText.assertNoneIn(stage.getScene().getRoot(), "the window at " + width + "x" + height);
        // the chart's day numbers, under its bars, are whole: not pushed below what its pane shows
        Node axis = robot.lookup("#rows-chart").queryAs(Parent.class).lookupAll(".axis").stream()
                .filter(javafx.scene.chart.CategoryAxis.class::isInstance).findFirst().orElseThrow();
        assertThat(shownBottom(axis) - axis.localToScene(axis.getLayoutBounds()).getMaxY())
                .as("room under the chart's day numbers at %dx%d", width, height).isGreaterThanOrEqualTo(-1);
        // a table name too long for the sidebar breaks after an underscore, not inside a word ("…history_o" / "ut")
        List<String> brokenInsideAWord = new ArrayList<>();
        for (Node n : robot.lookup("#sidebar").queryAs(Parent.class).lookupAll(".table-name")) {
            if (n instanceof Label l && l.lookup(".text") instanceof Text t) {
                for (int i = 1; i < t.getText().length(); i++) {
                    boolean startsALine = lineTop(t, i) > lineTop(t, i - 1) + 1;
                    if (startsALine && Character.isLetterOrDigit(t.getText().charAt(i - 1))) {
                        brokenInsideAWord.add(t.getText().substring(0, i) + " / " + t.getText().substring(i));
                    }
                }
            }
        }
        assertThat(brokenInsideAWord).as("table names broken inside a word at %dx%d", width, height).isEmpty();
        List<String> crowded = robot.lookup(".day").queryAllAs(DayCell.class).stream()
                .filter(c -> c.isInMonth() && c.isCrowded()).map(c -> c.getDate().toString()).toList();
        assertThat(crowded).as("cells too narrow for their words").isEmpty();

        DayCell stale = cell(LocalDate.of(2024, 10, 15));
        DayInfo info = calendar().getDays().get(stale.getDate());
        assertThat(info.status()).isEqualTo(DayStatus.STALE);
        RunHistory.Attempt last = new RunHistory(workspace()).attempts(SampleData.SNAPSHOT_JOB, stale.getDate()).get(0);
        assertThat(stale.tooltipText()).contains("2024-10-15 · STALE", "Why: ", "Version: v" + info.version().orElseThrow(),
                String.format("Rows: %,d", info.rows().orElseThrow()), "Took: ", "Run: #" + last.runId());
        assertThat(cell(failed).tooltipText()).contains("FAILED", "Error: item_snapshot has no snapshot for 2024-10-13");
        // the engine's reason is in the tooltip, and the cell's mark says which kind it is
        assertThat(info.reasons()).isNotEmpty();
        assertThat(stale.tooltipText()).contains("Why: " + info.reasons().get(0).detail());
        assertThat(stale.getStyleClass()).contains(info.staleByInput() ? "stale-input-changed" : "stale-new-version");
        Screenshots.save(stage.getScene(), "days-" + width + "x" + height + (theme == Theme.DARK ? "-dark" : ""));
    }

    /** The top of the line that holds character {@code i} of a drawn text. */
    private static double lineTop(Text t, int i) {
        return new javafx.scene.shape.Path(t.rangeShape(i, i + 1)).getBoundsInLocal().getMinY();
    }

    /** The lowest scene y at which {@code node} can be seen: the window's bottom, or a clipping ancestor's. */
    private static double shownBottom(Node node) {
        double bottom = node.getScene().getHeight();
        for (Node a = node.getParent(); a != null; a = a.getParent()) {
            if (a.getClip() != null) {
                bottom = Math.min(bottom, a.localToScene(a.getClip().getBoundsInParent()).getMaxY());
            }
        }
        return bottom;
    }

    /**
     * Every shown label whose drawn text is not its text (cut with an ellipsis), or that sticks out
     * sideways of an ancestor that clips it (a split pane's side, a list's viewport) or of the window.
     */
    @Test
    void theRerunPlanSaysWhyEachDayIsRerunInFullAndCutsNoWordShort() throws Exception {
        // the snapshot of 2 October replaced by one where every item is passive: the day that read it turns stale by its input
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        LocalDate input = LocalDate.of(2024, 10, 2);
        try (Workspace ws = Workspace.open(db)) {
            loadSnapshot(ws, input, input, text -> text.replace("ACTIVE", "PASSIVE"));
        }
        launch();
        resize(1280, 800);
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        LocalDate failed = LocalDate.of(2024, 10, 13);
        LocalDate newVersion = LocalDate.of(2024, 10, 15);
        LocalDate missing = LocalDate.of(2024, 10, 25);
        List<LocalDate> days = List.of(input, failed, newVersion, missing);
        Map<LocalDate, DayInfo> engine = new java.util.HashMap<>();
        new StatusReader(workspace()).days(SampleData.SNAPSHOT_JOB, input, missing).forEach(d -> engine.put(d.day(), d));
        assertThat(engine.get(input).staleByInput()).as("the replaced snapshot's day is stale by its input").isTrue();
        for (LocalDate d : days) {
            robot.clickOn(cell(d));
        }
        robot.clickOn(robot.lookup("#rerunButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        DialogPane plan = robot.lookup(".rerun-plan").queryAs(DialogPane.class);
        TableView<?> table = robot.from(plan).lookup(".plan-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, String> why = new java.util.TreeMap<>();
        for (int i = 0; i < table.getItems().size(); i++) {
            why.put(row(table, i).get(0), row(table, i).get(4));
        }
        assertThat(why).containsOnlyKeys(days.stream().map(LocalDate::toString).toList());
        assertThat(why.get(input.toString())).isEqualTo(engine.get(input).reasons().get(0).detail()).contains("item_snapshot", input.toString());
        assertThat(why.get(failed.toString())).isEqualTo("failed: item_snapshot has no snapshot for " + failed);
        assertThat(why.get(newVersion.toString())).isEqualTo(engine.get(newVersion).reasons().get(0).detail());
        assertThat(why.get(missing.toString())).isEqualTo("never ran");
        // the downstream day that reads 2 October is stale already (its upstream day is): listed once, as a reader
        ListView<?> downstream = robot.from(plan).lookup("#plan-downstream").queryAs(ListView.class);
        assertThat(downstream.getItems()).extracting(Object::toString).filteredOn(line -> line.contains(input.toString()))
                .containsExactly("active_items_per_kind · " + input + " (1 day)");

        Screenshots.save(plan.getScene(), "rerun-plan-reasons");
        CutText.assertNoneIn(plan, "the plan");
        closeOtherWindows();
    }

    // ---- 5. attempts as a table

    @Test
    void aDaysAttemptsAreATableNewestFirstWithVersionOutcomeRowsChangeAndDuration() throws Exception {
        LocalDate day = LocalDate.of(2024, 10, 5);
        new Backfill(workspace()).run(SampleData.SNAPSHOT_JOB, DaySet.of(List.of(day)), dev.backfillstudio.run.RunListener.NONE);
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        robot.interact(() -> calendar().openDay(day));
        TableView<?> table = robot.lookup("#attemptTable").queryAs(TableView.class);
        List<RunHistory.Attempt> engine = new RunHistory(workspace()).attempts(SampleData.SNAPSHOT_JOB, day);
        assertThat(engine).hasSizeGreaterThanOrEqualTo(2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == engine.size());
        assertThat(table.getColumns()).extracting(c -> c.getText())
                .containsExactly("Time", "Ver", "Result", "Rows", "+/−", "Took");
        assertThat(table.getItems()).isEqualTo(engine);
        List<String> newest = row(table, 0);
        RunHistory.Attempt latest = engine.get(0);
        assertThat(latest.started()).isAfterOrEqualTo(engine.get(1).started());
        assertThat(newest.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(newest.get(1)).isEqualTo("v" + latest.version());
        assertThat(newest.get(2)).isEqualTo("OK");
        assertThat(newest.get(3)).isEqualTo(String.format("%,d", latest.rows().orElseThrow()));
        // the same rows again: nothing added, nothing removed
        assertThat(newest.get(4)).isEqualTo("+0 −0");
        assertThat(newest.get(5)).matches("\\d+ ms|\\d+\\.\\d s");
        assertThat(robot.lookup(".attempt-table .scroll-bar:horizontal").queryAll().stream().filter(Node::isVisible)).isEmpty();
    }

    @Test
    void aDaysStoredRowsArePreviewedAndADayWithoutRowsHasNothingToPreview() throws Exception {
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        LocalDate day = LocalDate.of(2024, 10, 2);
        long stored = FxThread.onFx(() -> calendar().getDays().get(day).rows().orElseThrow());
        robot.doubleClickOn(cell(day));
        Label title = robot.lookup("#dayTitle").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> title.getText().startsWith(day.toString()));
        Button preview = robot.lookup("#previewButton").queryAs(Button.class);
        assertThat(preview.isDisabled()).isFalse();
        robot.clickOn(preview);
        Label info = robot.lookup("#previewInfo").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> info.getText().matches("[\\d,]+ rows in \\d+ ms"));
        assertThat(info.getText()).startsWith(String.format("%,d rows in ", stored));
        TableView<?> grid = robot.lookup("#previewHolder .table-view").queryAs(TableView.class);
        assertThat(grid.getItems()).hasSize((int) stored);
        assertThat(grid.getColumns()).extracting(c -> c.getText()).containsExactly("event_id", "item_id", "date", "kind");
        // the job keeps the events of its day: every row previewed is the day's
        List<String> dates = FxThread.onFx(() -> {
            javafx.scene.control.TableColumn<?, ?> date = grid.getColumns().get(2);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < grid.getItems().size(); i++) {
                out.add(String.valueOf(date.getCellData(i)));
            }
            return out;
        });
        assertThat(dates).containsOnly(day.toString());

        // the failed day never wrote rows: its button is off and the grid is cleared
        LocalDate failed = LocalDate.of(2024, 10, 13);
        robot.doubleClickOn(cell(failed));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> title.getText().startsWith(failed.toString()));
        assertThat(preview.isDisabled()).isTrue();
        assertThat(grid.getItems()).isEmpty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> row(TableView table, int index) {
        List<String> out = new ArrayList<>();
        for (Object c : table.getColumns()) {
            out.add(String.valueOf(((javafx.scene.control.TableColumn) c).getCellData(index)));
        }
        return out;
    }

    @Test
    void aDayThatFailedForWantOfItsSnapshotSaysItsInputIsThereOnceTheSnapshotArrives() throws Exception {
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        LocalDate failed = LocalDate.of(2024, 10, 13);
        assertThat(cell(failed).tooltipText()).contains("Input: a table it reads has no snapshot for this day")
                .doesNotContain("there now");

        // the snapshot arrives (loaded from the command line, or the load dialog), and the job is looked at again
        loadSnapshot(workspace(), LocalDate.of(2024, 10, 12), failed, text -> text);
        openJob(SampleData.HISTORY_JOB, OCTOBER);
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(failed).tooltipText().contains("Input: there now"));
        assertThat(cell(failed).tooltipText()).contains("FAILED", "Error: item_snapshot has no snapshot for 2024-10-13",
                "Input: there now; rerun the failed days to fill it").doesNotContain("has no snapshot for this day");

        robot.doubleClickOn(cell(failed));
        Label status = robot.lookup("#dayStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("FAILED"));
        assertThat(status.getText()).contains("its input is there now").doesNotContain("no input snapshot");
    }

    // ---- 6. ISO dates

    @Test
    void datePickersShowAndReadIsoDates() throws Exception {
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        DatePicker jump = robot.lookup("#jump-to-date").queryAs(DatePicker.class);
        robot.interact(() -> jump.setValue(LocalDate.of(2024, 9, 7)));
        assertThat(jump.getEditor().getText()).isEqualTo("2024-09-07");
        assertThat(calendar().getYearMonth()).isEqualTo(YearMonth.of(2024, 9));
        robot.interact(() -> {
            jump.getEditor().setText("2024-08-31");
            jump.commitValue();
        });
        assertThat(jump.getValue()).isEqualTo(LocalDate.of(2024, 8, 31));
        robot.interact(() -> {
            jump.getEditor().setText("31/08/2024");
            jump.commitValue();
        });
        assertThat(jump.getValue()).isEqualTo(LocalDate.of(2024, 8, 31));

        // the editor's preview day, opened with its accelerator
        robot.interact(() -> calendar().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().size() > 1);
        Window editor = Window.getWindows().stream().filter(w -> w != stage).findFirst().orElseThrow();
        DatePicker preview = robot.from(editor.getScene().getRoot()).lookup(".date-picker").queryAs(DatePicker.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> preview.getValue() != null);
        assertThat(preview.getEditor().getText()).isEqualTo(preview.getValue().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    // ---- 7. keyboard

    @Test
    void everyMenuActionHasAnAcceleratorAndHelpListsThemAll() throws Exception {
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        List<MenuItem> actions = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (!(item instanceof Menu) && !(item instanceof SeparatorMenuItem)) {
                    actions.add(item);
                }
            }
        }
        assertThat(actions).extracting(MenuItem::getText).contains("_Rerun ticked days…", "_Verify ticked days",
                "E_xport output…", "_Today", "_Next month", "_Previous month", "Tick all _stale", "Tick all _failed",
                "Tick all _missing", "Re_name job…", "_Delete job…", "_Keyboard shortcuts");
        assertThat(actions.stream().filter(i -> i.getAccelerator() == null).map(MenuItem::getText)).isEmpty();
        Set<String> keys = actions.stream().map(i -> i.getAccelerator().getDisplayText()).collect(Collectors.toSet());
        assertThat(keys).as("no two actions share keys").hasSize(actions.size());

        robot.interact(() -> calendar().requestFocus());
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#shortcut-table").tryQuery().isPresent());
        TableView<ShortcutsDialog.Shortcut> list = robot.lookup("#shortcut-table").queryAs(TableView.class);
        assertThat(list.getItems()).extracting(ShortcutsDialog.Shortcut::keys).containsAll(keys);
        assertThat(list.getItems()).extracting(ShortcutsDialog.Shortcut::action).contains("Rerun ticked days", "Tick all stale");
        CutText.assertNoneIn(list.getScene().getRoot(), "the shortcuts");
        closeOtherWindows();

        // the keys do what the menu says
        robot.interact(() -> calendar().requestFocus());
        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        assertThat(calendar().getYearMonth()).isEqualTo(OCTOBER.plusMonths(1));
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        assertThat(calendar().getYearMonth()).isEqualTo(OCTOBER);
        int stale = calendar().countInView(DayStatus.STALE);
        assertThat(stale).isPositive();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(calendar().getSelection().size()).isEqualTo(stale);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".rerun-plan").tryQuery().isPresent());
        closeOtherWindows();
    }

    // ---- 8. themes

    @Test
    void theDarkThemeIsRememberedAndStatusWordsKeepTheirContrastInBothThemes() throws Exception {
        resize(1440, 900);
        openJob(SampleData.SNAPSHOT_JOB, OCTOBER);
        assertThat(stage.getScene().getRoot().lookup(".menu-bar")).isNotNull();
        assertContrast("light");
        robot.interact(() -> calendar().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(app.model().themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(UiPreferences.fromPreferences().theme()).isEqualTo(Theme.DARK);
        WaitForAsyncUtils.waitForFxEvents();
        assertContrast("dark");

        // a new start of the app comes up dark
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        launch();
        assertThat(app.model().themeProperty().get()).isEqualTo(Theme.DARK);
    }

    private void assertContrast(String theme) throws Exception {
        robot.interact(() -> calendar().openDay(LocalDate.of(2024, 10, 13)));
        WaitForAsyncUtils.waitForFxEvents();
        Color page = fill(robot.lookup(".content-area").queryAs(Region.class), Color.WHITE);
        List<String> poor = new ArrayList<>();
        for (LocalDate d = OCTOBER.atDay(1); !d.isAfter(OCTOBER.atEndOfMonth()); d = d.plusDays(1)) {
            DayCell c = cell(d);
            Label word = (Label) c.lookup(".day-status");
            Color text = (Color) word.getTextFill();
            Color back = fill(c, page);
            double ratio = contrast(text, back);
            if (ratio < 4.5) {
                poor.add(d + " " + word.getText() + " " + String.format("%.2f", ratio));
            }
        }
        assertThat(poor).as("status words under 4.5:1 in the %s theme", theme).isEmpty();
        Path shot = Screenshots.save(stage.getScene(), "main-" + theme);
        assertThat(shot).exists();
    }

    /** The colour a region shows: its fills painted over what is behind it. */
    private static Color fill(Region r, Color behind) {
        Color out = behind;
        if (r.getBackground() != null) {
            for (var f : r.getBackground().getFills()) {
                if (f.getFill() instanceof Color c) {
                    out = over(c, out);
                }
            }
        }
        return out;
    }

    private static Color over(Color top, Color bottom) {
        double a = top.getOpacity();
        return Color.color(top.getRed() * a + bottom.getRed() * (1 - a), top.getGreen() * a + bottom.getGreen() * (1 - a),
                top.getBlue() * a + bottom.getBlue() * (1 - a));
    }

    /** WCAG 2 contrast ratio. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    // ---- 9. rename and delete

    @Test
    void aJobIsRenamedAndDeletedFromTheJobMenuAfterAConfirmationThatSaysWhatGoes() throws Exception {
        openJob(SampleData.NAIVE_JOB, OCTOBER);
        robot.interact(() -> calendar().requestFocus());
        robot.press(KeyCode.F2).release(KeyCode.F2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#new-job-name").tryQuery().isPresent());
        TextField name = robot.lookup("#new-job-name").queryAs(TextField.class);
        Button rename = button(".rename-job");
        robot.interact(() -> name.setText(SampleData.SNAPSHOT_JOB));
        assertThat(robot.lookup("#rename-problem").queryAs(Label.class).getText())
                .isEqualTo("There is already a job named " + SampleData.SNAPSHOT_JOB + ".");
        assertThat(rename.isDisabled()).isTrue();
        robot.interact(() -> name.setText("naive_events"));
        assertThat(rename.isDisabled()).isFalse();
        robot.clickOn(rename);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.model().jobs().stream().anyMatch(j -> j.job().name().equals("naive_events")));
        assertThat(new JobStore(workspace()).find(SampleData.NAIVE_JOB)).isEmpty();
        assertThat(robot.lookup("#jobTitle").queryAs(Label.class).getText()).isEqualTo("naive_events");

        String target = new JobStore(workspace()).get("naive_events").target();
        robot.interact(() -> calendar().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.DELETE).release(KeyCode.DELETE, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#delete-summary").tryQuery().isPresent());
        Label summary = robot.lookup("#delete-summary").queryAs(Label.class);
        long attempts = workspace().db().queryLong("SELECT count(*) FROM bfs.attempts WHERE job = 'naive_events'");
        assertThat(summary.getText()).contains("This removes job naive_events: its 1 version, ")
                .contains(String.format("%,d day attempts", attempts)).contains("The output table " + target).contains("stays");
        robot.interact(() -> robot.lookup("#drop-output").queryAs(CheckBox.class).setSelected(true));
        assertThat(summary.getText()).contains("is dropped as well");
        robot.clickOn(button(".delete-job"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.model().jobs().size() == 3);
        assertThat(new JobStore(workspace()).find("naive_events")).isEmpty();
        assertThat(TableCatalog.exists(workspace().db(), target)).isFalse();
        assertThat(app.model().selectedJobProperty().get()).isNull();
    }

    private Button button(String dialog) {
        DialogPane pane = robot.lookup(dialog).queryAs(DialogPane.class);
        ButtonType go = pane.getButtonTypes().stream().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .findFirst().orElseThrow();
        return (Button) pane.lookupButton(go);
    }

    // ---- 2. first look

    @Test
    void opensOnTheJobWithTheLatestActivityAtItsMonthAndRemembersTheLastLook() throws Exception {
        RunHistory.Activity newest = new RunHistory(workspace()).activity().get(0);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.model().jobModel().jobProperty().get() != null);
        assertThat(app.model().jobModel().jobProperty().get().name()).isEqualTo(newest.job());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> calendar().getYearMonth().equals(YearMonth.from(newest.lastDay().orElseThrow())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !tallBars().isEmpty());

        String other = new JobStore(workspace()).list().stream().map(j -> j.name()).filter(n -> !n.equals(newest.job()))
                .findFirst().orElseThrow();
        openJob(other, YearMonth.of(2024, 9));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        launch();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.model().jobModel().jobProperty().get() != null);
        assertThat(app.model().jobModel().jobProperty().get().name()).isEqualTo(other);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> calendar().getYearMonth().equals(YearMonth.of(2024, 9)));
    }
}
