package dev.backfillstudio.ui.calendar;

import static dev.backfillstudio.ui.calendar.CalendarHarness.MONTH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.ui.calendar.skin.DayCell;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class CalendarViewTest {

    static final PseudoClass TICKED = PseudoClass.getPseudoClass("ticked");
    static final PseudoClass FOCUSED = PseudoClass.getPseudoClass("focused");

    CalendarHarness h;
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void show() throws Exception {
        h = CalendarHarness.show(1200, 800);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    static LocalDate sep(int day) {
        return MONTH.atDay(day);
    }

    DayCell cell(LocalDate day) {
        return robot.lookup("#day-" + day).queryAs(DayCell.class);
    }

    boolean ticked(LocalDate day) {
        return cell(day).getPseudoClassStates().contains(TICKED);
    }

    List<LocalDate> tickedCells() {
        List<LocalDate> out = new ArrayList<>();
        for (Node n : robot.lookup(".day").queryAll()) {
            if (n.getPseudoClassStates().contains(TICKED)) {
                out.add(((DayCell) n).getDate());
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void clickTogglesADayAndTheTickedPseudoClassAgreesWithTheModel() {
        robot.clickOn(cell(sep(10)));
        assertThat(h.calendar.getSelection().days()).containsExactly(sep(10));
        assertThat(ticked(sep(10))).isTrue();
        assertThat(robot.lookup(".ticked-count").queryAs(Label.class).getText()).isEqualTo("1 ticked");
        robot.clickOn(cell(sep(10)));
        assertThat(h.calendar.getSelection().isEmpty()).isTrue();
        assertThat(ticked(sep(10))).isFalse();
        assertThat(robot.lookup(".ticked-count").queryAs(Label.class).getText()).isEqualTo("0 ticked");
    }

    @Test
    void shiftClickTicksTheRangeFromTheLastClickedDay() {
        robot.clickOn(cell(sep(3)));
        robot.press(KeyCode.SHIFT).clickOn(cell(sep(6))).release(KeyCode.SHIFT);
        assertThat(h.calendar.getSelection().days()).containsExactly(sep(3), sep(4), sep(5), sep(6));
        assertThat(tickedCells()).containsExactly(sep(3), sep(4), sep(5), sep(6));
    }

    @Test
    void dragPaintsTheFirstCellsNewStateOverEveryCellEntered() {
        robot.interact(() -> h.calendar.getSelection().select(sep(17)));
        robot.drag(cell(sep(16)), MouseButton.PRIMARY).moveTo(cell(sep(17))).moveTo(cell(sep(18)))
                .moveTo(cell(sep(25))).release(MouseButton.PRIMARY);
        assertThat(h.calendar.getSelection().days()).containsExactly(sep(16), sep(17), sep(18), sep(25));
        // Starting on a ticked day paints "unticked" over the days entered.
        robot.drag(cell(sep(18)), MouseButton.PRIMARY).moveTo(cell(sep(17))).release(MouseButton.PRIMARY);
        assertThat(h.calendar.getSelection().days()).containsExactly(sep(16), sep(25));
        assertThat(tickedCells()).containsExactly(sep(16), sep(25));
    }

    @Test
    void arrowKeysMoveTheCursorAcrossMonthsAndSpaceTicksIt() {
        robot.interact(() -> {
            h.calendar.setFocusedDay(sep(29));
            h.calendar.requestFocus();
        });
        robot.type(KeyCode.RIGHT).type(KeyCode.SPACE);
        assertThat(h.calendar.getFocusedDay()).isEqualTo(sep(30));
        assertThat(cell(sep(30)).getPseudoClassStates()).contains(FOCUSED);
        robot.type(KeyCode.DOWN);
        assertThat(h.calendar.getFocusedDay()).isEqualTo(LocalDate.of(2024, 10, 7));
        assertThat(h.calendar.getYearMonth()).isEqualTo(YearMonth.of(2024, 10));
        robot.type(KeyCode.SPACE).type(KeyCode.UP).type(KeyCode.LEFT);
        assertThat(h.calendar.getFocusedDay()).isEqualTo(sep(29));
        assertThat(h.calendar.getYearMonth()).isEqualTo(MONTH);
        assertThat(h.calendar.getSelection().days()).containsExactly(sep(30), LocalDate.of(2024, 10, 7));
        assertThat(tickedCells()).containsExactly(sep(30));
    }

    @Test
    void allFailedTicksExactlyTheFailedDaysInView() {
        robot.clickOn(cell(sep(2)));
        robot.clickOn("Failed (2)");
        assertThat(h.calendar.getSelection().days()).containsExactly(sep(2), sep(13), sep(21));
        assertThat(tickedCells()).containsExactly(sep(2), sep(13), sep(21));
    }

    @Test
    void allMissingAndAllStaleTickThoseDaysAndClearUnticksAll() {
        robot.clickOn("Stale (2)");
        robot.clickOn("Missing (11)");
        assertThat(h.calendar.getSelection().days()).hasSize(13).contains(sep(11), sep(12), sep(14), sep(30));
        robot.clickOn("Clear");
        assertThat(h.calendar.getSelection().isEmpty()).isTrue();
        assertThat(tickedCells()).isEmpty();
        assertThat(robot.lookup(".ticked-count").queryAs(Label.class).getText()).isEqualTo("0 ticked");
    }

    @Test
    void aMonthWithoutFailuresDisablesAllFailed() {
        robot.interact(() -> h.calendar.setYearMonth(YearMonth.of(2024, 8)));
        assertThat(robot.lookup("Failed").queryButton().isDisabled()).isTrue();
    }

    @Test
    void nextAndPreviousMonthButtonsMoveTheGridAndTheTitle() {
        robot.clickOn("#next-month");
        assertThat(h.calendar.getYearMonth()).isEqualTo(YearMonth.of(2024, 10));
        assertThat(robot.lookup("#calendar-title").queryAs(Label.class).getText()).isEqualTo("October 2024");
        assertThat(robot.lookup("#day-2024-10-31").tryQuery()).isPresent();
        robot.clickOn("#previous-month").clickOn("#previous-month");
        assertThat(h.calendar.getYearMonth()).isEqualTo(YearMonth.of(2024, 8));
        assertThat(cell(LocalDate.of(2024, 8, 9)).getStyleClass()).contains("status-succeeded");
    }

    @Test
    void clickingASmallMonthOfTheYearStripShowsThatMonth() {
        robot.clickOn("#mini-2024-03");
        assertThat(h.calendar.getYearMonth()).isEqualTo(YearMonth.of(2024, 3));
        assertThat(cell(LocalDate.of(2024, 3, 9)).getStyleClass()).contains("status-failed");
        assertThat(robot.lookup("#mini-2024-03").query().getPseudoClassStates())
                .contains(PseudoClass.getPseudoClass("current"));
    }

    @Test
    void movingToAnotherYearRelaysTheYearStripAndReportsTheVisibleYear() {
        List<Integer> years = new ArrayList<>();
        h.calendar.visibleYearProperty().addListener((o, old, y) -> years.add(y.getValue()));
        robot.interact(() -> h.calendar.setYearMonth(YearMonth.of(2025, 2)));
        assertThat(years).containsExactly(2025);
        assertThat(robot.lookup("#year-strip-year").queryAs(Label.class).getText()).isEqualTo("2025");
        assertThat(robot.lookup("#mini-2025-12").tryQuery()).isPresent();
    }

    @Test
    void todayButtonAndJumpToDateShowTheirDay() {
        robot.interact(() -> h.calendar.setYearMonth(YearMonth.of(2023, 1)));
        robot.clickOn("#today-button");
        assertThat(h.calendar.getYearMonth()).isEqualTo(MONTH);
        assertThat(h.calendar.getFocusedDay()).isEqualTo(CalendarHarness.TODAY);
        assertThat(cell(CalendarHarness.TODAY).getStyleClass()).contains("today");
        robot.interact(() -> robot.lookup("#jump-to-date").queryAs(javafx.scene.control.DatePicker.class)
                .setValue(LocalDate.of(2024, 5, 20)));
        assertThat(h.calendar.getYearMonth()).isEqualTo(YearMonth.of(2024, 5));
        assertThat(h.calendar.getFocusedDay()).isEqualTo(LocalDate.of(2024, 5, 20));
    }

    @Test
    void theGoToFieldShowsItsWholePrompt() {
        javafx.scene.control.DatePicker jump = robot.lookup("#jump-to-date").queryAs(javafx.scene.control.DatePicker.class);
        javafx.scene.control.TextField editor = jump.getEditor();
        javafx.scene.text.Text prompt = new javafx.scene.text.Text(jump.getPromptText());
        prompt.setFont(editor.getFont());
        double room = editor.getWidth() - editor.getInsets().getLeft() - editor.getInsets().getRight();
        assertThat(prompt.getLayoutBounds().getWidth()).as("width of \"%s\" against the field's room", jump.getPromptText())
                .isLessThanOrEqualTo(room);
    }

    @Test
    void enterAndDoubleClickOpenTheDayWithoutChangingItsTick() {
        List<LocalDate> opened = new ArrayList<>();
        robot.interact(() -> h.calendar.setOnDayOpened(opened::add));
        robot.doubleClickOn(cell(sep(13)));
        assertThat(opened).containsExactly(sep(13));
        assertThat(h.calendar.getSelection().isSelected(sep(13))).isFalse();
        robot.type(KeyCode.RIGHT).type(KeyCode.ENTER);
        assertThat(opened).containsExactly(sep(13), sep(14));
    }

    @Test
    void cellStyleClassesMatchStatusesAndShowTheStatusInWords() {
        assertThat(cell(sep(1)).getStyleClass()).contains("day", "status-succeeded", "weekend-day")
                .doesNotContain("status-failed", "other-month");
        assertThat(cell(sep(11)).getStyleClass()).contains("status-stale");
        assertThat(cell(sep(13)).getStyleClass()).contains("status-failed");
        assertThat(cell(sep(15)).getStyleClass()).contains("status-missing");
        assertThat(cell(sep(18)).getStyleClass()).contains("status-running", "today");
        assertThat(cell(sep(19)).getStyleClass()).contains("status-queued");
        assertThat(cell(LocalDate.of(2024, 8, 26)).getStyleClass()).contains("other-month");
        assertThat(texts(cell(sep(5)))).contains("5", "OK", "4.8k");
        assertThat(texts(cell(sep(11)))).contains("STALE", "1.2k");
        assertThat(texts(cell(sep(13)))).contains("FAILED");
        assertThat(texts(cell(sep(15)))).contains("missing");
        assertThat(texts(cell(sep(19)))).contains("queued");
    }

    @Test
    void aDayWithoutItsInputSnapshotIsMarked() {
        assertThat(cell(sep(14)).getStyleClass()).contains("input-missing");
        assertThat(cell(sep(14)).lookup(".input-missing-marker")).isNotNull();
        assertThat(cell(sep(14)).tooltipText()).contains("has no snapshot for this day");
        assertThat(cell(sep(15)).getStyleClass()).doesNotContain("input-missing");
        assertThat(cell(sep(15)).lookup(".input-missing-marker")).isNull();
    }

    @Test
    void liveStatusUpdatesRestyleOnlyThatDay() {
        robot.interact(() -> h.calendar.putDays(List.of(CalendarHarness.done(sep(18), 1_500))));
        assertThat(cell(sep(18)).getStyleClass()).contains("status-succeeded").doesNotContain("status-running");
        assertThat(texts(cell(sep(18)))).contains("1.5k");
        XYChart.Data<String, Number> bar = h.chart.barOf(sep(18));
        assertThat(bar.getYValue().longValue()).isEqualTo(1_500);
        assertThat(bar.getNode().getStyleClass()).contains("status-succeeded");
    }

    @Test
    void replacingTheDaysDropsDaysNoLongerKnown() {
        robot.interact(() -> h.calendar.replaceDays(List.of(CalendarHarness.done(sep(2), 10))));
        assertThat(h.calendar.getDays()).containsOnlyKeys(sep(2));
        assertThat(cell(sep(13)).getStyleClass()).doesNotContain("status-failed");
        assertThat(texts(cell(sep(2)))).contains("10");
        assertThat(robot.lookup("Failed").queryButton().isDisabled()).isTrue();
    }

    @Test
    void weekdayHeadersStartAtTheWeekFieldsFirstDay() {
        robot.interact(() -> h.calendar.setWeekFields(WeekFields.of(DayOfWeek.SUNDAY, 1)));
        List<String> headers = robot.lookup(".weekday-header").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertThat(headers.get(0)).isEqualTo("Sun");
        // 1 September 2024 is a Sunday: with weeks from Sunday it is the first cell.
        assertThat(robot.lookup(".day").queryAllAs(DayCell.class).iterator().next().getDate()).isEqualTo(sep(1));
    }

    @Test
    void theRowsChartHasOneBarPerDayColouredByStatusWithGapsForMissingDays() {
        assertThat(h.chart.barOf(sep(30))).isNotNull();
        assertThat(h.chart.barOf(sep(5)).getYValue().longValue()).isEqualTo(4_870);
        assertThat(h.chart.barOf(sep(5)).getNode().getStyleClass()).contains("chart-bar", "status-succeeded");
        assertThat(h.chart.barOf(sep(13)).getYValue().longValue()).isZero();
        assertThat(h.chart.barOf(sep(13)).getNode().getStyleClass()).contains("status-failed");
        robot.clickOn("#next-month");
        assertThat(h.chart.barOf(sep(5))).isNull();
        assertThat(h.chart.barOf(LocalDate.of(2024, 10, 31))).isNotNull();
    }

    @Test
    void theRowsChartCountsInWholeRowsAndFollowsAGrowingDay() {
        // a job that writes three rows a day: the axis reads 0 1 2 3, not 0.0 2.5 5.0
        YearMonth march = YearMonth.of(2025, 3);
        List<DayInfo> small = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            small.add(CalendarHarness.done(march.atDay(d), 3));
        }
        robot.interact(() -> {
            h.calendar.setYearMonth(march);
            h.calendar.replaceDays(small);
        });
        javafx.scene.chart.NumberAxis axis = (javafx.scene.chart.NumberAxis) h.chart.lookupAll(".axis").stream()
                .filter(javafx.scene.chart.NumberAxis.class::isInstance).findFirst().orElseThrow();
        robot.interact(() -> h.chart.layout());
        assertThat(axis.getTickMarks()).extracting(t -> t.getValue().doubleValue())
                .allMatch(v -> v == Math.rint(v)).contains(0.0, 3.0);
        // a day that grows past the top lifts the axis with it
        robot.interact(() -> h.calendar.putDays(List.of(CalendarHarness.done(march.atDay(11), 4_870))));
        robot.interact(() -> h.chart.layout());
        assertThat(axis.getUpperBound()).isGreaterThanOrEqualTo(4_870);
    }

    // Timings of these paths belong in the benchmark (bench/), not here: a bound loose enough for a
    // shared machine could never fail.
    @Test
    void replacingAll42EntriesRestylesEveryCellOfTheMonth() {
        List<LocalDate> shown = robot.lookup(".day").queryAllAs(DayCell.class).stream().map(DayCell::getDate).toList();
        assertThat(shown).hasSize(42);
        restyle(shown, DayStatus.RUNNING);
        restyle(shown, DayStatus.QUEUED);
        List<DayCell> inMonth = robot.lookup(".day").queryAllAs(DayCell.class).stream()
                .filter(c -> !c.getStyleClass().contains("other-month")).toList();
        assertThat(inMonth).hasSizeGreaterThanOrEqualTo(28);
        for (DayCell cell : inMonth) {
            assertThat(cell.getStyleClass()).as(cell.getDate().toString()).contains("status-queued", "input-missing")
                    .doesNotContain("status-running", "status-succeeded");
        }
    }

    @Test
    void loadingAYearOfStatusesAndSwitchingMonthShowsEachDaysRows() {
        List<DayInfo> year2025 = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() == 2025; d = d.plusDays(1)) {
            year2025.add(CalendarHarness.done(d, d.getDayOfYear()));
        }
        robot.interact(() -> {
            h.calendar.setYearMonth(YearMonth.of(2025, 1));
            h.calendar.replaceDays(year2025);
        });
        assertThat(texts(cell(LocalDate.of(2025, 1, 20)))).contains("20");
        robot.interact(() -> h.calendar.nextMonth());
        assertThat(texts(cell(LocalDate.of(2025, 2, 10)))).contains("41");
        assertThat(h.calendar.getYearMonth()).isEqualTo(YearMonth.of(2025, 2));
    }

    private void restyle(List<LocalDate> shown, DayStatus status) {
        List<DayInfo> replaced = shown.stream().map(d -> new DayInfo(d, status, Optional.of(4), Optional.of(7L),
                Optional.empty(), Optional.empty(), true)).toList();
        robot.interact(() -> {
            h.calendar.putDays(replaced);
            h.calendar.applyCss();
            h.calendar.layout();
        });
    }

    private static List<String> texts(Node node) {
        return node.lookupAll(".label").stream().map(l -> ((Label) l).getText()).toList();
    }

    private static List<String> visibleTexts(Node node) {
        return node.lookupAll(".label").stream().filter(Node::isVisible).map(l -> ((Label) l).getText()).toList();
    }
}
