package dev.backfillstudio.support;

import dev.backfillstudio.run.DayOutcome;
import dev.backfillstudio.run.Progress;
import dev.backfillstudio.run.Restorer;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Child-process main: {@code undo FILE RUN} or {@code restore FILE JOB DAY ATTEMPT}; prints "started" when the
 * first day begins and "done DAY" after each finished day.
 */
public final class RestoreChild {
    public static void main(String[] args) {
        RunListener listener = new RunListener() {
            @Override
            public void runStarted(long runId, List<LocalDate> days) {
                System.out.println("started");
                System.out.flush();
            }

            @Override
            public void dayFinished(DayOutcome outcome, Progress progress) {
                System.out.println("done " + outcome.day());
                System.out.flush();
            }
        };
        try (Workspace ws = Workspace.open(Path.of(args[1]))) {
            if (args[0].equals("undo")) {
                new Restorer(ws).undo(Long.parseLong(args[2]), listener);
            } else {
                new Restorer(ws).restore(args[2], LocalDate.parse(args[3]), Long.parseLong(args[4]), listener);
            }
            System.out.println("finished");
        }
    }
}
