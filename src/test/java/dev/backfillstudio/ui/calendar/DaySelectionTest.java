package dev.backfillstudio.ui.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.SetChangeListener;
import org.junit.jupiter.api.Test;

class DaySelectionTest {

    static final LocalDate D1 = LocalDate.of(2024, 9, 1);

    final DaySelection selection = new DaySelection();

    static LocalDate day(int n) {
        return D1.plusDays(n - 1);
    }

    @Test
    void toggleTicksThenUnticksAndMovesTheAnchor() {
        assertThat(selection.toggle(day(5))).isTrue();
        assertThat(selection.isSelected(day(5))).isTrue();
        assertThat(selection.getAnchor()).isEqualTo(day(5));
        assertThat(selection.toggle(day(5))).isFalse();
        assertThat(selection.isSelected(day(5))).isFalse();
        assertThat(selection.size()).isZero();
    }

    @Test
    void selectAndDeselectAreIdempotent() {
        selection.select(day(3));
        selection.select(day(3));
        assertThat(selection.days()).containsExactly(day(3));
        selection.deselect(day(3));
        selection.deselect(day(3));
        assertThat(selection.isEmpty()).isTrue();
    }

    @Test
    void selectRangeTicksBothEndsInEitherOrderAndKeepsEarlierTicks() {
        selection.select(day(20));
        selection.selectRange(day(8), day(4));
        assertThat(selection.days()).containsExactly(day(4), day(5), day(6), day(7), day(8), day(20));
        assertThat(selection.getAnchor()).isEqualTo(day(20));
    }

    @Test
    void extendToTicksFromTheAnchorToTheDayAndWithoutAnchorTogglesIt() {
        selection.extendTo(day(10));
        assertThat(selection.days()).containsExactly(day(10));
        selection.toggle(day(12));
        selection.extendTo(day(14));
        assertThat(selection.days()).containsExactly(day(10), day(12), day(13), day(14));
    }

    @Test
    void rangesCrossMonthBoundaries() {
        selection.selectRange(LocalDate.of(2024, 8, 30), LocalDate.of(2024, 9, 2));
        assertThat(selection.toDaySet().toString()).isEqualTo("2024-08-30..2024-09-02");
    }

    @Test
    void paintGivesTheStateWithoutMovingTheAnchor() {
        selection.toggle(day(1));
        selection.paint(day(2), true);
        selection.paint(day(3), true);
        selection.paint(day(1), false);
        assertThat(selection.days()).containsExactly(day(2), day(3));
        assertThat(selection.getAnchor()).isEqualTo(day(1));
    }

    @Test
    void selectAllWithStatusTicksOnlyThoseDaysAndCountsTheNewOnes() {
        List<DayInfo> visible = List.of(
                DayInfo.missing(day(1), false),
                new DayInfo(day(2), DayStatus.FAILED, Optional.of(1), Optional.empty(), Optional.empty(),
                        Optional.of("boom"), false),
                DayInfo.missing(day(3), true).withStatus(DayStatus.FAILED),
                DayInfo.missing(day(4), false).withStatus(DayStatus.STALE));
        selection.select(day(2));
        assertThat(selection.selectAllWithStatus(visible, DayStatus.FAILED)).isEqualTo(1);
        assertThat(selection.days()).containsExactly(day(2), day(3));
        assertThat(selection.selectAllWithStatus(visible, DayStatus.SUCCEEDED)).isZero();
    }

    @Test
    void clearEmptiesTheSelectionAndForgetsTheAnchor() {
        selection.selectRange(day(1), day(9));
        selection.clear();
        assertThat(selection.size()).isZero();
        assertThat(selection.getAnchor()).isNull();
        assertThat(selection.toDaySet().isEmpty()).isTrue();
    }

    @Test
    void daysAreSortedAndReadOnly() {
        selection.select(day(9));
        selection.select(day(1));
        selection.select(day(5));
        assertThat(selection.days()).containsExactly(day(1), day(5), day(9));
        assertThat(selection.toDaySet().asList()).containsExactly(day(1), day(5), day(9));
        assertThatThrownBy(() -> selection.days().add(day(2))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sizePropertyAndListenersFollowEachChangedDayOnly() {
        List<String> changes = new ArrayList<>();
        selection.addListener((SetChangeListener<LocalDate>) c ->
                changes.add((c.wasAdded() ? "+" : "-") + (c.wasAdded() ? c.getElementAdded() : c.getElementRemoved())));
        selection.selectRange(day(1), day(3));
        selection.selectRange(day(2), day(4));
        selection.toggle(day(1));
        assertThat(changes).containsExactly("+2024-09-01", "+2024-09-02", "+2024-09-03", "+2024-09-04", "-2024-09-01");
        assertThat(selection.sizeProperty().get()).isEqualTo(3);
    }
}
