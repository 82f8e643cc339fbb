package dev.backfillstudio.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The installer's recipe, checked in the default build so it cannot rot between installer builds
 * (which run jlink and jpackage only under {@code -Pinstaller}).
 */
class InstallerPlanTest {

    private final InstallerPlan plan = InstallerPlan.forThisBuild();

    @Test
    void aSnapshotVersionIsPackagedAsItsNumbers() {
        assertThat(new InstallerPlan(Path.of("a.jar"), Path.of("out"), "0.1.0-SNAPSHOT", InstallerPlan.Os.LINUX, Path.of("r"))
                .appVersion()).isEqualTo("0.1.0");
        assertThat(new InstallerPlan(Path.of("a.jar"), Path.of("out"), "2.3", InstallerPlan.Os.LINUX, Path.of("r"))
                .appVersion()).isEqualTo("2.3");
        assertThatThrownBy(() -> new InstallerPlan(Path.of("a.jar"), Path.of("out"), "SNAPSHOT", InstallerPlan.Os.LINUX, Path.of("r"))
                .appVersion()).hasMessageContaining("SNAPSHOT");
    }

    @Test
    void theRuntimeHoldsWhatJdepsFoundAndTheServiceModules() {
        String jdeps = "Warning: split package\njava.base,java.desktop,java.sql,jdk.unsupported\n";

        assertThat(InstallerPlan.modules(jdeps))
                .contains("java.base", "java.desktop", "java.sql", "jdk.unsupported", "jdk.crypto.ec", "jdk.localedata");
        assertThatThrownBy(() -> InstallerPlan.modules("Error: no such file\n")).hasMessageContaining("jdeps");
    }

    @Test
    void theImageHasTheAppAndTheCommandLineLauncherOverTheShadedJar() {
        assertThat(plan.appImageArgs()).containsSubsequence("--main-jar", "backfill-studio.jar")
                .containsSubsequence("--main-class", "dev.backfillstudio.Main")
                .containsSubsequence("--name", "BackfillStudio")
                .containsSubsequence("--runtime-image", plan.runtime().toString())
                .containsSubsequence("--add-launcher", "bfs=" + plan.cliLauncherFile());
        assertThat(plan.cliLauncherProperties()).contains("java-options=-Dbackfill.commandLineOnly=true");
        assertThat(plan.jlinkArgs(InstallerPlan.modules("java.base"))).contains("--strip-debug", "--no-header-files", "--no-man-pages");
        assertThat(plan.launcher("bfs").toString().replace('\\', '/')).contains("BackfillStudio");
    }

    @Test
    void theMainClassOfTheImageIsTheJarsLauncher() throws Exception {
        assertThat(Class.forName(InstallerPlan.MAIN_CLASS).getMethod("main", String[].class)).isNotNull();
    }

    /** The package scripts name the install folder by hand: they must follow the plan's package name. */
    @Test
    void thePackageScriptsLinkBfsAndAddOnlyTheAppToTheMenu() throws Exception {
        String installed = InstallerPlan.installedDir() + "/bin/" + InstallerPlan.CLI_LAUNCHER;
        String appEntry = InstallerPlan.installedDir() + "/lib/" + InstallerPlan.PACKAGE + "-" + InstallerPlan.NAME + ".desktop";

        assertThat(Files.readString(plan.resources().resolve("postinst")))
                .contains("xdg-desktop-menu install " + appEntry, "ln -sf " + installed + " /usr/bin/bfs")
                .doesNotContain("DESKTOP_COMMANDS_INSTALL");
        assertThat(Files.readString(plan.resources().resolve("prerm")))
                .contains("xdg-desktop-menu uninstall " + appEntry, installed, "rm -f /usr/bin/bfs")
                .doesNotContain("DESKTOP_COMMANDS_UNINSTALL");
    }
}
