package dev.backfillstudio.run;

import java.util.List;

/** The end of a run: its outcome and every day it attempted, in order. */
public record RunSummary(long runId, String job, int version, RunOutcome outcome, List<DayOutcome> days) {

    public List<DayOutcome> failedDays() {
        return days.stream().filter(d -> d.status() == DayStatus.FAILED).toList();
    }

    /** The days the change limit kept from being committed. */
    public List<DayOutcome> blockedDays() {
        return days.stream().filter(d -> d.status() == DayStatus.BLOCKED).toList();
    }
}
