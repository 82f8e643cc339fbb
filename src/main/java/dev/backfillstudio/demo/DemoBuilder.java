package dev.backfillstudio.demo;

import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the demo workspace: the sample scenario from {@code sample-data/}, or a generated one of a
 * given size with the same tables.
 */
public final class DemoBuilder {

    private final Workspace workspace;

    public DemoBuilder(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The sample scenario: item, item_events, the daily item snapshots. */
    public void buildSample() {
        Path tmp = tempDir();
        try {
            TableImporter importer = new TableImporter(workspace);
            importer.importCsv("item", SampleData.extract("item.csv", tmp).orElseThrow(), false);
            importer.importCsv("item_events", SampleData.extract("item_events.csv", tmp).orElseThrow(), false);
            loadSnapshots(SampleData.snapshotFiles(tmp));
        } finally {
            deleteTree(tmp);
        }
    }

    /** A generated workspace of the given size (days from 2024-01-01). */
    public void buildGenerated(GeneratedWorkspace.Size size) {
        try {
            GeneratedWorkspace.createTables(workspace.db(), size);
            registerTables(workspace.db());
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot generate the demo tables: " + e.getMessage().split("\n", 2)[0], e);
        }
    }

    private void loadSnapshots(List<Path> files) {
        StringBuilder list = new StringBuilder("[");
        for (Path f : files) {
            list.append(list.length() > 1 ? ", " : "").append(Db.literal(f.toString()));
        }
        list.append(']');
        try {
            workspace.db().inTransaction(d -> {
                d.execute("CREATE TABLE item_snapshot AS SELECT * FROM read_csv(" + list + ", header = true,"
                        + " auto_detect = false, columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'status': 'VARCHAR',"
                        + " 'snapshot_date': 'DATE'}) ORDER BY snapshot_date, id");
                registerTables(d);
                return null;
            });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot load the sample snapshots: " + e.getMessage().split("\n", 2)[0], e);
        }
    }

    private static void registerTables(Db db) throws SQLException {
        db.update("INSERT OR REPLACE INTO bfs.tables (name, kind, date_column) VALUES ('item_snapshot', 'SNAPSHOT', 'snapshot_date')");
        db.update("INSERT OR REPLACE INTO bfs.tables (name, kind, date_column) VALUES ('item_events', 'EVENT', 'date')");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("backfill-sample");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
