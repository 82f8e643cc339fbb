package dev.backfillstudio.cli;

import dev.backfillstudio.run.DayOutcome;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.Progress;

/** How the command line prints a day an undo or restore put back. */
final class DayLines {

    private DayLines() {
    }

    static String putBack(DayOutcome d, Progress p) {
        String counts = String.format("+%,d \u2212%,d", d.added().orElse(0L), d.removed().orElse(0L));
        String where = p == null ? "" : String.format("  (%d/%d)", p.done(), p.total());
        return switch (d.status()) {
            case FAILED -> String.format("%s  FAILED     %s%s", d.day(), d.error().orElse(""), where);
            case MISSING -> String.format("%s  CLEARED    no rows, as before  %s%s", d.day(), counts, where);
            default -> String.format("%s  RESTORED   %s  %s  %s%s", d.day(), Rows.of(d.rows()), d.fingerprint().orElse(""), counts, where);
        };
    }

    static boolean failed(DayOutcome d) {
        return d.status() == DayStatus.FAILED;
    }
}
