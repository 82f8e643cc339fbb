package dev.backfillstudio.support;

import dev.backfillstudio.workspace.IoFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A file or folder made readable to a workspace's DuckDB, which touches files only inside the
 * process's {@link IoFolder}: hard-linked there, tree and names kept, as the app stages an import.
 * Tests read back what an export wrote this way.
 */
public final class Readable {

    private Readable() {
    }

    /** The staged name of {@code file} (a file or a folder tree) inside the IoFolder, as a string for SQL. */
    public static String byWorkspace(Path file) {
        try {
            Path into = Files.createTempDirectory(IoFolder.get().path(), "test-read-");
            Path copy = into.resolve(file.getFileName().toString());
            if (!Files.isDirectory(file)) {
                Files.createLink(copy, file);
                return copy.toString();
            }
            try (Stream<Path> all = Files.walk(file)) {
                for (Path p : all.toList()) {
                    Path to = copy.resolve(file.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createLink(to, p);
                    }
                }
            }
            return copy.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
