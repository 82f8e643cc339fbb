package dev.backfillstudio.ui.calendar;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.ui.calendar.skin.CalendarViewSkin;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * A month of a job's days: status by colour and words, row counts, ticks. Whoever owns it fills
 * {@link #getDays()} with the statuses of the visible year (watch {@link #visibleYearProperty()} to
 * know when to load) and replaces single entries on the FX thread as a run goes on.
 */
public class CalendarView extends Control {

    private final javafx.collections.ObservableSet<LocalDate> driftedDays = javafx.collections.FXCollections.observableSet();

    private static final String DEFAULT_STYLE_CLASS = "calendar-view";

    private final ObjectProperty<YearMonth> yearMonth = new SimpleObjectProperty<>(this, "yearMonth", YearMonth.now());
    private final ObjectProperty<LocalDate> today = new SimpleObjectProperty<>(this, "today", LocalDate.now());
    private final ObjectProperty<WeekFields> weekFields =
            new SimpleObjectProperty<>(this, "weekFields", WeekFields.of(Locale.getDefault()));
    private final ObservableMap<LocalDate, DayInfo> days = FXCollections.observableHashMap();
    private final ObservableMap<LocalDate, RunHistory.Attempt> lastAttempts = FXCollections.observableHashMap();
    private final DaySelection selection = new DaySelection();
    private final ObjectProperty<LocalDate> focusedDay = new SimpleObjectProperty<>(this, "focusedDay");
    private final ObjectProperty<Consumer<LocalDate>> onDayOpened = new SimpleObjectProperty<>(this, "onDayOpened");
    private final ReadOnlyObjectWrapper<Year> visibleYear = new ReadOnlyObjectWrapper<>(this, "visibleYear");

    public CalendarView() {
        getStyleClass().add(DEFAULT_STYLE_CLASS);
        setFocusTraversable(true);
        visibleYear.bind(Bindings.createObjectBinding(
                () -> Year.of(getYearMonth().getYear()), yearMonth));
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new CalendarViewSkin(this);
    }

    // --- yearMonth: the month shown in the big grid
    public final ObjectProperty<YearMonth> yearMonthProperty() {
        return yearMonth;
    }

    public final YearMonth getYearMonth() {
        return yearMonth.get();
    }

    public final void setYearMonth(YearMonth value) {
        yearMonth.set(Objects.requireNonNull(value, "yearMonth"));
    }

    // --- today: pinned by tests, refreshed by the owner at midnight if it cares
    public final ObjectProperty<LocalDate> todayProperty() {
        return today;
    }

    public final LocalDate getToday() {
        return today.get();
    }

    public final void setToday(LocalDate value) {
        today.set(value);
    }

    // --- weekFields: which day starts a week row
    public final ObjectProperty<WeekFields> weekFieldsProperty() {
        return weekFields;
    }

    public final WeekFields getWeekFields() {
        return weekFields.get();
    }

    public final void setWeekFields(WeekFields value) {
        weekFields.set(Objects.requireNonNull(value, "weekFields"));
    }

    // --- focusedDay: the keyboard cursor
    public final ObjectProperty<LocalDate> focusedDayProperty() {
        return focusedDay;
    }

    public final LocalDate getFocusedDay() {
        return focusedDay.get();
    }

    public final void setFocusedDay(LocalDate value) {
        focusedDay.set(value);
    }

    // --- onDayOpened: double-click or Enter on a day
    public final ObjectProperty<Consumer<LocalDate>> onDayOpenedProperty() {
        return onDayOpened;
    }

    public final Consumer<LocalDate> getOnDayOpened() {
        return onDayOpened.get();
    }

    public final void setOnDayOpened(Consumer<LocalDate> value) {
        onDayOpened.set(value);
    }

    /** The year of the visible month; the owner loads that year's statuses when it changes. */
    public final ReadOnlyObjectProperty<Year> visibleYearProperty() {
        return visibleYear.getReadOnlyProperty();
    }

    public final Year getVisibleYear() {
        return visibleYear.get();
    }

    /** Statuses by day, for at least the visible year; days without an entry show as unknown. */
    /** Days a verify found DRIFTED: their cells are marked until the set changes. */
    public final javafx.collections.ObservableSet<LocalDate> getDriftedDays() {
        return driftedDays;
    }

    public final ObservableMap<LocalDate, DayInfo> getDays() {
        return days;
    }

    /** The last attempt of each day that has one (its run, duration), for the days' tooltips. */
    public final ObservableMap<LocalDate, RunHistory.Attempt> getLastAttempts() {
        return lastAttempts;
    }

    public final DaySelection getSelection() {
        return selection;
    }

    /** Replaces all statuses at once, e.g. after loading a year. */
    public void replaceDays(Collection<DayInfo> infos) {
        Set<LocalDate> keep = new HashSet<>();
        for (DayInfo info : infos) {
            keep.add(info.day());
        }
        // Dropping only the days that go away keeps each remaining cell to one restyle, not two.
        days.keySet().retainAll(keep);
        putDays(infos);
    }

    /** Adds or replaces the given days' statuses, e.g. as a run reports them. */
    public void putDays(Collection<DayInfo> infos) {
        for (DayInfo info : infos) {
            // An unchanged entry would still fire a change; skipping it keeps reloads cheap.
            if (!info.equals(days.get(info.day()))) {
                days.put(info.day(), info);
            }
        }
    }

    /** The statuses of the days of the visible month that have one, in day order. */
    public List<DayInfo> getVisibleDayInfos() {
        YearMonth ym = getYearMonth();
        List<DayInfo> out = new ArrayList<>(31);
        for (int d = 1; d <= ym.lengthOfMonth(); d++) {
            DayInfo info = days.get(ym.atDay(d));
            if (info != null) {
                out.add(info);
            }
        }
        return out;
    }

    /** How many days of the visible month have the status. */
    public int countInView(DayStatus status) {
        int n = 0;
        for (DayInfo info : getVisibleDayInfos()) {
            if (info.status() == status) {
                n++;
            }
        }
        return n;
    }

    /** Ticks every day of the visible month with the status; returns how many were newly ticked. */
    public int tickAllInView(DayStatus status) {
        return selection.selectAllWithStatus(getVisibleDayInfos(), status);
    }

    /** Moves the big month to the day's month and puts the keyboard cursor on it. */
    public void showDay(LocalDate day) {
        setYearMonth(YearMonth.from(day));
        setFocusedDay(day);
    }

    public void previousMonth() {
        setYearMonth(getYearMonth().minusMonths(1));
    }

    public void nextMonth() {
        setYearMonth(getYearMonth().plusMonths(1));
    }

    public void goToToday() {
        showDay(getToday());
    }

    /** Tells the owner to open the day's detail. */
    public void openDay(LocalDate day) {
        Consumer<LocalDate> handler = getOnDayOpened();
        if (handler != null && day != null) {
            handler.accept(day);
        }
    }
}
