package dev.backfillstudio.cli;

import dev.backfillstudio.source.SourceStore;
import dev.backfillstudio.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a saved source; its snapshot table and the days captured stay.")
final class SourceRemoveCommand extends WorkspaceCommand {

    @Option(names = "--name", required = true, paramLabel = "N", description = "The source to remove.")
    String name;

    @Override
    int run(Workspace workspace) {
        new SourceStore(workspace).remove(name);
        out().printf("Removed source %s.%n", name);
        return ExitCodes.OK;
    }
}
