package dev.backfillstudio.ui;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.run.DayStatus;
import java.util.Map;

/** A job as the sidebar lists it: its name, version and how many days are in each status. */
public record JobSummary(Job job, Map<DayStatus, Integer> counts) {

    public int count(DayStatus status) {
        return counts.getOrDefault(status, 0);
    }

    /**
     * "40 ok · 2 failed · 5 stale · 14 missing", leaving out the zeros; past two counts the rest go
     * on a second line, so the narrow sidebar never cuts them.
     */
    public String summaryText() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        add(parts, count(DayStatus.SUCCEEDED), "ok");
        add(parts, count(DayStatus.FAILED), "failed");
        add(parts, count(DayStatus.STALE), "stale");
        add(parts, count(DayStatus.MISSING), "missing");
        if (parts.isEmpty()) {
            return "never run";
        }
        if (parts.size() <= 2) {
            return String.join(" · ", parts);
        }
        return String.join(" · ", parts.subList(0, 2)) + "\n" + String.join(" · ", parts.subList(2, parts.size()));
    }

    private static void add(java.util.List<String> parts, int n, String word) {
        if (n > 0) {
            parts.add(n + " " + word);
        }
    }
}
