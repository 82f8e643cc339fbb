package dev.backfillstudio.support;

import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotFileResult;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Child-process main: loads snapshot files {@code args[2..]} (dated by their file names) into table
 * {@code args[1]} of workspace {@code args[0]}; prints "started N" and "loaded N" around each file.
 */
public final class SnapshotLoadChild {
    public static void main(String[] args) {
        List<Path> files = Arrays.stream(args).skip(2).map(Path::of).toList();
        try (Workspace ws = Workspace.open(Path.of(args[0]), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            new SnapshotLoader(ws).onProgress(new SnapshotLoader.Listener() {
                @Override
                public void fileStarted(int index, int total, Path file) {
                    System.out.println("started " + index);
                    System.out.flush();
                }

                @Override
                public void fileFinished(int index, int total, SnapshotFileResult result) {
                    System.out.println("loaded " + index + " " + result.outcome());
                    System.out.flush();
                }
            }).load(args[1], files, SnapshotDateSource.fromFileName(), false);
            System.out.println("finished");
        }
    }
}
