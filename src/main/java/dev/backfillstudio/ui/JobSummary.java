package dev.backfillstudio.ui;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.run.DayStatus;
import java.util.Map;

/** A job as the sidebar lists it: its name, version and how many days are in each status. */
public record JobSummary(Job job, Map<DayStatus, Integer> counts) {

    public int count(DayStatus status) {
        return counts.getOrDefault(status, 0);
    }

    /** "40 ok · 2 failed · 5 stale · 14 missing", leaving out the zeros. */
    public String summaryText() {
        StringBuilder out = new StringBuilder();
        append(out, count(DayStatus.SUCCEEDED), "ok");
        append(out, count(DayStatus.FAILED), "failed");
        append(out, count(DayStatus.STALE), "stale");
        append(out, count(DayStatus.MISSING), "missing");
        return out.length() == 0 ? "never run" : out.toString();
    }

    private static void append(StringBuilder out, int n, String word) {
        if (n > 0) {
            out.append(out.length() == 0 ? "" : " · ").append(n).append(' ').append(word);
        }
    }
}
