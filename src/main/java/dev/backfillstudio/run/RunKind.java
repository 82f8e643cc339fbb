package dev.backfillstudio.run;

/** What a run did: reran days with a job's SQL, undid an earlier run, or restored one day to an earlier attempt. */
public enum RunKind {
    RUN,
    UNDO,
    RESTORE
}
