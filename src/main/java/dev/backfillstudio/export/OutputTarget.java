package dev.backfillstudio.export;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.IoFolder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file or folder an export ends in. Everything is written beside it under a hidden temporary
 * name ({@code .NAME.partial-PID-RANDOM}) and renamed only when complete, so the target name never
 * holds half an export. Temporaries of processes that died (kill -9) are removed by the next export
 * to the same name; the pid in the name keeps a live export's temporary safe.
 */
final class OutputTarget {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HIVE_FOLDER = Pattern.compile("[^=/]+=.*");

    private final Path target;
    private final boolean overwrite;
    private final Pattern leftover;

    private OutputTarget(Path target, boolean overwrite) {
        this.target = target;
        this.overwrite = overwrite;
        this.leftover = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.(partial|old)-(\\d+)-[0-9a-f]+");
    }

    /** Checks that the target can be written (folder exists; no target unless overwrite) and tidies leftovers. */
    static OutputTarget check(Path out, boolean overwrite, Path workspaceFile) {
        Path target = out.toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (folder == null || target.getFileName() == null) {
            throw BackfillException.badInput("Cannot export to " + target + ": give a file name inside a folder.");
        }
        if (!Files.isDirectory(folder)) {
            throw BackfillException.badInput("Cannot export to " + target + ": the folder " + folder + " does not exist.");
        }
        if (!Files.isWritable(folder)) {
            throw BackfillException.badInput("Cannot export to " + target + ": the folder " + folder + " is not writable.");
        }
        Path ws = workspaceFile.toAbsolutePath().normalize();
        if (target.equals(ws) || target.equals(ws.resolveSibling(ws.getFileName() + ".wal"))) {
            throw BackfillException.badInput("Cannot export to " + target + ": that is the workspace itself; choose another file.");
        }
        OutputTarget t = new OutputTarget(target, overwrite);
        t.removeLeftovers();
        t.requireReplaceable();
        return t;
    }

    Path path() {
        return target;
    }

    Path newTemporary() {
        return sibling("partial");
    }

    /**
     * Renames the complete temporary to the target. A file replaces a file in one rename; a folder
     * cannot, so the old one is moved aside first and put back if the new one cannot move in.
     */
    void publish(Path temporary) throws IOException {
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists) {
            requireReplaceable();
        }
        if (!exists || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(temporary)) {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path aside = sibling("old");
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        IoFolder.deleteTree(aside);
    }

    private void requireReplaceable() {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!overwrite) {
            throw BackfillException.badInput(target + " already exists; add --overwrite to replace it.");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) && !looksLikePartitionedExport(target)) {
            throw BackfillException.badInput("Cannot overwrite " + target + ": it is a folder that holds more than"
                    + " column=value day folders, so it is not an earlier partitioned export.");
        }
    }

    // Overwriting deletes the old folder: only ever one an export could have written.
    private static boolean looksLikePartitionedExport(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path e : entries) {
                if (!Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS) || !HIVE_FOLDER.matcher(e.getFileName().toString()).matches()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes the temporaries of dead exports to this name. An old target moved aside by a process
     * that died before moving the new one in is put back, so a crash never leaves neither.
     */
    private void removeLeftovers() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(), "." + escapeGlob(target.getFileName().toString()) + ".*")) {
            for (Path e : entries) {
                Matcher m = leftover.matcher(e.getFileName().toString());
                if (!m.matches() || isAlive(Long.parseLong(m.group(2)))) {
                    continue;
                }
                if (m.group(1).equals("old") && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(e, target, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    IoFolder.deleteTree(e);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // tidying is best effort: a leftover never stands in the way of this export
        }
    }

    private static boolean isAlive(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.map(ProcessHandle::isAlive).orElse(false);
    }

    private Path sibling(String kind) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(bytes));
    }

    private static String escapeGlob(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

}
