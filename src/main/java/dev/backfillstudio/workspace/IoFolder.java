package dev.backfillstudio.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one folder in which this process's DuckDB may touch files. Every workspace is opened with
 * {@code enable_external_access = false} and {@code allowed_directories} set to this folder (and
 * DuckDB adds the workspace's own {@code .tmp} spill folder); DuckDB refuses to change either while
 * the database is open (checked on 2.0.0.1: "Cannot change allowed_directories when
 * enable_external_access is disabled", "Cannot enable external access while database is running").
 * So no query, whatever slipped past the checks, reads or writes a file elsewhere.
 *
 * <p>The app still imports and exports: a CSV to import is staged here (a hard link, so no bytes
 * move, or a copy when the file is on another disk) and DuckDB reads the staged name; an export is
 * written here and then moved to where the user asked. What a stray query could see is therefore
 * only the files being imported or exported at that moment. The folder lives in {@code
 * java.io.tmpdir}, readable by this user only, and is removed when the process ends; folders of
 * processes that died are removed by the next one.
 */
public final class IoFolder {

    private static final String PREFIX = "backfill-io-";
    private static final Pattern OURS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");
    private static volatile IoFolder instance;

    private final Path root;
    private final AtomicLong counter = new AtomicLong();

    private IoFolder(Path root) {
        this.root = root;
    }

    /** The folder of this process, created on first use. */
    public static IoFolder get() {
        IoFolder f = instance;
        if (f == null) {
            synchronized (IoFolder.class) {
                f = instance;
                if (f == null) {
                    f = create();
                    instance = f;
                }
            }
        }
        return f;
    }

    private static IoFolder create() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeLeftovers(tmp);
        try {
            Path root = Files.createDirectory(tmp.resolve(PREFIX + ProcessHandle.current().pid() + "-" + System.nanoTime()));
            try {
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the user's temporary folder is private already
            }
            // DuckDB compares resolved paths: a temporary folder behind a symbolic link (/tmp on macOS) must be named as resolved
            IoFolder folder = new IoFolder(root.toRealPath());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder.root), "backfill-io-cleanup"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder DuckDB imports and exports through in " + tmp, e);
        }
    }

    /** Folders left by processes that died (kill -9 skips shutdown hooks). */
    private static void removeLeftovers(Path tmp) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path p : entries) {
                Matcher m = OURS.matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // tidying is best effort: another user's folder or a race with another process is not our business
        }
    }

    /** The folder, resolved; what DuckDB's {@code allowed_directories} names. */
    public Path path() {
        return root;
    }

    /** The value of DuckDB's {@code allowed_directories} setting for this folder (a list literal). */
    String allowedDirectoriesSetting() {
        return "['" + root.toString().replace("'", "''") + root.getFileSystem().getSeparator() + "']";
    }

    /**
     * Makes {@code source} readable by DuckDB under the same file name, in a fresh subfolder: a hard
     * link, or a copy when a link is not possible (another disk, a file system without links).
     */
    public Path stage(Path source) throws IOException {
        Path folder = Files.createDirectory(root.resolve("in-" + counter.incrementAndGet()));
        Path staged = folder.resolve(source.getFileName().toString());
        try {
            Files.createLink(staged, source.toRealPath());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Files.deleteIfExists(staged);
            Files.copy(source, staged, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return staged;
    }

    /** A fresh name inside the folder for DuckDB to write an export to (file or folder, not yet created). */
    public Path newOutput(String name) throws IOException {
        return Files.createDirectory(root.resolve("out-" + counter.incrementAndGet())).resolve(name);
    }

    /**
     * The name inside the folder where a session writes its exports, always the same for that session (so the
     * statement that writes it may be kept prepared), emptied and ready: its subfolder is made afresh, and goes
     * with {@link #release} as a fresh output's does.
     */
    public Path sessionOutput(long session) throws IOException {
        Path folder = root.resolve("session-" + session);
        deleteTree(folder);
        return Files.createDirectory(folder).resolve("rows");
    }

    /** Removes a staged file or an output, with the subfolder that held it. */
    public void release(Path staged) {
        if (staged != null && staged.startsWith(root) && !staged.equals(root)) {
            Path folder = staged.getParent().equals(root) ? staged : staged.getParent();
            deleteTree(folder);
        }
    }

    /**
     * Moves a finished output to {@code to} (which must not exist): one rename on the same disk,
     * otherwise a copy of the file or folder tree and then the removal of the output.
     */
    public void moveOut(Path output, Path to) throws IOException {
        try {
            Files.move(output, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (e instanceof FileAlreadyExistsException) {
                throw e;
            }
            copyTree(output, to);
        }
        release(output);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectory(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes a file or folder tree, best effort (a link is removed, never followed); what stays is tidied later. */
    public static void deleteTree(Path p) {
        if (p == null) {
            return;
        }
        try {
            // most often a file, or a folder already emptied (an output moved out of it): no walk needed
            Files.deleteIfExists(p);
            return;
        } catch (IOException notEmpty) {
            // a folder with something in it: walked below
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: what is left goes with the process's folder
        }
    }
}
