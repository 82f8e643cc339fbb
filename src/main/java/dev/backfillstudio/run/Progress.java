package dev.backfillstudio.run;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/** Where a run stands: days done of total, the day now running, time spent and the estimate of time left. */
public record Progress(int done, int total, LocalDate currentDay, Duration elapsed, Optional<Duration> remaining) {

    static Progress of(int done, int total, LocalDate currentDay, Duration elapsed) {
        Optional<Duration> remaining = done == 0 ? Optional.empty()
                : Optional.of(elapsed.dividedBy(done).multipliedBy(total - done));
        return new Progress(done, total, currentDay, elapsed, remaining);
    }
}
