package dev.backfillstudio.cli;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.workspace.Workspace;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the jobs with their target and current version.")
final class JobListCommand extends WorkspaceCommand {

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Workspace workspace) {
        List<Job> jobs = new JobStore(workspace).list();
        if (jobs.isEmpty()) {
            out().println("No jobs yet; save one with `job save --db " + workspace.file() + " --name J --target T --sql-file FILE`.");
            return ExitCodes.OK;
        }
        int width = Math.max(3, jobs.stream().mapToInt(j -> j.name().length()).max().orElse(3));
        int targetWidth = Math.max(6, jobs.stream().mapToInt(j -> j.target().length()).max().orElse(6));
        out().printf("%-" + width + "s  %-" + targetWidth + "s  %s%n", "job", "target", "version");
        for (Job j : jobs) {
            out().printf("%-" + width + "s  %-" + targetWidth + "s  %d%n", j.name(), j.target(), j.currentVersion());
        }
        return ExitCodes.OK;
    }
}
