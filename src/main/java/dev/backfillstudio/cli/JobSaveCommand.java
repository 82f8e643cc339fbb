package dev.backfillstudio.cli;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.Lint;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "save", mixinStandardHelpOptions = true,
        description = "Save a job, or a new version of it when its SQL changed (identical SQL makes no new version).")
final class JobSaveCommand extends WorkspaceCommand {

    @Option(names = "--name", required = true, paramLabel = "J", description = "The job's name.")
    String name;

    @Option(names = "--target", required = true, paramLabel = "T", description = "The table the job writes (created on its first run).")
    String target;

    @Option(names = "--sql-file", required = true, paramLabel = "FILE", description = "One SELECT query using {DATE} for the day.")
    Path sqlFile;

    @Override
    int run(Workspace workspace) {
        String sql;
        try {
            sql = Files.readString(sqlFile, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw BackfillException.badInput(sqlFile.toAbsolutePath() + " is not UTF-8 text.");
        } catch (IOException e) {
            throw BackfillException.badInput("Cannot read " + sqlFile.toAbsolutePath() + ": " + e.getMessage() + ".");
        }
        JobStore.SaveResult r = new JobStore(workspace).save(name, target, sql);
        if (r.createdNewVersion()) {
            out().printf("Saved job %s version %d (target %s, hash %s).%n", r.job().name(), r.version().version(),
                    r.job().target(), r.version().hash().substring(0, 12));
        } else {
            out().printf("Job %s is unchanged: its SQL is version %d already.%n", r.job().name(), r.version().version());
        }
        // warnings never stop a save, but the author should see them now, not after a backfill drifts
        LintReport.print(out(), Lint.check(workspace.db(), sql).stream().filter(f -> !f.isError()).toList());
        return ExitCodes.OK;
    }
}
