package dev.backfillstudio.ui.calendar;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.DayStatus;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * The ticked days of a calendar, without any window: toggle, ranges from an anchor, drag painting and
 * "all of a status". The calendar's cells listen to {@link #addListener} to restyle only the days
 * that changed.
 */
public final class DaySelection {

    private final TreeSet<LocalDate> sorted = new TreeSet<>();
    // Wraps the TreeSet so iteration stays in day order while changes are observable.
    private final ObservableSet<LocalDate> days = FXCollections.observableSet(sorted);
    private final NavigableSet<LocalDate> readOnly = Collections.unmodifiableNavigableSet(sorted);
    private final ReadOnlyIntegerWrapper size = new ReadOnlyIntegerWrapper(this, "size", 0);
    private final ReadOnlyObjectWrapper<LocalDate> anchor = new ReadOnlyObjectWrapper<>(this, "anchor");

    public DaySelection() {
        days.addListener((SetChangeListener<LocalDate>) change -> size.set(days.size()));
    }

    /** Flips one day and makes it the anchor of the next range; returns whether it is now ticked. */
    public boolean toggle(LocalDate day) {
        Objects.requireNonNull(day, "day");
        anchor.set(day);
        if (days.contains(day)) {
            days.remove(day);
            return false;
        }
        days.add(day);
        return true;
    }

    public void select(LocalDate day) {
        anchor.set(Objects.requireNonNull(day, "day"));
        days.add(day);
    }

    public void deselect(LocalDate day) {
        anchor.set(Objects.requireNonNull(day, "day"));
        days.remove(day);
    }

    /** Ticks every day between the two, inclusive, in either order; the anchor stays where it was. */
    public void selectRange(LocalDate from, LocalDate to) {
        LocalDate first = from.isAfter(to) ? to : from;
        LocalDate last = from.isAfter(to) ? from : to;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
    }

    /** Shift-click: ticks from the anchor to this day; without an anchor it toggles the day. */
    public void extendTo(LocalDate day) {
        LocalDate from = anchor.get();
        if (from == null) {
            toggle(day);
        } else {
            selectRange(from, day);
        }
    }

    /** Drag painting: gives the day the state the drag started with, leaving the anchor alone. */
    public void paint(LocalDate day, boolean ticked) {
        if (ticked) {
            days.add(day);
        } else {
            days.remove(day);
        }
    }

    /** Ticks each of the given days that has the status; returns how many were newly ticked. */
    public int selectAllWithStatus(Collection<DayInfo> visibleDays, DayStatus status) {
        int added = 0;
        for (DayInfo info : visibleDays) {
            if (info.status() == status && days.add(info.day())) {
                added++;
            }
        }
        return added;
    }

    public void clear() {
        days.clear();
        anchor.set(null);
    }

    public boolean isSelected(LocalDate day) {
        return sorted.contains(day);
    }

    /** The ticked days in order; a read-only view that follows later changes. */
    public NavigableSet<LocalDate> days() {
        return readOnly;
    }

    public int size() {
        return size.get();
    }

    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    public ReadOnlyIntegerProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }

    public LocalDate getAnchor() {
        return anchor.get();
    }

    public ReadOnlyObjectProperty<LocalDate> anchorProperty() {
        return anchor.getReadOnlyProperty();
    }

    public DaySet toDaySet() {
        return DaySet.of(sorted);
    }

    /** Called once per day added or removed. */
    public void addListener(SetChangeListener<? super LocalDate> listener) {
        days.addListener(listener);
    }

    public void removeListener(SetChangeListener<? super LocalDate> listener) {
        days.removeListener(listener);
    }
}
