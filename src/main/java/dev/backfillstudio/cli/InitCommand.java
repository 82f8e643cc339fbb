package dev.backfillstudio.cli;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.EngineKind;
import dev.backfillstudio.workspace.EngineSettings;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a workspace, or add the workspace metadata to a DuckDB file (migrating older metadata).")
final class InitCommand extends WorkspaceCommand {

    @Override
    Workspace.OpenMode openMode() {
        return Workspace.OpenMode.CREATE_OR_INITIALISE;
    }

    @Option(names = "--engine", paramLabel = "E", description = "duckdb (default): tables in the file; spark: Iceberg tables"
            + " under --warehouse, jobs run by Apache Spark.")
    String engine;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "With --engine spark: the folder of the Iceberg tables.")
    Path warehouse;

    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: the Spark master (default: local[2]).")
    String master;

    /** The engine the options name, checked before the file is created, so a refused init leaves no file behind. */
    private Optional<EngineSettings> settings;

    @Override
    void checkOptions() {
        EngineKind kind = engine == null ? null : EngineKind.parse(engine);
        if (kind != EngineKind.SPARK && (warehouse != null || master != null)) {
            throw BackfillException.badInput((warehouse != null ? "--warehouse" : "--master") + " goes with --engine spark.");
        }
        settings = kind == null ? Optional.empty() : Optional.of(new EngineSettings(kind, Optional.ofNullable(warehouse),
                master == null ? EngineSettings.LOCAL_MASTER : master));
    }

    @Override
    int run(Workspace workspace) throws java.sql.SQLException {
        if (settings.isPresent()) {
            workspace.useEngine(settings.get());
        }
        EngineSettings settings = workspace.engine();
        out().println("Workspace ready: " + workspace.file() + (settings.isDuckDb() ? "" : " (runs on " + settings.describe() + ")"));
        return ExitCodes.OK;
    }
}
