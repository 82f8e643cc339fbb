package dev.backfillstudio.cli;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobRemoval;
import dev.backfillstudio.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rename", mixinStandardHelpOptions = true,
        description = "Rename a job; its versions, runs and attempts follow, its output table keeps its name.")
final class JobRenameCommand extends WorkspaceCommand {

    @Option(names = "--name", required = true, paramLabel = "J", description = "The job's current name.")
    String name;

    @Option(names = "--to", required = true, paramLabel = "K", description = "Its new name.")
    String to;

    @Override
    int run(Workspace workspace) {
        Job job = new JobRemoval(workspace).rename(name, to);
        out().printf("Renamed job %s to %s (it still writes %s).%n", name, job.name(), job.target());
        return ExitCodes.OK;
    }
}
