package dev.backfillstudio.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One day of a job: its status, the version and fingerprint of its stored output, and the last
 * error. {@code inputMissing} is set when an input the job needs that day is absent (a snapshot
 * day, or a history that does not cover the day). A STALE day carries its {@code reasons}: a newer
 * version of the job, and every input that changed since the day ran.
 */
public record DayInfo(
        LocalDate day,
        DayStatus status,
        Optional<Integer> version,
        Optional<Long> rows,
        Optional<String> fingerprint,
        Optional<String> error,
        boolean inputMissing,
        List<StaleReason> reasons) {

    public DayInfo {
        reasons = List.copyOf(reasons);
    }

    /** A day without stale reasons. */
    public DayInfo(LocalDate day, DayStatus status, Optional<Integer> version, Optional<Long> rows, Optional<String> fingerprint,
            Optional<String> error, boolean inputMissing) {
        this(day, status, version, rows, fingerprint, error, inputMissing, List.of());
    }

    public static DayInfo missing(LocalDate day, boolean inputMissing) {
        return new DayInfo(day, DayStatus.MISSING, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), inputMissing);
    }

    public DayInfo withStatus(DayStatus newStatus) {
        return new DayInfo(day, newStatus, version, rows, fingerprint, error, inputMissing, reasons);
    }

    /**
     * True when the day failed because an input was not there, and it is there now: the day's error no
     * longer holds, and rerunning the failed days fills it.
     */
    public boolean inputArrivedSince() {
        return status == DayStatus.FAILED && !inputMissing && error.filter(JobInputs::isMissingInput).isPresent();
    }

    /** True when the day is stale because something it read changed (not only because of a new version). */
    public boolean staleByInput() {
        return reasons.stream().anyMatch(r -> r.kind() == StaleReason.Kind.INPUT_CHANGED);
    }
}
