package dev.backfillstudio;

import dev.backfillstudio.cli.BackfillCli;
import dev.backfillstudio.ui.BackfillStudioApp;
import javafx.application.Application;

/**
 * The launcher of the jar. It does not extend {@code Application}, so a plain {@code java -jar}
 * can start JavaFX from the classpath. No argument, or a single workspace path: the desktop app.
 * Anything else: the command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || (args.length == 1 && args[0].endsWith(".duckdb"))) {
            Application.launch(BackfillStudioApp.class, args);
            return;
        }
        System.exit(BackfillCli.execute(args));
    }
}
