package dev.backfillstudio.spark;

import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.DayOutcome;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.EngineBackfill;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.run.Progress;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;

/** Child-process main: runs a job's days on a Spark workspace (workspace, job, day spec), printing "done DAY" after each. */
public final class SparkRunChild {
    public static void main(String[] args) {
        try (Workspace ws = Workspace.open(Path.of(args[0])); DayEngine engine = Engines.open(ws).orElseThrow()) {
            System.out.println("started");
            System.out.flush();
            new EngineBackfill(ws, engine).run(args[1], DaySet.parse(args[2]), new RunListener() {
                @Override
                public void dayFinished(DayOutcome outcome, Progress progress) {
                    System.out.println("done " + outcome.day());
                    System.out.flush();
                }
            }, false);
            System.out.println("finished");
        }
        System.exit(0);
    }
}
