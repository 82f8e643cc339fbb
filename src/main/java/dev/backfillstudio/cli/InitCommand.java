package dev.backfillstudio.cli;

import dev.backfillstudio.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a workspace, or add the workspace metadata to a DuckDB file (migrating older metadata).")
final class InitCommand extends WorkspaceCommand {

    @Override
    Workspace.OpenMode openMode() {
        return Workspace.OpenMode.CREATE_OR_INITIALISE;
    }

    @Override
    int run(Workspace workspace) {
        out().println("Workspace ready: " + workspace.file());
        return ExitCodes.OK;
    }
}
