package dev.backfillstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Save, list and show jobs (a SQL query using {DATE} and a target table).",
        subcommands = {JobSaveCommand.class, JobListCommand.class, JobShowCommand.class})
final class JobCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a job command: save, list or show.");
    }
}
