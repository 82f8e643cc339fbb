package dev.backfillstudio.verify;

/** What verifying one day found. */
public enum VerifyOutcome {
    /** Recomputing the day with the version that made it gives exactly the stored rows. */
    REPRODUCIBLE,
    /** Recomputing gives other rows: the job read something that changed since the day was run. */
    DRIFTED,
    /** The day has no stored output to compare with (never run, or every attempt failed). */
    NOT_RUN,
    /** The day has output but cannot be recomputed (its input snapshot is missing, or its query no longer runs). */
    CANNOT_VERIFY
}
