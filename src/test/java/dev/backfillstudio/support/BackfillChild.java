package dev.backfillstudio.support;

import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DayOutcome;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.Progress;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;

/** Child-process main: runs a backfill (workspace, job, day spec) and prints "done DAY" after each finished day. */
public final class BackfillChild {
    public static void main(String[] args) {
        try (Workspace ws = Workspace.open(Path.of(args[0]))) {
            new Backfill(ws).run(args[1], DaySet.parse(args[2]), new RunListener() {
                @Override
                public void dayFinished(DayOutcome outcome, Progress progress) {
                    System.out.println("done " + outcome.day());
                    System.out.flush();
                }
            });
            System.out.println("finished");
        }
    }
}
