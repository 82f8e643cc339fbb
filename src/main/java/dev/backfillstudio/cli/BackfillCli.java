package dev.backfillstudio.cli;

import dev.backfillstudio.workspace.BackfillException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: one subcommand class per command, all over the same engine as the app. */
@Command(name = "backfill-studio", mixinStandardHelpOptions = true, version = "Backfill Studio 0.1",
        description = "Rerun daily SQL jobs over past days, reproducibly, over one DuckDB workspace file.",
        subcommands = {
            InitCommand.class,
            DemoCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            LintCommand.class,
            JobCommand.class,
            RunCommand.class,
            StatusCommand.class,
            SnapshotCommand.class,
            HistoryCommand.class,
            VerifyCommand.class,
            SourceCommand.class,
            CaptureCommand.class,
            RunsCommand.class,
            UndoCommand.class,
            AttemptsCommand.class,
            RestoreCommand.class,
            KeptCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BackfillCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: init, demo, import, ... (see --help).");
    }

    /** A configured command line; tests set their own out and err writers on it. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new BackfillCli());
        cmd.setExecutionExceptionHandler(BackfillCli::handle);
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine where = ex.getCommandLine();
            String message = ex.getMessage();
            CommandLine.ParseResult parsed = where.getParseResult();
            if (!(ex instanceof CommandLine.UnmatchedArgumentException) && parsed != null && !parsed.unmatched().isEmpty()) {
                message = "Unknown option: '" + parsed.unmatched().get(0) + "'.";
            }
            message = message.strip();
            where.getErr().println(message + (message.endsWith(".") ? "" : ".") + " See '" + where.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        return cmd;
    }

    /** Runs the command line with the process's streams and returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose");
        if (ex instanceof BackfillException be) {
            err.println(be.getMessage());
            if (verbose) {
                be.printStackTrace(err);
            }
            return be.kind() == BackfillException.Kind.BAD_INPUT ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
        }
        err.println("Unexpected error: " + ex + (verbose ? "" : " (add --verbose for details)"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        return ExitCodes.FAILED;
    }
}
