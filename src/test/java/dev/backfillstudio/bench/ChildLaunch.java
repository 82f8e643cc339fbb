package dev.backfillstudio.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the app as a user would, in a fresh JVM, and times it: the shaded jar when the build has
 * made one that is newer than the compiled launcher ({@code -Pbench verify} packages first), else
 * the same launcher from this JVM's class path (the default build's smoke run, before packaging).
 */
final class ChildLaunch {

    private final Path jar;
    private final Path cacheDir;

    ChildLaunch(Path workDir) {
        Path build = Path.of(System.getProperty("project.build.directory", "target"));
        Path shaded = build.resolve("backfill-studio.jar");
        Path launcher = build.resolve("classes/dev/backfillstudio/Main.class");
        Path found = null;
        try {
            if (Files.isRegularFile(shaded) && Files.isRegularFile(launcher)
                    && Files.getLastModifiedTime(shaded).compareTo(Files.getLastModifiedTime(launcher)) >= 0) {
                found = shaded;
            }
        } catch (IOException e) {
            found = null;
        }
        this.jar = found;
        // the launcher's cache of DuckDB's native library: kept in the build folder, not the user's home
        this.cacheDir = build.resolve("bench-native-cache");
    }

    /** "the jar" or "the class path", for notes. */
    String how() {
        return jar != null ? "java -jar " + jar.getFileName() : "the launcher on the test class path (no fresh jar)";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -jar backfill-studio.jar ARGS}: its wall time, failing on a non-zero exit. */
    double wallSeconds(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Dbackfill.cache.dir=" + cacheDir));
        if (jar != null) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.backfillstudio.Main"));
        }
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("`" + String.join(" ", args) + "` exited " + exit + ": " + out);
        }
        return seconds;
    }

    /**
     * The app on a workspace, headless (Monocle, software rendering): seconds from starting the JVM
     * to the app's "first frame" line (printed once the window has been drawn, then it exits).
     */
    double firstFrameSeconds(Path workspace, Path prefs) throws IOException, InterruptedException {
        String monocle = jarOf("com.sun.glass.ui.monocle.MonocleApplication");
        String cp = jar != null ? jar + java.io.File.pathSeparator + monocle : System.getProperty("java.class.path");
        List<String> cmd = List.of(java(), "-Dbackfill.cache.dir=" + cacheDir, "-Dbackfill.firstFrameExit=true",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "-Djava.util.prefs.userRoot=" + prefs, "-Dbackfill.prefs.node=dev/backfillstudio/bench",
                "-cp", cp, "dev.backfillstudio.Main", workspace.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.equals("first frame")) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    p.waitFor(30, TimeUnit.SECONDS);
                    return seconds;
                }
                seen.append(line).append('\n');
            }
        } finally {
            p.destroyForcibly();
        }
        throw new IllegalStateException("the app never drew its first frame: " + seen);
    }

    private static String jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot find " + className + " for the headless window", e);
        }
    }
}
