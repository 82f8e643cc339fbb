package dev.backfillstudio.run;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What running one day did. {@code added}/{@code removed} are known only when cheap: zero when the
 * fingerprint did not change, everything when the day had no rows before or has none now.
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
