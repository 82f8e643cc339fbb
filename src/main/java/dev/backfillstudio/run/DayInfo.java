package dev.backfillstudio.run;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One day of a job: its status, the version and fingerprint of its stored output, and the last
 * error. {@code inputMissing} is set when a snapshot table the job reads has no snapshot that day.
 */
public record DayInfo(
        LocalDate day,
        DayStatus status,
        Optional<Integer> version,
        Optional<Long> rows,
        Optional<String> fingerprint,
        Optional<String> error,
        boolean inputMissing) {

    public static DayInfo missing(LocalDate day, boolean inputMissing) {
        return new DayInfo(day, DayStatus.MISSING, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), inputMissing);
    }

    public DayInfo withStatus(DayStatus newStatus) {
        return new DayInfo(day, newStatus, version, rows, fingerprint, error, inputMissing);
    }
}
