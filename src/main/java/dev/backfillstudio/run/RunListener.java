package dev.backfillstudio.run;

import java.time.LocalDate;
import java.util.List;

/** Follows a run; every call comes on the run's own thread, so an app hands them to its UI thread itself. */
public interface RunListener {

    RunListener NONE = new RunListener() { };

    default void runStarted(long runId, List<LocalDate> days) {
    }

    default void dayStarted(LocalDate day, Progress progress) {
    }

    default void dayFinished(DayOutcome outcome, Progress progress) {
    }

    default void runFinished(RunSummary summary) {
    }
}
