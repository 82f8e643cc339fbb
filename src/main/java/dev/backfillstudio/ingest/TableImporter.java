package dev.backfillstudio.ingest;

import dev.backfillstudio.run.EngineMirror;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.InputDays;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableColumn;
import dev.backfillstudio.workspace.TableColumns;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a CSV file into a plain table (event tables, the current state of an entity) in one
 * transaction: the table is created, swapped whole, or appended to, or nothing changes. A table with
 * exactly one DATE column is registered as an event table dated by it, and the ledger of input days
 * learns the fingerprint of each of its days (an append re-fingerprints only the days it touched).
 */
public final class TableImporter {

    /** How the rows went in. */
    public enum Mode {
        CREATED, REPLACED, APPENDED
    }

    /** What an import did; {@code days} are the event days written (all of them, or those an append touched). */
    public record Result(String table, Path file, long rows, Mode mode, Optional<String> dateColumn, List<LocalDate> days) {

        public boolean replaced() {
            return mode == Mode.REPLACED;
        }

        /** What happened, as the command line prints it and the app shows it: "Created t: 3 rows from t.csv (…)". */
        public String summary() {
            String verb = switch (mode) {
                case CREATED -> "Created";
                case REPLACED -> "Replaced";
                case APPENDED -> "Appended to";
            };
            String dated = dateColumn.map(c -> mode == Mode.APPENDED
                    ? " (event table: " + days.size() + (days.size() == 1 ? " day" : " days") + " touched"
                            + (days.isEmpty() ? "" : ", " + dev.backfillstudio.run.DaySet.of(days)) + ")"
                    : " (event table, dated by " + c + ")").orElse("");
            return String.format("%s %s: %,d rows from %s%s", verb, table, rows, file.getFileName(), dated);
        }
    }

    private static final String STAGED = "bfs_append_staged";

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
                        + file.fileName() + ", or --append to add its rows.");
            }
            requirePlain(table, existing, "replaced by a plain import");
            Map<String, String> types = file.detectTypes(db);
            Result result = db.inTransaction(d -> {
                try {
                    d.execute("CREATE OR REPLACE TABLE " + Db.ident(table) + " AS SELECT * FROM " + file.readCsv(types));
                } catch (SQLException e) {
                    throw file.explain(e);
                }
                List<String> dateColumns = TableColumns.of(d, table).stream().filter(c -> c.type().equals("DATE"))
                        .map(TableColumn::name).toList();
                Optional<String> dateColumn = dateColumns.size() == 1 ? Optional.of(dateColumns.get(0)) : Optional.empty();
                d.update("DELETE FROM bfs.tables WHERE name = ?", table);
                InputDays.forget(d, table);
                List<LocalDate> days = List.of();
                if (dateColumn.isPresent()) {
                    d.update("INSERT INTO bfs.tables (name, kind, date_column) VALUES (?, 'EVENT', ?)", table, dateColumn.get());
                    // the pass that fingerprints each day also lists the days
                    Optional<List<LocalDate>> recorded = InputDays.recordAll(d, table, dateColumn.get(), InputDays.Origin.IMPORT);
                    days = recorded.isPresent() ? recorded.get() : eventDays(d, table, dateColumn.get(), Db.ident(table));
                }
                long rows = d.queryLong("SELECT count(*) FROM " + Db.ident(table));
                return new Result(table, file.path(), rows, existing.isPresent() ? Mode.REPLACED : Mode.CREATED, dateColumn, days);
            });
            EngineMirror.follow(workspace, table);
            return result;
        } catch (SQLException e) {
            throw failed(file, table, e);
        } finally {
            file.close();
        }
    }

    /**
     * Adds a CSV's rows to an existing plain table whose columns the file matches (names as DuckDB
     * compares them, in any order). An event table re-fingerprints exactly the days the rows fall on,
     * so the job days that read those days turn stale and no others.
     */
    public Result appendCsv(String table, Path csv) {
        workspace.requireWritable();
        TableCatalog.requireValidName(table);
        CsvFile file = CsvFile.open(csv);
        Db db = workspace.db();
        try {
            Optional<TableKind> existing = TableCatalog.kindOf(db, table);
            if (existing.isEmpty()) {
                throw BackfillException.badInput("Table " + table + " does not exist; import " + file.fileName()
                        + " without --append to create it.");
            }
            requirePlain(table, existing, "appended to by a plain import");
            Optional<String> dateColumn = db.queryOne("SELECT date_column FROM bfs.tables WHERE name = ? AND kind = 'EVENT'",
                    rs -> rs.getString(1), table);
            Map<String, String> types = file.typesOf(db, table, null);
            Result result = db.inTransaction(d -> {
                String cols = file.header().stream().map(Db::ident).collect(java.util.stream.Collectors.joining(", "));
                try {
                    d.execute("CREATE OR REPLACE TEMP TABLE " + STAGED + " AS SELECT " + cols + " FROM " + file.readCsv(types));
                } catch (SQLException e) {
                    throw file.explain(e);
                }
                long rows = d.queryLong("SELECT count(*) FROM " + STAGED);
                List<LocalDate> days = List.of();
                d.execute("INSERT INTO " + Db.ident(table) + " BY NAME SELECT * FROM " + STAGED);
                if (dateColumn.isPresent()) {
                    days = eventDays(d, table, dateColumn.get(), STAGED);
                    InputDays.recordDays(d, table, dateColumn.get(), days, InputDays.Origin.APPEND);
                }
                d.execute("DROP TABLE " + STAGED);
                return new Result(table, file.path(), rows, Mode.APPENDED, dateColumn, days);
            });
            EngineMirror.follow(workspace, table);
            return result;
        } catch (SQLException e) {
            throw failed(file, table, e);
        }
    }

    private static void requirePlain(String table, Optional<TableKind> existing, String what) {
        if (existing.isPresent() && existing.get() != TableKind.EVENT && existing.get() != TableKind.OTHER) {
            throw BackfillException.badInput("Table " + table + " is a " + existing.get().label()
                    + " table; it cannot be " + what + ".");
        }
    }

    private static List<LocalDate> eventDays(Db d, String table, String dateColumn, String relation) throws SQLException {
        String date = Db.ident(dateColumn);
        return d.query("SELECT DISTINCT " + date + "::DATE FROM " + relation + " WHERE " + date + " IS NOT NULL ORDER BY 1",
                rs -> rs.getObject(1, LocalDate.class));
    }

    private static BackfillException failed(CsvFile file, String table, SQLException e) {
        return BackfillException.failed("Cannot import " + file.path() + " into " + table + ": "
                + e.getMessage().strip().split("\n", 2)[0], e);
    }
}
