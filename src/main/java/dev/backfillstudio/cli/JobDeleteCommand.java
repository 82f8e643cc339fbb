package dev.backfillstudio.cli;

import dev.backfillstudio.job.JobRemoval;
import dev.backfillstudio.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a job with its versions, runs and attempts; its output table is kept unless --drop-output.")
final class JobDeleteCommand extends WorkspaceCommand {

    @Option(names = "--name", required = true, paramLabel = "J", description = "The job to delete.")
    String name;

    @Option(names = "--drop-output", description = "Also drop the job's output table.")
    boolean dropOutput;

    @Override
    int run(Workspace workspace) {
        JobRemoval.Impact impact = new JobRemoval(workspace).delete(name, dropOutput);
        out().println("Deleted " + impact.records() + "."
                + impact.output().map(t -> dropOutput ? " Dropped its output table " + t + "."
                        : " Kept its output table " + t + " as a plain table.").orElse(""));
        return ExitCodes.OK;
    }
}
