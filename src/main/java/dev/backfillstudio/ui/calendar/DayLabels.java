package dev.backfillstudio.ui.calendar;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The words and style classes a day's status is shown with, so the colour is never the only sign.
 * Shared by the calendar cells, the year strip and the rows chart.
 */
public final class DayLabels {

    private DayLabels() {
    }

    /** One style class per status: {@code status-failed}, {@code status-stale}... */
    public static String styleClass(DayStatus status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT);
    }

    /** The short status word of a cell: "OK", "FAILED", "STALE v2", "missing", "queued", "running". */
    public static String statusText(DayInfo info) {
        return switch (info.status()) {
            case SUCCEEDED -> "OK";
            case FAILED -> "FAILED";
            case STALE -> info.version().map(v -> "STALE v" + v).orElse("STALE");
            case MISSING -> "missing";
            case QUEUED -> "queued";
            case RUNNING -> "running…";
            case BLOCKED -> "blocked";
        };
    }

    /** "1,234 rows", "1 row", or empty when the day has no stored output. */
    public static String rowsText(DayInfo info) {
        return rows(info.rows());
    }

    static String rows(Optional<Long> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        long n = rows.get();
        return NumberFormat.getIntegerInstance(Locale.getDefault()).format(n) + (n == 1 ? " row" : " rows");
    }

    /** A sentence for tooltips and screen readers. */
    public static String describe(DayInfo info) {
        StringBuilder s = new StringBuilder(info.day().toString()).append(": ").append(statusText(info));
        String rows = rowsText(info);
        if (!rows.isEmpty()) {
            s.append(", ").append(rows);
        }
        info.version().ifPresent(v -> s.append(", version ").append(v));
        if (info.inputMissing()) {
            s.append(", no input snapshot");
        }
        info.error().ifPresent(e -> s.append("\n").append(e));
        return s.toString();
    }
}
