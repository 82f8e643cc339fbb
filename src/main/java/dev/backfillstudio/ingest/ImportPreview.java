package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * The first rows of a CSV file as {@link TableImporter} would take them: with the types DuckDB detects
 * over the whole file for a new or replaced table, or the existing table's types for an append (a file
 * whose columns do not match is refused as the append would refuse it).
 */
public final class ImportPreview {

    private final Workspace workspace;

    public ImportPreview(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Reads at most {@code limit} rows of {@code file}.
     *
     * @throws BackfillException with the file and line when the file cannot be read as it would import
     */
    public RowSample rows(Path file, String table, boolean append, int limit) {
        CsvFile csv = CsvFile.open(file);
        Db db = workspace.db();
        try {
            Map<String, String> types = append ? csv.typesOf(db, table, null) : csv.detectTypes(db);
            try {
                return db.sample("SELECT * FROM " + csv.readCsv(types) + " LIMIT " + (limit + 1), limit);
            } catch (SQLException e) {
                throw csv.explain(e);
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read " + csv.path() + ": " + e.getMessage().strip().split("\n", 2)[0], e);
        } finally {
            csv.close();
        }
    }
}
