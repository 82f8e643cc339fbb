package dev.backfillstudio.cli;

import dev.backfillstudio.source.JdbcCapture;
import dev.backfillstudio.source.SourceStore;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Made for cron and systemd timers: silent when the day was captured; otherwise one sentence on
 * standard error and exit 1, whatever went wrong (the workspace, the source, the day), so the
 * scheduler's mail or journal says it all.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Capture today's (or --date's) snapshot from a saved source, for cron or a systemd timer.",
            "Prints nothing on success; one sentence and exit 1 on failure."})
final class CaptureCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The workspace (a DuckDB file).")
    Path db;

    @Option(names = "--source", required = true, paramLabel = "N", description = "The saved source (see `source list`).")
    String source;

    @Option(names = "--date", paramLabel = "DAY", description = "The day the snapshot is of (default: today).")
    LocalDate date;

    @Option(names = "--replace", description = "Swap the day for a fresh capture when it is already there.")
    boolean replace;

    @Option(names = "--verbose", description = "Show the stack trace of an unexpected error.")
    boolean verbose;

    @Override
    public Integer call() {
        try (Workspace ws = Workspace.open(db)) {
            JdbcCapture capture = new JdbcCapture(ws);
            Thread stop = new Thread(capture::cancel, "capture-interrupt");
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                capture.capture(new SourceStore(ws).get(source), date == null ? LocalDate.now() : date, replace,
                        SourcePassword.fromEnvironment());
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping: the hook is cancelling the capture
                }
            }
            return ExitCodes.OK;
        } catch (BackfillException e) {
            spec.commandLine().getErr().println(e.getMessage());
            if (verbose) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            return ExitCodes.FAILED;
        }
    }
}
