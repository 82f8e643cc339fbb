package dev.backfillstudio.support;

import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;

/** Child-process main: opens a workspace, says "ready", and holds it until killed. */
public final class HoldWorkspace {
    public static void main(String[] args) throws Exception {
        try (Workspace ws = Workspace.open(Path.of(args[0]), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
