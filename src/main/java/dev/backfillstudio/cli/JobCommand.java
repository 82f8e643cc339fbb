package dev.backfillstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Save, list, show, rename and delete jobs (a SQL query using {DATE} and a target table).",
        subcommands = {JobSaveCommand.class, JobListCommand.class, JobShowCommand.class, JobRenameCommand.class,
                JobDeleteCommand.class})
final class JobCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a job command: save, list, show, rename or delete.");
    }
}
