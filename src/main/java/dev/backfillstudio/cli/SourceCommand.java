package dev.backfillstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "source", mixinStandardHelpOptions = true,
        description = "Save, list and remove sources: where a snapshot table's daily capture comes from.",
        subcommands = {SourceAddCommand.class, SourceListCommand.class, SourceRemoveCommand.class})
final class SourceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a source command: add, list or remove.");
    }
}
