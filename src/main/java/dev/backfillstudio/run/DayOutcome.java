package dev.backfillstudio.run;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What running one day did. When the day had output before, {@code previousRows} is how many rows it
 * had and {@code added}/{@code removed} how the output changed (zero and zero when the fingerprint did
 * not change); a day that had none has {@code previousRows} 0 and all its rows added.
 */
public record DayOutcome(
        LocalDate day,
        DayStatus status,
        long rows,
        Optional<String> fingerprint,
        Duration duration,
        Optional<String> error,
        Optional<Long> previousRows,
        Optional<Long> added,
        Optional<Long> removed) {
}
