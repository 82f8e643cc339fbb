package dev.backfillstudio.ui.calendar;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.RunHistory;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The words and style classes a day's status is shown with, so the colour is never the only sign.
 * Shared by the calendar cells, the year strip, the rows chart and the day detail.
 */
public final class DayLabels {

    /** When an attempt started, ISO like every date in the app. */
    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private DayLabels() {
    }

    /** One style class per status: {@code status-failed}, {@code status-stale}... */
    public static String styleClass(DayStatus status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The short status word of a cell: "OK", "FAILED", "STALE", "missing", "queued", "running". Short
     * so it is never cut at 1280 pixels wide; the version and the reasons are in the tooltip.
     */
    public static String statusText(DayInfo info) {
        return switch (info.status()) {
            case SUCCEEDED -> "OK";
            case FAILED -> "FAILED";
            case STALE -> "STALE";
            case MISSING -> "missing";
            case QUEUED -> "queued";
            case RUNNING -> "running";
            case BLOCKED -> "blocked";
        };
    }

    /** The status word with its version, for the detail pane: "STALE (v2)". */
    public static String statusWithVersion(DayInfo info) {
        return statusText(info) + info.version().map(v -> " (v" + v + ")").orElse("");
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

    /** A cell's row count in at most four characters: "0", "235", "1.2k", "12k", "3.4M"; empty when none. */
    public static String compactRows(DayInfo info) {
        return info.rows().map(DayLabels::compact).orElse("");
    }

    /** Counts in at most four characters, rounding down so a count never reads larger than it is. */
    public static String compact(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        String[] units = {"k", "M", "G", "T"};
        double value = n;
        int unit = -1;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        if (value < 10) {
            long tenths = (long) Math.floor(value * 10);
            return tenths % 10 == 0 ? (tenths / 10) + units[unit] : (tenths / 10) + "." + (tenths % 10) + units[unit];
        }
        return (long) Math.floor(value) + units[unit];
    }

    /** The detail pane's status line: status, rows, version, missing input (the error has a box of its own). */
    public static String summary(DayInfo info) {
        StringBuilder s = new StringBuilder(statusText(info));
        String rows = rowsText(info);
        if (!rows.isEmpty()) {
            s.append(" · ").append(rows);
        }
        info.version().ifPresent(v -> s.append(" · version ").append(v));
        if (info.inputMissing()) {
            s.append(" · no input snapshot");
        } else if (info.inputArrivedSince()) {
            s.append(" · its input is there now");
        }
        return s.toString();
    }

    /** A sentence for screen readers. */
    public static String describe(DayInfo info) {
        StringBuilder s = new StringBuilder(info.day().toString()).append(": ").append(statusText(info));
        String rows = rowsText(info);
        if (!rows.isEmpty()) {
            s.append(", ").append(rows);
        }
        info.version().ifPresent(v -> s.append(", version ").append(v));
        if (info.inputMissing()) {
            s.append(", no input snapshot");
        } else if (info.inputArrivedSince()) {
            s.append(", its input is there now");
        }
        info.error().ifPresent(e -> s.append("\n").append(e));
        return s.toString();
    }

    /**
     * The tooltip of a day: status, why (reasons, missing input, error), version, rows, how long its
     * last attempt took and which run made it. One fact a line.
     */
    public static String tooltip(DayInfo info, Optional<RunHistory.Attempt> last) {
        StringBuilder s = new StringBuilder(info.day().toString()).append(" · ").append(statusText(info));
        for (String reason : StaleReasons.sentences(info)) {
            s.append("\nWhy: ").append(reason);
        }
        if (info.inputMissing()) {
            s.append("\nInput: a table it reads has no snapshot for this day");
        } else if (info.inputArrivedSince()) {
            s.append("\nInput: there now; rerun the failed days to fill it");
        }
        info.error().ifPresent(e -> s.append("\nError: ").append(e));
        info.version().ifPresent(v -> s.append("\nVersion: v").append(v));
        info.rows().ifPresent(r -> s.append("\nRows: ").append(NumberFormat.getIntegerInstance(Locale.getDefault()).format(r)));
        last.ifPresent(a -> {
            s.append("\nTook: ").append(duration(a.duration().toMillis()));
            s.append("\nRun: #").append(a.runId()).append(" at ").append(WHEN.format(a.started()))
                    .append(" (").append(a.outcome()).append(", v").append(a.version()).append(')');
        });
        if (last.isEmpty() && info.status() == DayStatus.MISSING) {
            s.append("\nNever run");
        }
        return s.toString();
    }

    /** "850 ms", "2.4 s", "3 min 5 s". */
    public static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000 / 1000) + " s";
    }
}
