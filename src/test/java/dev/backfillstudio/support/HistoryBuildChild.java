package dev.backfillstudio.support;

import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;

/** Child-process main: builds the history of snapshot table {@code args[1]} keyed by {@code args[2]}; prints "step ..." as each step starts. */
public final class HistoryBuildChild {
    public static void main(String[] args) {
        try (Workspace ws = Workspace.open(Path.of(args[0]))) {
            new HistoryBuilder(ws).onStep(step -> {
                System.out.println("step " + step);
                System.out.flush();
            }).build(args[1], List.of(args[2]), null);
            System.out.println("finished");
        }
    }
}
