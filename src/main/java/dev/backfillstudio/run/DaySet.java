package dev.backfillstudio.run;

import dev.backfillstudio.workspace.BackfillException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A sorted set of days without duplicates, written as a comma list of days and inclusive ranges:
 * {@code 2024-09-01..2024-09-30,2024-10-03}.
 */
public final class DaySet implements Iterable<LocalDate> {

    private static final int MAX_DAYS = 100_000;

    private final NavigableSet<LocalDate> days;

    private DaySet(NavigableSet<LocalDate> days) {
        this.days = Collections.unmodifiableNavigableSet(days);
    }

    public static DaySet of(Collection<LocalDate> days) {
        return new DaySet(new TreeSet<>(days));
    }

    public static DaySet range(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw BackfillException.badInput("The range " + from + ".." + to + " ends before it starts.");
        }
        TreeSet<LocalDate> set = new TreeSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            set.add(d);
        }
        return new DaySet(set);
    }

    /** Parses a day-set spec; a bad part is a usage error that names it. */
    public static DaySet parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw BackfillException.badInput("The day set is empty: give days like 2024-09-01..2024-09-30,2024-10-03.");
        }
        TreeSet<LocalDate> set = new TreeSet<>();
        for (String raw : spec.split(",")) {
            String part = raw.strip();
            if (part.isEmpty()) {
                throw BackfillException.badInput("The day set \"" + spec + "\" has an empty part between commas.");
            }
            int dots = part.indexOf("..");
            if (dots < 0) {
                set.add(day(part, spec));
            } else {
                LocalDate from = day(part.substring(0, dots).strip(), spec);
                LocalDate to = day(part.substring(dots + 2).strip(), spec);
                if (to.isBefore(from)) {
                    throw BackfillException.badInput("The range \"" + part + "\" in the day set ends before it starts.");
                }
                if (from.plusDays(MAX_DAYS).isBefore(to)) {
                    throw BackfillException.badInput("The range \"" + part + "\" spans more than " + MAX_DAYS + " days.");
                }
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    set.add(d);
                }
            }
        }
        return new DaySet(set);
    }

    private static LocalDate day(String text, String spec) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw BackfillException.badInput("\"" + text + "\" in the day set \"" + spec + "\" is not a day (YYYY-MM-DD).");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw BackfillException.badInput("\"" + text + "\" in the day set \"" + spec + "\" is not a real date.");
        }
    }

    public NavigableSet<LocalDate> days() {
        return days;
    }

    public List<LocalDate> asList() {
        return List.copyOf(days);
    }

    public int size() {
        return days.size();
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }

    public boolean contains(LocalDate day) {
        return days.contains(day);
    }

    @Override
    public Iterator<LocalDate> iterator() {
        return days.iterator();
    }

    /** Consecutive days from {@code from} to {@code to}, both included. */
    public record Range(LocalDate from, LocalDate to) {
    }

    /** The days as runs of consecutive days, in order: the fewest ranges that hold exactly these days. */
    public List<Range> ranges() {
        List<Range> out = new ArrayList<>();
        LocalDate start = null;
        LocalDate prev = null;
        for (LocalDate d : days) {
            if (start != null && !d.equals(prev.plusDays(1))) {
                out.add(new Range(start, prev));
                start = null;
            }
            if (start == null) {
                start = d;
            }
            prev = d;
        }
        if (start != null) {
            out.add(new Range(start, prev));
        }
        return out;
    }

    /** The shortest spec that names exactly these days: consecutive days fold into ranges. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Range r : ranges()) {
            out.append(out.length() > 0 ? "," : "").append(r.from());
            if (!r.to().equals(r.from())) {
                out.append("..").append(r.to());
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaySet other && days.equals(other.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }
}
