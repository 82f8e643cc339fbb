package dev.backfillstudio.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Builds the installer and starts what it built, as a user would after installing: run only by
 * {@code ./mvnw -Pinstaller verify} (after {@code package}). The image lands in target/installer.
 */
@Tag("installer")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallerImageTest {

    private InstallerPlan plan;
    private InstallerBuilder.Built built;
    private Path work;

    @BeforeAll
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void buildTheInstaller() throws IOException {
        plan = InstallerPlan.forThisBuild();
        built = new InstallerBuilder(plan).build();
        work = Files.createDirectories(plan.dir().resolve("check"));
        System.out.printf("Installer built in %.0f s: %s (%.0f MB, runtime modules %s)%n", built.seconds(), built.appImage(),
                built.imageBytes() / 1e6, String.join(",", built.modules()));
        if (built.deb().isPresent()) {
            System.out.printf("Package: %s (%.0f MB)%n", built.deb().get(), Files.size(built.deb().get()) / 1e6);
        }
    }

    @Test
    void theCommandLineLauncherAnswersHelpWithEveryCommand() throws Exception {
        long t0 = System.nanoTime();
        Result help = launch(plan.launcher(InstallerPlan.CLI_LAUNCHER), "--help");
        System.out.printf("bfs --help from the image: %.2f s%n", (System.nanoTime() - t0) / 1e9);

        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: backfill-studio")
                .contains("init", "demo", "import", "run", "status", "verify", "export", "capture");
    }

    @Test
    void theAppLauncherStartsAndHandsACommandToTheCommandLine() throws Exception {
        Result help = launch(plan.launcher(InstallerPlan.NAME), "--help");

        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: backfill-studio").contains("status", "verify");
    }

    @Test
    void theCommandLineLauncherNeverOpensAWindow() throws Exception {
        Result none = launch(plan.launcher(InstallerPlan.CLI_LAUNCHER));

        assertThat(none.exit()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("Name a command");
    }

    /** DuckDB's native library, JDBC and the trimmed runtime together: the image answers as the jar does. */
    @Test
    void theImageBuildsAWorkspaceAndReportsItAsTheJarDoes() throws Exception {
        Path db = work.resolve("demo-" + System.nanoTime() + ".duckdb");
        Result demo = launch(plan.launcher(InstallerPlan.CLI_LAUNCHER), "demo", "--db", db.toString());
        assertThat(demo.exit()).as(demo.toString()).isZero();

        String[] status = {"status", "--db", db.toString(), "--job", "active_item_events_snapshot", "--month", "2024-10"};
        Result fromImage = launch(plan.launcher(InstallerPlan.CLI_LAUNCHER), status);
        Result fromJar = launch(Path.of(System.getProperty("java.home"), "bin", "java"), prepend("-jar", plan.shadedJar().toString(), status));

        assertThat(fromImage.exit()).as(fromImage.toString()).isZero();
        assertThat(fromImage.out()).contains("2024-10-13").isEqualTo(fromJar.out());
    }

    /**
     * The window needs modules jdeps may not see (AWT bits, fonts, the FXML scripting engine); the
     * image's own runtime and jar must draw it. There is no display here, so the check adds the
     * test's headless Monocle platform to the class path: the only thing not from the image.
     */
    @Test
    void theImagesRuntimeDrawsTheAppWindow() throws Exception {
        Path java = plan.imageRuntime().resolve("bin").resolve(plan.os() == InstallerPlan.Os.WINDOWS ? "java.exe" : "java");
        Path db = work.resolve("window-" + System.nanoTime() + ".duckdb");
        assertThat(launch(plan.launcher(InstallerPlan.CLI_LAUNCHER), "demo", "--db", db.toString()).exit()).isZero();
        String monocle = Path.of(Class.forName("com.sun.glass.ui.monocle.MonocleApplication")
                .getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        long t0 = System.nanoTime();
        Result window = launch(java, "-Dbackfill.firstFrameExit=true", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Djava.awt.headless=true", "-Dbackfill.prefs.node=dev/backfillstudio/installer",
                "-cp", plan.imageJar() + File.pathSeparator + monocle, InstallerPlan.MAIN_CLASS, db.toString());
        System.out.printf("App window from the image's runtime: first frame after %.2f s%n", (System.nanoTime() - t0) / 1e9);

        assertThat(window.exit()).as(window.toString()).isZero();
        assertThat(window.err()).contains("first frame");
    }

    @Test
    void theDebianPackageInstallsBothLaunchersPutsBfsOnThePathAndOnlyTheAppInTheMenu() throws Exception {
        assumeTrue(built.deb().isPresent(), "no dpkg-deb and fakeroot here: no .deb was built");
        Path deb = built.deb().get();
        String dir = "." + InstallerPlan.installedDir() + "/bin/";

        Result contents = launch(Path.of("dpkg-deb"), "--contents", deb.toString());
        Result postinst = launch(Path.of("dpkg-deb"), "--info", deb.toString(), "postinst");

        assertThat(contents.out()).contains(dir + InstallerPlan.NAME + "\n", dir + InstallerPlan.CLI_LAUNCHER + "\n");
        assertThat(contents.out()).contains("./opt/" + InstallerPlan.PACKAGE + "/lib/" + InstallerPlan.PACKAGE + "-" + InstallerPlan.NAME + ".desktop");
        assertThat(postinst.out()).contains("ln -sf " + InstallerPlan.installedDir() + "/bin/" + InstallerPlan.CLI_LAUNCHER
                + " /usr/bin/" + InstallerPlan.CLI_LAUNCHER);
        Result entry = launch(Path.of("sh"), "-c", "dpkg-deb --fsys-tarfile '" + deb + "' | tar -xO ./opt/" + InstallerPlan.PACKAGE
                + "/lib/" + InstallerPlan.PACKAGE + "-" + InstallerPlan.NAME + ".desktop");
        assertThat(entry.out()).contains("Name=Backfill Studio\n", "Exec=" + InstallerPlan.installedDir() + "/bin/" + InstallerPlan.NAME + "\n");
        assertThat(postinst.out().lines().filter(l -> l.contains("xdg-desktop-menu install")))
                .singleElement().asString().endsWith(InstallerPlan.NAME + ".desktop");
    }

    private static String[] prepend(String a, String b, String... rest) {
        List<String> all = new ArrayList<>(List.of(a, b));
        all.addAll(List.of(rest));
        return all.toArray(new String[0]);
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    /**
     * Runs a program of the image. The launcher's native-library cache and preferences go to the build
     * folder, not the user's home (the launchers pass JAVA_TOOL_OPTIONS to their JVM).
     */
    private Result launch(Path program, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(program.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Dbackfill.cache.dir=" + plan.dir().resolve("native-cache")
                + " -Djava.util.prefs.userRoot=" + plan.dir().resolve("prefs"));
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 3 minutes");
        }
        return new Result(p.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
