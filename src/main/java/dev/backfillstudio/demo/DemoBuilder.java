package dev.backfillstudio.demo;

import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotFileResult;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.InputDays;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Builds the demo workspace: the sample scenario from {@code sample-data/}, or a generated one of a
 * given size with the same tables.
 */
public final class DemoBuilder {

    public static final String SNAPSHOT_TABLE = "item_snapshot";
    public static final String HISTORY_TABLE = "item_history";

    private final Workspace workspace;

    public DemoBuilder(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The sample scenario: item, item_events, the daily item snapshots and item_history built from them. */
    /**
     * The sample as a newcomer first sees it: the tables of {@link #buildSample()} plus the three
     * sample jobs, partly run (see {@link SampleJobs}).
     */
    public void buildSampleWithJobs() {
        buildSample();
        SampleJobs.install(workspace);
    }

    public void buildSample() {
        Path tmp = tempDir();
        try {
            TableImporter importer = new TableImporter(workspace);
            importer.importCsv("item", SampleData.extract("item.csv", tmp).orElseThrow(), false);
            importer.importCsv("item_events", SampleData.extract("item_events.csv", tmp).orElseThrow(), false);
            loadSnapshots(SampleData.snapshotFiles(tmp));
            registerEvents(workspace.db());
            buildHistory();
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot register the sample tables: " + e.getMessage().split("\n", 2)[0], e);
        } finally {
            dev.backfillstudio.workspace.IoFolder.deleteTree(tmp);
        }
    }

    /** A generated workspace of the given size (days from 2024-01-01), with item_history built. */
    public void buildGenerated(GeneratedWorkspace.Size size) {
        try {
            GeneratedWorkspace.createTables(workspace.db(), size);
            workspace.db().update("INSERT OR REPLACE INTO bfs.tables (name, kind, date_column) VALUES (?, 'SNAPSHOT', ?)",
                    SNAPSHOT_TABLE, SnapshotLoader.DEFAULT_DATE_COLUMN);
            registerEvents(workspace.db());
            workspace.db().inTransaction(d -> {
                InputDays.recordAll(d, SNAPSHOT_TABLE, SnapshotLoader.DEFAULT_DATE_COLUMN, InputDays.Origin.IMPORT);
                InputDays.recordAll(d, "item_events", "date", InputDays.Origin.IMPORT);
                return null;
            });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot generate the demo tables: " + e.getMessage().split("\n", 2)[0], e);
        }
        buildHistory();
    }

    private void loadSnapshots(List<Path> files) {
        List<SnapshotFileResult> results = new SnapshotLoader(workspace)
                .load(SNAPSHOT_TABLE, files, SnapshotDateSource.column(SnapshotLoader.DEFAULT_DATE_COLUMN), false);
        for (SnapshotFileResult r : results) {
            if (!r.ok()) {
                throw BackfillException.failed("Cannot load the sample snapshots: " + r.message(), null);
            }
        }
    }

    private void buildHistory() {
        new HistoryBuilder(workspace).build(SNAPSHOT_TABLE, List.of("id"), HISTORY_TABLE);
    }

    private static void registerEvents(Db db) throws SQLException {
        db.update("INSERT OR REPLACE INTO bfs.tables (name, kind, date_column) VALUES ('item_events', 'EVENT', 'date')");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("backfill-sample");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
