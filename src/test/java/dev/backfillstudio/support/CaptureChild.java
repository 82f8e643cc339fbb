package dev.backfillstudio.support;

import dev.backfillstudio.source.JdbcCapture;
import dev.backfillstudio.source.SourceStore;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Child-process main: captures day {@code args[2]} of saved source {@code args[1]} into workspace
 * {@code args[0]}, the password from BFS_SOURCE_PASSWORD; prints "rows N" as rows stream in and
 * "captured" once the day is committed.
 */
public final class CaptureChild {
    public static void main(String[] args) {
        try (Workspace ws = Workspace.open(Path.of(args[0]))) {
            new JdbcCapture(ws).onRows(rows -> {
                System.out.println("rows " + rows);
                System.out.flush();
            }).capture(new SourceStore(ws).get(args[1]), LocalDate.parse(args[2]), false,
                    Optional.ofNullable(System.getenv("BFS_SOURCE_PASSWORD")));
            System.out.println("captured");
        }
    }
}
