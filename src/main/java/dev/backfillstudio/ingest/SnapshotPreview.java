package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.TableColumns;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The first rows of a snapshot file as they would load: the file's columns with the types the loader
 * would give them (the existing table's, or DuckDB's detection for a new table), the date column as
 * DATE, and, when the day does not come from the file, the date column the loader adds.
 */
public final class SnapshotPreview {

    private final Workspace workspace;

    public SnapshotPreview(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Reads at most {@code limit} rows of {@code file}.
     *
     * @param table the target table, or null when none is chosen yet
     * @throws BackfillException with the file and line when the file cannot be read
     */
    public RowSample rows(String table, Path file, SnapshotDateSource source, int limit) {
        CsvFile csv = CsvFile.open(file);
        Db db = workspace.db();
        try {
            Optional<SnapshotTable> existing = table == null || table.isBlank() ? Optional.empty() : SnapshotTable.find(db, table);
            Map<String, String> types = csv.detectTypes(db);
            if (existing.isPresent()) {
                Map<String, String> tableTypes = new HashMap<>();
                TableColumns.of(db, existing.get().name()).forEach(c -> tableTypes.put(c.name().toLowerCase(Locale.ROOT), c.type()));
                types.replaceAll((h, t) -> tableTypes.getOrDefault(h.toLowerCase(Locale.ROOT), t));
            }
            String select = "*";
            Object[] params = {};
            if (source instanceof SnapshotDateSource.Column c) {
                types.keySet().stream().filter(h -> h.equalsIgnoreCase(c.name())).findFirst().ifPresent(h -> types.put(h, "DATE"));
            } else {
                String added = existing.map(SnapshotTable::dateColumn).orElse(SnapshotLoader.DEFAULT_DATE_COLUMN);
                boolean own = types.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(added));
                if (!own) {
                    LocalDate day = dayOf(source, csv.path());
                    select = "*, CAST(" + (day == null ? "NULL" : "?") + " AS DATE) AS " + Db.ident(added);
                    params = day == null ? new Object[] {} : new Object[] {day};
                }
            }
            try {
                return db.sample("SELECT " + select + " FROM " + csv.readCsv(types) + " LIMIT " + (limit + 1), limit, params);
            } catch (SQLException e) {
                throw csv.explain(e);
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read " + csv.path() + ": " + e.getMessage().strip().split("\n", 2)[0], e);
        } finally {
            csv.close();
        }
    }

    /** The day the added column would hold; null (shown empty) when the file name names none. */
    private static LocalDate dayOf(SnapshotDateSource source, Path file) {
        if (source instanceof SnapshotDateSource.Fixed f) {
            return f.day();
        }
        try {
            return ((SnapshotDateSource.FromFileName) source).dayOf(file);
        } catch (BackfillException e) {
            return null;
        }
    }
}
