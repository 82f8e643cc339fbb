package dev.backfillstudio.ui;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.run.DayStatus;
import java.util.Map;

/**
 * A job as the sidebar lists it: its name, version, how many days are in each status, and its links: the
 * jobs whose output it reads ({@code upstream}), the jobs reading its output ({@code downstream}), and its
 * depth in the chain (0 for a job reading no other job's output).
 */
public record JobSummary(Job job, Map<DayStatus, Integer> counts, java.util.List<String> upstream,
        java.util.List<String> downstream, int depth) {

    public JobSummary(Job job, Map<DayStatus, Integer> counts) {
        this(job, counts, java.util.List.of(), java.util.List.of(), 0);
    }

    /** "← reads a, b" for a job downstream of others; empty for a job at the head of a chain. */
    public String readsText() {
        return upstream.isEmpty() ? "" : "← reads " + String.join(", ", upstream);
    }

    public int count(DayStatus status) {
        return counts.getOrDefault(status, 0);
    }

    /**
     * "40 ok · 2 failed", or, when more than two statuses are present, what needs doing ("2 failed ·
     * 5 stale · 14 missing"): one line that the narrow sidebar never cuts. Zeros are left out.
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
        if (parts.size() > 2 && count(DayStatus.SUCCEEDED) > 0) {
            parts.remove(0);
        }
        return String.join(" · ", parts);
    }

    private static void add(java.util.List<String> parts, int n, String word) {
        if (n > 0) {
            parts.add(n + " " + word);
        }
    }
}
