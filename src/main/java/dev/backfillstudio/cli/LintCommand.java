package dev.backfillstudio.cli;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.Lint;
import dev.backfillstudio.job.LintFinding;
import dev.backfillstudio.job.PortableSql;
import dev.backfillstudio.job.ReferenceTables;
import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.EngineSql;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check a job's SQL before it runs: exit 1 when it has an error; warnings are printed and exit 0.")
final class LintCommand extends WorkspaceCommand {

    static final class Source {
        @Option(names = "--job", required = true, paramLabel = "J", description = "Lint the current version of this job.")
        String job;

        @Option(names = "--sql-file", required = true, paramLabel = "FILE", description = "Lint the SQL in this file.")
        Path sqlFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--static", split = ",", paramLabel = "T",
            description = "Mark these tables as static reference data (kept in the workspace) before linting.")
    List<String> staticTables = List.of();

    @Option(names = "--not-static", split = ",", paramLabel = "T",
            description = "Remove the static mark of these tables before linting: lint reads them as tables that change again.")
    List<String> notStaticTables = List.of();

    @Override
    boolean readsOnly() {
        return staticTables.isEmpty() && notStaticTables.isEmpty();
    }

    @Override
    int run(Workspace workspace) throws Exception {
        if (!staticTables.isEmpty() || !notStaticTables.isEmpty()) {
            workspace.requireWritable();
            for (String table : notStaticTables) {
                ReferenceTables.unmarkStatic(workspace.db(), table.strip());
                out().println(table.strip() + " is no longer marked static.");
            }
            for (String table : staticTables) {
                ReferenceTables.markStatic(workspace.db(), table.strip());
            }
        }
        String sql = source.job != null ? currentSql(workspace, source.job) : readFile(source.sqlFile);
        List<LintFinding> findings = new ArrayList<>(Lint.check(workspace.db(), sql));
        Optional<DayEngine> engine = Engines.open(workspace);
        if (engine.isPresent()) {
            try (DayEngine e = engine.get()) {
                // any day will do: the day only fills {DATE} in
                findings.addAll(PortableSql.check(sql, e.describe(), e.refusal(EngineSql.forDay(workspace.db(), sql, LocalDate.now()))));
            }
        }
        if (findings.isEmpty()) {
            out().println("no findings");
            return ExitCodes.OK;
        }
        LintReport.print(out(), findings);
        return Lint.hasErrors(findings) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static String currentSql(Workspace workspace, String job) {
        JobStore store = new JobStore(workspace);
        return store.version(job, store.get(job).currentVersion()).sql();
    }

    private static String readFile(Path file) {
        Path path = file.toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw BackfillException.badInput(path + (Files.isDirectory(path) ? " is a directory, not a SQL file." : " does not exist."));
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BackfillException.badInput("Cannot read " + path + ": " + e.getMessage() + ".", e);
        }
    }
}
