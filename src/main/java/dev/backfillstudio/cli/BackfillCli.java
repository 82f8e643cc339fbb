package dev.backfillstudio.cli;

import dev.backfillstudio.workspace.BackfillException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: one subcommand class per command, all over the same engine as the app. */
@Command(name = "backfill-studio", mixinStandardHelpOptions = true, version = "Backfill Studio 0.1",
        description = "Rerun daily SQL jobs over past days, reproducibly, over one DuckDB workspace file.")
public final class BackfillCli implements Runnable {

    /**
     * The commands, by name, in the order the help lists them. They are added to the command line, not
     * declared on it, so that a run of one command builds only that one: picocli reads every declared
     * command's options and loads every class they name, which was a third of a short command's time.
     */
    static final List<String> COMMANDS = List.of("init", "demo", "import", "export", "lint", "job", "run", "status", "snapshot",
            "history", "verify", "source", "capture", "runs", "undo", "attempts", "restore", "kept", "help");

    /**
     * A new instance of the command {@code name}, null for none. A switch rather than a map of constructors:
     * linking each constructor reference loads its class, and a short command's start has no time for 18
     * classes it does not run.
     */
    static Object newCommand(String name) {
        return switch (name) {
            case "init" -> new InitCommand();
            case "demo" -> new DemoCommand();
            case "import" -> new ImportCommand();
            case "export" -> new ExportCommand();
            case "lint" -> new LintCommand();
            case "job" -> new JobCommand();
            case "run" -> new RunCommand();
            case "status" -> new StatusCommand();
            case "snapshot" -> new SnapshotCommand();
            case "history" -> new HistoryCommand();
            case "verify" -> new VerifyCommand();
            case "source" -> new SourceCommand();
            case "capture" -> new CaptureCommand();
            case "runs" -> new RunsCommand();
            case "undo" -> new UndoCommand();
            case "attempts" -> new AttemptsCommand();
            case "restore" -> new RestoreCommand();
            case "kept" -> new KeptCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> null;
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: init, demo, import, ... (see --help).");
    }

    /** A configured command line with every command; tests set their own out and err writers on it. */
    public static CommandLine commandLine() {
        return withCommands(COMMANDS.toArray(String[]::new));
    }

    /**
     * A configured command line for these arguments: only the command they name when they start with one
     * (its help and errors read the same), every command otherwise (no command, {@code --help}, a typo).
     */
    public static CommandLine commandLineFor(String... args) {
        boolean one = args.length > 0 && COMMANDS.contains(args[0]) && !args[0].equals("help");
        return one ? withCommands(args[0]) : commandLine();
    }

    private static CommandLine withCommands(String... names) {
        CommandLine cmd = new CommandLine(new BackfillCli());
        for (String name : names) {
            cmd.addSubcommand(name, newCommand(name));
        }
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

    /**
     * The workspace a command line will open read-only, if it names a command that only reads and its
     * {@code --db}: the launcher starts that database while the command line is parsed.
     */
    public static Optional<Path> readOnlyWorkspace(String... args) {
        if (args.length == 0 || !(newCommand(args[0]) instanceof WorkspaceCommand w) || !w.readsOnly()) {
            return Optional.empty();
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--db") && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--db=")) {
                return Optional.of(Path.of(args[i].substring("--db=".length())));
            }
        }
        return Optional.empty();
    }

    /** Runs the command line with the process's streams and returns the exit code. */
    public static int execute(String... args) {
        return commandLineFor(args).execute(args);
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
