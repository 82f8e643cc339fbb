package dev.backfillstudio.cli;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.JobVersion;
import dev.backfillstudio.job.Lint;
import dev.backfillstudio.workspace.Workspace;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

// No mixinStandardHelpOptions: its --version would clash with the job's --version N.
@Command(name = "show", description = "Show a job's versions and the SQL of one of them.")
final class JobShowCommand extends WorkspaceCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--name", required = true, paramLabel = "J", description = "The job.")
    String name;

    @Option(names = "--version", paramLabel = "N", description = "The version whose SQL to print (default: the current one).")
    Integer version;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Workspace workspace) {
        JobStore store = new JobStore(workspace);
        Job job = store.get(name);
        JobVersion shown = store.version(name, version == null ? job.currentVersion() : version);
        out().printf("Job %s writes %s; current version %d.%n", job.name(), job.target(), job.currentVersion());
        out().println("Versions:");
        for (JobVersion v : store.versions(name)) {
            out().printf("  %s%3d  %s  %s%n", v.version() == job.currentVersion() ? "*" : " ", v.version(),
                    WHEN.format(v.createdAt()), v.hash().substring(0, 12));
        }
        out().printf("SQL of version %d:%n", shown.version());
        out().println(shown.sql());
        var findings = Lint.check(workspace.db(), shown.sql());
        out().println(findings.isEmpty() ? "Lint: no findings." : "Lint:");
        LintReport.print(out(), findings);
        return ExitCodes.OK;
    }
}
