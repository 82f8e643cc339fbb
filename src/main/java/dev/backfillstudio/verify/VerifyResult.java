package dev.backfillstudio.verify;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The verdict on one day. {@code version} and {@code storedRows} are known when the day has stored
 * output, {@code recomputedRows} when it could be recomputed, {@code diff} when it DRIFTED. The message
 * is one sentence for people, naming the day.
 */
public record VerifyResult(
        LocalDate day,
        VerifyOutcome outcome,
        Optional<Integer> version,
        Optional<Long> storedRows,
        Optional<Long> recomputedRows,
        Optional<RowDiff> diff,
        String message) {

    /** Rows a rerun would add: 0 unless DRIFTED. */
    public long added() {
        return diff.map(RowDiff::added).orElse(0L);
    }

    /** Rows a rerun would remove: 0 unless DRIFTED. */
    public long removed() {
        return diff.map(RowDiff::removed).orElse(0L);
    }
}
