package dev.backfillstudio.installer;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code ./mvnw -Pinstaller verify} makes, where, and the argument lists of jlink and jpackage
 * for it: an application image named {@value #NAME} for this machine's system with a trimmed Java
 * runtime, the desktop launcher and the command-line launcher {@value #CLI_LAUNCHER}, and on Linux a
 * {@code .deb} of the same image. Pure values: {@link InstallerBuilder} runs the tools.
 *
 * @param shadedJar  target/backfill-studio.jar, the jar a user runs with {@code java -jar}
 * @param dir        target/installer, emptied and rebuilt each time
 * @param version    the project's version ({@code 0.1.0-SNAPSHOT})
 * @param os         the system the image is for (jpackage builds only for the one it runs on)
 * @param resources  src/installer/linux: the package scripts that put {@value #CLI_LAUNCHER} on the PATH
 */
record InstallerPlan(Path shadedJar, Path dir, String version, Os os, Path resources) {

    /** The image's and the desktop launcher's name: no spaces, so its paths need no quoting in scripts. */
    static final String NAME = "BackfillStudio";
    /** The Linux package's name and its folder under /opt. */
    static final String PACKAGE = "backfill-studio";
    /** The command-line launcher, the same name the README's alias uses. */
    static final String CLI_LAUNCHER = "bfs";
    static final String MAIN_CLASS = "dev.backfillstudio.Main";
    static final String JAR = "backfill-studio.jar";

    /**
     * Modules jdeps cannot see because they are found as services at run time: elliptic-curve TLS
     * cipher suites for a PostgreSQL source over SSL, and the locale data that gives a German user a
     * calendar week starting on Monday (java.base alone knows only English).
     */
    static final List<String> SERVICE_MODULES = List.of("jdk.crypto.ec", "jdk.localedata");

    /** The systems jpackage builds for, with the launchers' places in an image. */
    enum Os {
        LINUX, MAC, WINDOWS;

        static Os current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return name.startsWith("windows") ? WINDOWS : name.startsWith("mac") ? MAC : LINUX;
        }
    }

    static InstallerPlan forThisBuild() {
        Path build = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
        Path basedir = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
        return new InstallerPlan(build.resolve(JAR), build.resolve("installer"),
                System.getProperty("project.version", "0.1.0"), Os.current(), basedir.resolve("src/installer/linux"));
    }

    /** jpackage takes only numbers: {@code 0.1.0-SNAPSHOT} is packaged as {@code 0.1.0}. */
    String appVersion() {
        String numeric = version.replaceFirst("[^0-9.].*$", "").replaceAll("\\.+$", "");
        if (numeric.isEmpty()) {
            throw new IllegalArgumentException("the version " + version + " does not start with a number");
        }
        return numeric;
    }

    /** The folder jpackage copies into the image: only the jar for this system. */
    Path input() {
        return dir.resolve("input");
    }

    Path runtime() {
        return dir.resolve("runtime");
    }

    /** The properties file of the command-line launcher. */
    Path cliLauncherFile() {
        return dir.resolve(CLI_LAUNCHER + ".properties");
    }

    Path appImage() {
        return dir.resolve(os == Os.MAC ? NAME + ".app" : NAME);
    }

    /** A launcher's executable inside the image. */
    Path launcher(String name) {
        return switch (os) {
            case LINUX -> appImage().resolve("bin").resolve(name);
            case MAC -> appImage().resolve("Contents/MacOS").resolve(name);
            case WINDOWS -> appImage().resolve(name + ".exe");
        };
    }

    /** The runtime as copied into the image. */
    Path imageRuntime() {
        return switch (os) {
            case LINUX -> appImage().resolve("lib/runtime");
            case MAC -> appImage().resolve("Contents/runtime/Contents/Home");
            case WINDOWS -> appImage().resolve("runtime");
        };
    }

    /** The jar as copied into the image. */
    Path imageJar() {
        return switch (os) {
            case LINUX -> appImage().resolve("lib/app").resolve(JAR);
            case MAC -> appImage().resolve("Contents/app").resolve(JAR);
            case WINDOWS -> appImage().resolve("app").resolve(JAR);
        };
    }

    /** jdeps' question: which JDK modules the jar's classes use. */
    List<String> jdepsArgs() {
        return List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release", "17", shadedJar.toString());
    }

    /** The runtime's modules: what jdeps found (its last line, comma-separated) and the service modules. */
    static Set<String> modules(String jdepsOutput) {
        String[] lines = jdepsOutput.strip().split("\\R");
        Set<String> modules = new TreeSet<>();
        for (String module : lines[lines.length - 1].split(",")) {
            if (!module.isBlank()) {
                modules.add(module.strip());
            }
        }
        if (!modules.contains("java.base")) {
            throw new IllegalStateException("jdeps did not list the modules: " + jdepsOutput);
        }
        modules.addAll(SERVICE_MODULES);
        return modules;
    }

    /**
     * A runtime of only these modules. Not compressed: a compressed image decompresses classes at every
     * start, and the app's start is measured (the package itself is compressed). The native commands
     * stay so the check can run the image's own {@code java} (a few hundred kilobytes).
     */
    List<String> jlinkArgs(Collection<String> modules) {
        return List.of("--add-modules", String.join(",", modules), "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", runtime().toString());
    }

    /**
     * The command-line launcher: same jar and runtime, never a window (see {@code Launch}), and on
     * Windows a console program so its output shows in the terminal.
     */
    String cliLauncherProperties() {
        return "java-options=-Dbackfill.commandLineOnly=true\n" + (os == Os.WINDOWS ? "win-console=true\n" : "");
    }

    /** The application image. */
    List<String> appImageArgs() {
        return List.of("--type", "app-image", "--name", NAME, "--app-version", appVersion(),
                "--vendor", "Backfill Studio", "--description", "Rerun daily SQL jobs over past days, reproducibly",
                "--input", input().toString(), "--main-jar", JAR, "--main-class", MAIN_CLASS,
                "--runtime-image", runtime().toString(), "--add-launcher", CLI_LAUNCHER + "=" + cliLauncherFile(),
                "--dest", dir.toString());
    }

    /**
     * The Debian package of that image: installs into /opt/backfill-studio, a menu entry for the app,
     * and (the scripts in {@link #resources}) {@code /usr/bin/bfs}.
     */
    List<String> debArgs() {
        return List.of("--type", "deb", "--app-image", appImage().toString(), "--name", NAME, "--app-version", appVersion(),
                "--vendor", "Backfill Studio", "--description", "Rerun daily SQL jobs over past days, reproducibly",
                "--linux-package-name", PACKAGE, "--linux-app-category", "devel", "--linux-menu-group", "Development",
                "--linux-shortcut", "--resource-dir", resources.toString(), "--dest", dir.toString());
    }

    /** Where the package puts the image. */
    static String installedDir() {
        return "/opt/" + PACKAGE;
    }
}
