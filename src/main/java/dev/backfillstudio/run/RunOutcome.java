package dev.backfillstudio.run;

/** How a run ended, or RUNNING while it goes on. */
public enum RunOutcome {
    RUNNING,
    SUCCEEDED,
    /** Finished, but at least one day failed or was blocked (or a fail-fast run stopped at a failure). */
    FAILED,
    CANCELLED,
    /** Found RUNNING when the workspace was opened again: the process running it died. */
    INTERRUPTED
}
