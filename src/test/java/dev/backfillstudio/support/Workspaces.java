package dev.backfillstudio.support;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.workspace.IoFolder;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Workspaces for tests, in a @TempDir folder. The sample ones are built once per test JVM, as the app
 * builds them, and copied for each test: building the sample with its jobs takes 7–9 s here (the naive
 * job alone is 61 runs), which dozens of tests would otherwise each pay before asserting anything.
 */
public final class Workspaces {

    private static Path templates;
    private static Path sample;
    private static Path demo;

    private Workspaces() {
    }

    public static Workspace empty(Path dir) {
        return Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
    }

    /** The sample scenario of sample-data/ (item, item_events, item_snapshot with 2024-10-13 absent), as {@code w.duckdb}. */
    public static Workspace sample(Path dir) {
        Path file = dir.resolve("w.duckdb");
        copy(template(false), file);
        return Workspace.open(file);
    }

    /** The workspace {@code demo} builds (the sample with its four jobs, partly run), opened at {@code file}. */
    public static Workspace demo(Path file) {
        return Workspace.open(demoFile(file));
    }

    /** The workspace {@code demo} builds, written to {@code file} and closed, for a command or the app to open. */
    public static Path demoFile(Path file) {
        copy(template(true), file);
        return file;
    }

    private static synchronized Path template(boolean withJobs) {
        try {
            if (templates == null) {
                templates = Files.createTempDirectory("bfs-test-templates");
                Path made = templates;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> IoFolder.deleteTree(made)));
            }
            Path file = withJobs ? demo : sample;
            if (file == null) {
                file = templates.resolve(withJobs ? "demo.duckdb" : "sample.duckdb");
                try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
                    if (withJobs) {
                        new DemoBuilder(ws).buildSampleWithJobs();
                    } else {
                        new DemoBuilder(ws).buildSample();
                    }
                }
                if (withJobs) {
                    demo = file;
                } else {
                    sample = file;
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path template, Path file) {
        try {
            Files.copy(template, file);
            Path wal = template.resolveSibling(template.getFileName() + ".wal");
            if (Files.exists(wal)) {
                Files.copy(wal, file.resolveSibling(file.getFileName() + ".wal"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
