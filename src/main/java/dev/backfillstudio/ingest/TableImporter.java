package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a CSV file into a plain table (event tables, the current state of an entity) in one
 * transaction: the table is created or swapped whole, or nothing changes. A table with exactly one
 * DATE column is registered as an event table dated by it.
 */
public final class TableImporter {

    /** What an import did. */
    public record Result(String table, Path file, long rows, boolean replaced, Optional<String> dateColumn) {
    }

    private final Workspace workspace;

    public TableImporter(Workspace workspace) {
        this.workspace = workspace;
    }

    public Result importCsv(String table, Path csv, boolean replace) {
        workspace.requireWritable();
        TableCatalog.requireValidName(table);
        CsvFile file = CsvFile.open(csv);
        Db db = workspace.db();
        try {
            Optional<TableKind> existing = TableCatalog.kindOf(db, table);
            if (existing.isPresent() && !replace) {
                throw BackfillException.badInput("Table " + table + " already exists; add --replace to swap it for "
                        + file.fileName() + ".");
            }
            if (existing.isPresent() && existing.get() != TableKind.EVENT && existing.get() != TableKind.OTHER) {
                throw BackfillException.badInput("Table " + table + " is a " + existing.get().label()
                        + " table; it cannot be replaced by a plain import.");
            }
            Map<String, String> types = file.detectTypes(db);
            return db.inTransaction(d -> {
                try {
                    d.execute("CREATE OR REPLACE TABLE " + Db.ident(table) + " AS SELECT * FROM " + file.readCsv(types));
                } catch (SQLException e) {
                    throw file.explain(e);
                }
                List<String> dateColumns = d.query(
                        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ?"
                                + " AND data_type = 'DATE' ORDER BY column_index",
                        rs -> rs.getString(1), table);
                Optional<String> dateColumn = dateColumns.size() == 1 ? Optional.of(dateColumns.get(0)) : Optional.empty();
                d.update("DELETE FROM bfs.tables WHERE name = ?", table);
                if (dateColumn.isPresent()) {
                    d.update("INSERT INTO bfs.tables (name, kind, date_column) VALUES (?, 'EVENT', ?)", table, dateColumn.get());
                }
                long rows = d.queryLong("SELECT count(*) FROM " + Db.ident(table));
                return new Result(table, file.path(), rows, existing.isPresent(), dateColumn);
            });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot import " + file.path() + " into " + table + ": "
                    + e.getMessage().strip().split("\n", 2)[0], e);
        } finally {
            file.close();
        }
    }
}
