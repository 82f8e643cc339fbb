package dev.backfillstudio.ui.calendar;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import java.util.List;

/**
 * Why a day is STALE, in the words and marks the calendar shows: a new version of the job, or an
 * input that changed since the day ran. The one place that reads the reasons of a {@link DayInfo}.
 */
public final class StaleReasons {

    /** Which mark a stale cell gets; NONE when the day is not stale or says no reason. */
    public enum Mark { NONE, NEW_VERSION, INPUT_CHANGED, BOTH }

    private StaleReasons() {
    }

    /** The reasons' sentences, one per reason; empty unless the day is stale. */
    public static List<String> sentences(DayInfo info) {
        if (info.status() != DayStatus.STALE) {
            return List.of();
        }
        // Until the engine names reasons, a stale day is one made by an older version of the job.
        return List.of(info.version().map(v -> "made by version " + v + "; the job has a newer version")
                .orElse("the job has a newer version"));
    }

    public static Mark mark(DayInfo info) {
        return info.status() == DayStatus.STALE ? Mark.NEW_VERSION : Mark.NONE;
    }
}
