package dev.backfillstudio.cli;

import dev.backfillstudio.run.DayOutcome;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.Restorer;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.run.Progress;
import dev.backfillstudio.run.RunOutcome;
import dev.backfillstudio.run.RunSummary;
import dev.backfillstudio.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "undo", mixinStandardHelpOptions = true,
        description = {"Put every day that run R changed back to what it held before R, each day atomically.",
            "Recorded as a run of its own (see `runs`), so an undo can be undone. Exits 2 when R is unknown or the rows"
                + " a day held before it were pruned (nothing is changed then), 1 when a day failed."})
final class UndoCommand extends WorkspaceCommand {

    @Option(names = "--run", required = true, paramLabel = "R", description = "The run to undo (its id, from `runs`).")
    long run;

    @Override
    int run(Workspace workspace) {
        RunSummary s = new Restorer(workspace).undo(run, new RunListener() {
            @Override
            public void dayFinished(DayOutcome d, Progress p) {
                out().println(DayLines.putBack(d, p));
                out().flush();
            }
        });
        if (s.days().isEmpty()) {
            out().printf("Run %d changed no day that still differs from what it held before; nothing to undo.%n", run);
            return ExitCodes.OK;
        }
        long ok = s.days().stream().filter(d -> d.status() != DayStatus.FAILED).count();
        out().printf("Run %d of job %s undid run %d: %d of %d days put back.%n", s.runId(), s.job(), run, ok, s.days().size());
        if (s.outcome() == RunOutcome.CANCELLED) {
            err().println("Cancelled; the days put back are kept and the day in flight was rolled back.");
        }
        for (DayOutcome d : s.failedDays()) {
            err().printf("%s: %s%n", d.day(), d.error().orElse("failed"));
        }
        return s.outcome() == RunOutcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
