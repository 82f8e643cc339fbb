package dev.backfillstudio.support;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;

/** Workspaces for tests, in a @TempDir folder. */
public final class Workspaces {
    private Workspaces() {
    }

    public static Workspace empty(Path dir) {
        return Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
    }

    /** The sample scenario of sample-data/ (item, item_events, item_snapshot with 2024-10-13 absent). */
    public static Workspace sample(Path dir) {
        Workspace ws = empty(dir);
        new DemoBuilder(ws).buildSample();
        return ws;
    }
}
