package dev.backfillstudio.cli;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.demo.GeneratedWorkspace;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Build the sample workspace from sample-data/, or a generated one of a given size.",
            "With --items/--days/--events the workspace is generated at that size (days from 2024-01-01)."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The workspace to create (must not exist).")
    java.nio.file.Path db;

    @Option(names = "--items", paramLabel = "N", description = "Generate N items.")
    Integer items;

    @Option(names = "--days", paramLabel = "D", description = "Generate D days of snapshots and events.")
    Integer days;

    @Option(names = "--events", paramLabel = "E", description = "Generate E events over those days.")
    Long events;

    @Option(names = "--verbose", description = "Show the stack trace of an unexpected error.")
    boolean verbose;

    @Override
    public Integer call() {
        if (Files.exists(db)) {
            throw BackfillException.badInput(db.toAbsolutePath() + " already exists; demo builds a new workspace, so give a new file name.");
        }
        boolean generated = items != null || days != null || events != null;
        long started = System.nanoTime();
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            DemoBuilder builder = new DemoBuilder(ws);
            if (generated) {
                GeneratedWorkspace.Size size = new GeneratedWorkspace.Size(
                        items == null ? 1000 : items, days == null ? 60 : days, events == null ? 100_000 : events);
                builder.buildGenerated(size);
            } else {
                builder.buildSampleWithJobs();
            }
        } catch (IllegalArgumentException e) {
            throw BackfillException.badInput("demo: " + e.getMessage() + ".");
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(db);
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
            } catch (java.io.IOException ignored) {
                // the half-built file stays; the error below says what went wrong
            }
            throw e;
        }
        spec.commandLine().getOut().printf("Demo workspace %s built in %.1f s%n", db.toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
