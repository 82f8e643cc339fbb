package dev.backfillstudio;

import dev.backfillstudio.cli.BackfillCli;
import dev.backfillstudio.ui.BackfillStudioApp;
import dev.backfillstudio.workspace.Workspace;
import javafx.application.Application;

/**
 * What the jar does once {@link Main} has chosen the class loader: the desktop app for no argument
 * or a single workspace path, else the command line. The installer's {@code bfs} launcher sets
 * {@value #COMMAND_LINE_ONLY}: a command-line tool that never opens a window, even with no argument.
 */
public final class Launch {

    /** Set by the installed {@code bfs} launcher: always the command line. */
    static final String COMMAND_LINE_ONLY = "backfill.commandLineOnly";

    private Launch() {
    }

    public static void main(String[] args) {
        boolean app = args.length == 0 || (args.length == 1 && args[0].endsWith(".duckdb"));
        if (app && !Boolean.getBoolean(COMMAND_LINE_ONLY)) {
            warmUp(() -> { });
            Application.launch(BackfillStudioApp.class, args);
            return;
        }
        if (args.length > 0 && !args[0].startsWith("-")) {
            // a command (not --help or --version): it will open a workspace, which a command that only reads opens
            // ahead, on the warm-up thread
            Runnable open = BackfillCli.readOnlyWorkspace(args).map(Workspace::prefetchReadOnly).orElse(() -> { });
            warmUp(open);
        }
        System.exit(BackfillCli.execute(args));
    }

    /**
     * Loads DuckDB's driver and native library on another thread while this one parses the command
     * line or builds the window, then runs {@code then} (a workspace opened ahead): class initialisation
     * is thread-safe, so whoever needs the driver first simply waits for what is left of it.
     */
    static void warmUp(Runnable then) {
        Thread t = new Thread(() -> {
            try {
                Class.forName("org.duckdb.DuckDBDriver", true, Launch.class.getClassLoader());
                Class.forName("org.duckdb.DuckDBNative", true, Launch.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError ignored) {
                // the main thread will meet the same problem and report it where it belongs
            }
            // the time zone rules, which the driver's first date reads and which take a file of their own
            java.util.TimeZone.getDefault();
            // the database a command opens ahead, as soon as the driver is there (it never throws)
            then.run();
            try {
                // the job SQL checks read DuckDB's parse tree with Jackson, whose first use costs ~50 ms
                Class.forName("dev.backfillstudio.job.QueryCheck", true, Launch.class.getClassLoader());
                dev.backfillstudio.job.JsonTree.read("{\"a\": [1, \"b\", {\"c\": 2.5}]}");
            } catch (ClassNotFoundException | LinkageError | java.io.IOException ignored) {
                // met again, and reported, where the SQL is checked
            }
        }, "duckdb-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
