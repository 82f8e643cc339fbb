package dev.backfillstudio.cli;

import dev.backfillstudio.workspace.Workspace;
import dev.backfillstudio.workspace.WorkspaceException;
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

    /**
     * True for a command that only reads (status, lint, job list and show): it opens the file
     * read-only, so it cannot change a byte of it, not even the bookkeeping an opening does.
     */
    boolean readsOnly() {
        return false;
    }

    /** Refuses options that do not go together, before the workspace is opened (or created). */
    void checkOptions() {
    }

    @Override
    public final Integer call() throws Exception {
        checkOptions();
        try (Workspace ws = open()) {
            return run(ws);
        }
    }

    private Workspace open() {
        if (!readsOnly()) {
            return Workspace.open(db, openMode());
        }
        try {
            return Workspace.open(db, Workspace.OpenMode.READ_ONLY);
        } catch (WorkspaceException e) {
            if (e.reason() == WorkspaceException.Reason.READ_ONLY && java.nio.file.Files.isWritable(db)) {
                throw new WorkspaceException(e.reason(), db.toAbsolutePath().normalize() + " was written by an older Backfill"
                        + " Studio and needs its metadata upgraded; this command only reads, so run `init --db " + db
                        + "` once first.", e);
            }
            throw e;
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
