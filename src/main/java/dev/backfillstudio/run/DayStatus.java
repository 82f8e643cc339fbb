package dev.backfillstudio.run;

/** The state of one day of a job, as the calendar and {@code status} show it. */
public enum DayStatus {
    /** Never run (or never succeeded and never failed). */
    MISSING,
    /** The last run succeeded with the job's current version. */
    SUCCEEDED,
    /** Succeeded, but with an older version than the current one. */
    STALE,
    /** The last attempt failed; earlier output, if any, is kept. */
    FAILED,
    /** Waiting in a run that is under way. */
    QUEUED,
    /** Being computed now. */
    RUNNING,
    /**
     * A day's outcome, never a day's state: its rerun would have changed more of its rows than the run's
     * limit allows, so it kept its rows (and its status).
     */
    BLOCKED
}
