package dev.backfillstudio.ui.calendar.skin;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.WeekFields;

/** Where a month's 6x7 grid starts: the first day of the week on or before the 1st. */
final class MonthLayout {

    static final int CELLS = 42;

    private MonthLayout() {
    }

    static LocalDate firstCell(YearMonth month, WeekFields weekFields) {
        LocalDate first = month.atDay(1);
        int offset = (first.getDayOfWeek().getValue() - weekFields.getFirstDayOfWeek().getValue() + 7) % 7;
        return first.minusDays(offset);
    }

    static boolean isWeekend(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
