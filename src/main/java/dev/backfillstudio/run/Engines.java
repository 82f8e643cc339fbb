package dev.backfillstudio.run;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.EngineSettings;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the engine a workspace runs on. */
public final class Engines {

    private Engines() {
    }

    /** The workspace's engine settings, as its metadata records them. */
    public static EngineSettings settings(Workspace ws) {
        try {
            return ws.engine();
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the engine of " + ws.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, with a sentence, what only a DuckDB workspace can do yet ({@code what}: "undo", "export", ...):
     * on another engine the file holds no rows to work on, and doing it there would touch the wrong copy.
     */
    public static void requireDuckDb(Workspace ws, String what) {
        EngineSettings settings = settings(ws);
        if (!settings.isDuckDb()) {
            throw BackfillException.badInput(what + " is not available yet on " + ws.file().getFileName() + ", which runs on "
                    + settings.describe() + ".");
        }
    }

    /**
     * The engine holding the workspace's tables, or empty for a DuckDB workspace (the file itself).
     *
     * @throws BackfillException with a sentence when the workspace names an engine this build does not carry
     */
    public static Optional<DayEngine> open(Workspace ws) {
        EngineSettings settings = settings(ws);
        if (settings.isDuckDb()) {
            return Optional.empty();
        }
        for (DayEngineProvider p : ServiceLoader.load(DayEngineProvider.class, Engines.class.getClassLoader())) {
            if (p.kind() == settings.kind()) {
                return Optional.of(p.open(settings));
            }
        }
        throw BackfillException.badInput(ws.file() + " runs on " + settings.describe() + ", which this build of Backfill Studio"
                + " does not carry: build it with `./mvnw -Pspark package` and run the command from target/spark (see the README).");
    }
}
