package dev.backfillstudio.cli;

import dev.backfillstudio.run.DayOutcome;
import dev.backfillstudio.run.Restorer;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.run.RunOutcome;
import dev.backfillstudio.run.RunSummary;
import dev.backfillstudio.workspace.Workspace;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Put the rows of one attempt of a day back (`attempts` lists them), atomically.",
            "Recorded as an attempt of its own with the version and lineage of the attempt restored, so an older version's rows"
                + " show STALE. Exits 2 when the attempt is unknown, wrote no rows, or its rows were pruned (nothing changes)."})
final class RestoreCommand extends WorkspaceCommand {

    @Option(names = "--job", required = true, paramLabel = "J", description = "The job.")
    String job;

    @Option(names = "--day", required = true, paramLabel = "D", description = "The day (YYYY-MM-DD).")
    String day;

    @Option(names = "--attempt", required = true, paramLabel = "A", description = "The attempt to put back (its id, from `attempts`).")
    long attempt;

    @Override
    int run(Workspace workspace) {
        LocalDate d = DayOptions.day("--day", day);
        RunSummary s = new Restorer(workspace).restore(job, d, attempt, RunListener.NONE);
        if (s.days().isEmpty()) {
            out().printf("%s of job %s already holds the rows of attempt %d; nothing to restore.%n", d, job, attempt);
            return ExitCodes.OK;
        }
        DayOutcome o = s.days().get(0);
        out().println(DayLines.putBack(o, null));
        if (DayLines.failed(o)) {
            err().printf("%s: %s%n", d, o.error().orElse("failed"));
            return ExitCodes.FAILED;
        }
        out().printf("Run %d of job %s restored attempt %d on %s.%n", s.runId(), job, attempt, d);
        return s.outcome() == RunOutcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
