package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command run alone is built alone, and reads exactly as it does among all the commands. */
class CommandListTest {

    @Test
    void everyCommandAnswersToTheNameItsClassDeclares() {
        for (String name : BackfillCli.COMMANDS) {
            assertThat(new CommandLine(BackfillCli.newCommand(name)).getCommandName()).isEqualTo(name);
        }
        assertThat(BackfillCli.newCommand("stauts")).isNull();
    }

    @Test
    void aCommandRunAloneIsTheOnlyOneBuilt() {
        assertThat(BackfillCli.commandLineFor("status", "--db", "x.duckdb").getSubcommands().keySet()).containsExactly("status");
        assertThat(BackfillCli.commandLineFor("--help").getSubcommands().keySet()).containsExactlyElementsOf(BackfillCli.COMMANDS);
        assertThat(BackfillCli.commandLineFor("stauts").getSubcommands().keySet()).containsExactlyElementsOf(BackfillCli.COMMANDS);
    }

    @Test
    void onlyACommandThatOnlyReadsNamesAWorkspaceToOpenAhead() {
        assertThat(BackfillCli.readOnlyWorkspace("status", "--job", "j", "--db", "w.duckdb")).contains(java.nio.file.Path.of("w.duckdb"));
        assertThat(BackfillCli.readOnlyWorkspace("lint", "--db=w.duckdb", "--job", "j")).contains(java.nio.file.Path.of("w.duckdb"));
        assertThat(BackfillCli.readOnlyWorkspace("run", "--db", "w.duckdb", "--job", "j")).isEmpty();
        assertThat(BackfillCli.readOnlyWorkspace("snapshot", "--db", "w.duckdb")).isEmpty();
        assertThat(BackfillCli.readOnlyWorkspace("status", "--job", "j")).isEmpty();
        assertThat(BackfillCli.readOnlyWorkspace("status", "--db")).isEmpty();
        assertThat(BackfillCli.readOnlyWorkspace("stauts", "--db", "w.duckdb")).isEmpty();
        assertThat(BackfillCli.readOnlyWorkspace()).isEmpty();
    }

    @Test
    void eachCommandsHelpAndErrorsReadTheSameBuiltAloneAsAmongAllCommands() {
        for (String name : BackfillCli.COMMANDS) {
            if (name.equals("help")) {
                continue;
            }
            for (String[] args : new String[][] {{name, "--help"}, {name, "--no-such-option"}}) {
                assertThat(run(BackfillCli.commandLineFor(args), args)).as(String.join(" ", args))
                        .isEqualTo(run(BackfillCli.commandLine(), args));
            }
        }
    }

    @Test
    void theHelpListsEveryCommand() {
        String help = run(BackfillCli.commandLineFor("--help"), "--help");
        for (String name : BackfillCli.COMMANDS) {
            assertThat(help).contains("  " + name + " ");
        }
        assertThat(run(BackfillCli.commandLineFor("help", "status"), "help", "status")).contains("Usage: backfill-studio status");
    }

    @Test
    void eachCommandsLineInTheHelpIsAWholeSentence() {
        // the list shows the first line of a command's description: a line cut mid-sentence reads as a fragment there
        String help = run(BackfillCli.commandLineFor("--help"), "--help");
        String list = help.substring(help.indexOf("Commands:") + "Commands:".length());
        java.util.Map<String, String> summaries = new java.util.LinkedHashMap<>();
        String current = null;
        for (String line : list.split("\\R")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
            if (m.matches()) {
                current = m.group(1);
                summaries.put(current, m.group(2).strip());
            } else if (current != null && !line.isBlank()) {
                summaries.merge(current, line.strip(), (a, b) -> a + " " + b);
            }
        }
        assertThat(summaries.keySet()).containsAll(BackfillCli.COMMANDS.stream().filter(c -> !c.equals("help")).toList());
        assertThat(summaries).allSatisfy((name, summary) -> assertThat(summary).as(name).endsWith("."));
    }

    @Test
    void everyCommandsAndSubcommandsHelpFormatsWithoutPicocliFallingBackToTheRawText() {
        // a lone % in a description makes picocli warn on stderr and print the description unformatted
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            renderEveryUsage(BackfillCli.commandLine());
        } finally {
            System.setErr(err);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(run(BackfillCli.commandLineFor("run", "--help"), "run", "--help")).contains("PCT % of its stored rows");
    }

    /** The usage of the command and of every subcommand under it, at any depth (job save, source add…). */
    private static void renderEveryUsage(CommandLine cmd) {
        cmd.usage(new PrintWriter(new StringWriter()));
        cmd.getSubcommands().values().stream().distinct().forEach(CommandListTest::renderEveryUsage);
    }

    private static String run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        int code = cmd.execute(args);
        return code + "\n" + out;
    }
}
