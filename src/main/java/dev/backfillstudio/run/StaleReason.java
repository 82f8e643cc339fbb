package dev.backfillstudio.run;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Why a day is STALE: the job has a newer version than the one that wrote the day, or an input the
 * day read has changed since. {@code table} and {@code day} name the input (a whole-table input has
 * no day); {@code detail} is one sentence for people.
 */
public record StaleReason(Kind kind, Optional<String> table, Optional<LocalDate> day, String detail) {

    public enum Kind {
        NEW_VERSION,
        INPUT_CHANGED
    }

    public static StaleReason newVersion(int ran, int current) {
        return new StaleReason(Kind.NEW_VERSION, Optional.empty(), Optional.empty(),
                "Ran with version " + ran + "; the job is at version " + current + ".");
    }

    public static StaleReason inputChanged(String table, LocalDate day, String detail) {
        return new StaleReason(Kind.INPUT_CHANGED, Optional.of(table), Optional.ofNullable(day), detail);
    }
}
