package dev.backfillstudio.ui;

import dev.backfillstudio.run.RunHistory;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Which job, and which month of it, a workspace opens on: the one with the latest activity, counting
 * as activity a run or a saved version (the engine's record) and the user's last look at a job in
 * this app (remembered per workspace). The month is the one of that activity.
 */
final class FirstLook {

    /** The job to open, and its month when the activity names one (else the job's latest known day decides). */
    record Choice(String job, Optional<YearMonth> month) {
    }

    private FirstLook() {
    }

    static Optional<Choice> choose(List<RunHistory.Activity> activity, Optional<UiPreferences.LastView> remembered) {
        Optional<RunHistory.Activity> newest = activity.stream().findFirst();
        Optional<UiPreferences.LastView> seen = remembered
                .filter(v -> activity.stream().anyMatch(a -> a.job().equals(v.job())));
        if (seen.isPresent() && (newest.isEmpty() || !seen.get().at().isBefore(newest.get().at()))) {
            return Optional.of(new Choice(seen.get().job(), Optional.of(seen.get().month())));
        }
        return newest.map(a -> new Choice(a.job(), a.lastDay().map(YearMonth::from)));
    }
}
