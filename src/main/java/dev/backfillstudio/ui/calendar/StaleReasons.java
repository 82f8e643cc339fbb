package dev.backfillstudio.ui.calendar;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.StaleReason;
import java.util.List;

/**
 * Why a day is STALE, in the words and marks the calendar shows: a new version of the job, or an
 * input that changed since the day ran. The one place in the app that reads a day's reasons.
 */
public final class StaleReasons {

    /** Which mark a stale cell gets; NONE when the day is not stale. */
    public enum Mark { NONE, NEW_VERSION, INPUT_CHANGED, BOTH }

    private StaleReasons() {
    }

    /** The reasons' sentences, one per reason; empty unless the day is stale. */
    public static List<String> sentences(DayInfo info) {
        if (info.status() != DayStatus.STALE) {
            return List.of();
        }
        if (info.reasons().isEmpty()) {
            return List.of(info.version().map(v -> "made by version " + v + "; the job has a newer version")
                    .orElse("the job has a newer version"));
        }
        return info.reasons().stream().map(StaleReason::detail).toList();
    }

    public static Mark mark(DayInfo info) {
        if (info.status() != DayStatus.STALE) {
            return Mark.NONE;
        }
        boolean input = info.reasons().stream().anyMatch(r -> r.kind() == StaleReason.Kind.INPUT_CHANGED);
        boolean version = info.reasons().isEmpty() || info.reasons().stream().anyMatch(r -> r.kind() == StaleReason.Kind.NEW_VERSION);
        return input && version ? Mark.BOTH : input ? Mark.INPUT_CHANGED : Mark.NEW_VERSION;
    }
}
