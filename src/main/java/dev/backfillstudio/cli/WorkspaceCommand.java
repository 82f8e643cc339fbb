package dev.backfillstudio.cli;

import dev.backfillstudio.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that works on one workspace file given with {@code --db}. */
abstract class WorkspaceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The workspace (a DuckDB file).")
    Path db;

    @Option(names = "--verbose", description = "Show the stack trace of an unexpected error.")
    boolean verbose;

    /** How the command opens its workspace; most need an existing one. */
    Workspace.OpenMode openMode() {
        return Workspace.OpenMode.EXISTING;
    }

    @Override
    public final Integer call() throws Exception {
        try (Workspace ws = Workspace.open(db, openMode())) {
            return run(ws);
        }
    }

    abstract int run(Workspace workspace) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
