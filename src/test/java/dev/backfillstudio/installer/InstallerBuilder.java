package dev.backfillstudio.installer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds what an {@link InstallerPlan} describes with the JDK's own jdeps, jlink and jpackage, run in
 * this JVM through {@link ToolProvider}: no Maven plugin, nothing downloaded.
 */
final class InstallerBuilder {

    /** DuckDB's driver carries one native library per system; {@code NativeLibraryCache} names them so. */
    private static final String DUCKDB_LIBRARY = "libduckdb_java.so_";

    /** What was built. */
    record Built(Path appImage, Optional<Path> deb, Set<String> modules, long imageBytes, double seconds) {
    }

    private final InstallerPlan plan;

    InstallerBuilder(InstallerPlan plan) {
        this.plan = plan;
    }

    Built build() throws IOException {
        long t0 = System.nanoTime();
        if (!Files.isRegularFile(plan.shadedJar())) {
            throw new IllegalStateException(plan.shadedJar() + " is missing: the installer is built after `package`");
        }
        deleteTree(plan.dir());
        Files.createDirectories(plan.input());
        Path jar = plan.input().resolve(InstallerPlan.JAR);
        Files.copy(plan.shadedJar(), jar);
        keepOnlyThisSystemsDuckDbLibrary(jar);

        Set<String> modules = InstallerPlan.modules(run("jdeps", plan.jdepsArgs()));
        run("jlink", plan.jlinkArgs(modules));
        Files.writeString(plan.cliLauncherFile(), plan.cliLauncherProperties());
        run("jpackage", plan.appImageArgs());

        Optional<Path> deb = Optional.empty();
        if (plan.os() == InstallerPlan.Os.LINUX && onPath("dpkg-deb") && onPath("fakeroot")) {
            run("jpackage", plan.debArgs());
            try (Stream<Path> files = Files.list(plan.dir())) {
                deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst();
            }
            if (deb.isEmpty()) {
                throw new IllegalStateException("jpackage reported success but wrote no .deb into " + plan.dir());
            }
        }
        return new Built(plan.appImage(), deb, modules, sizeOf(plan.appImage()), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The shaded jar holds DuckDB's library for Linux, macOS and Windows (about 70 MB of the jar's
     * 95 MB); an image runs on one system only. Deleting entries through the zip file system copies
     * the others' compressed bytes as they are, so the jar's records of size and checksum, which the
     * launcher's library cache relies on, stay.
     */
    private static void keepOnlyThisSystemsDuckDbLibrary(Path jar) throws IOException {
        String keep = DUCKDB_LIBRARY + duckDbPlatform();
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Path root = zip.getPath("/");
            List<Path> others = new ArrayList<>();
            boolean found = false;
            try (Stream<Path> entries = Files.list(root)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
                    if (name.equals(keep)) {
                        found = true;
                    } else if (name.startsWith(DUCKDB_LIBRARY)) {
                        others.add(entry);
                    }
                }
            }
            if (!found) {
                throw new IllegalStateException("the jar holds no " + keep + ": DuckDB does not run on this system");
            }
            for (Path other : others) {
                Files.delete(other);
            }
        }
    }

    /** The same names as {@code NativeLibraryCache.platform()}: {@code linux_amd64}, {@code macos_arm64}... */
    static String duckDbPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : "linux";
        String a = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
        return o + "_" + a;
    }

    /** Runs a JDK tool in this JVM; its output, or an exception with all of it when it fails. */
    private static String run(String name, List<String> args) {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow(
                () -> new IllegalStateException("this JDK has no " + name + " (a JRE, or a JDK without the jdk." + name + " module)"));
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        int exit = tool.run(out, out, args.toArray(new String[0]));
        out.flush();
        if (exit != 0) {
            throw new IllegalStateException(name + " " + String.join(" ", args) + " exited " + exit + ":\n" + text);
        }
        return text.toString();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static long sizeOf(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
