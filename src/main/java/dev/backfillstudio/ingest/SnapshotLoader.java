package dev.backfillstudio.ingest;

import dev.backfillstudio.run.EngineMirror;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Bookkeeping;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.InputDays;
import dev.backfillstudio.workspace.SqlWork;
import dev.backfillstudio.workspace.TableColumn;
import dev.backfillstudio.workspace.TableColumns;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads daily snapshot files into a snapshot table, one day per file, each file in its own
 * transaction: a file either adds (or, with replace, swaps) exactly its day, or changes nothing.
 *
 * <p>Rows go from the file into DuckDB in one {@code INSERT ... SELECT FROM read_csv(...)}. Once the
 * table exists its column types are known, so a file is read once: the day check of a file dated by
 * its own column is a count over the inserted day inside the same transaction (rolled back on a
 * mismatch), and only then, to name the line, is the file read again.
 */
public final class SnapshotLoader {

    /** Told which file is loading and how it ended; called on the loading thread. */
    public interface Listener {
        void fileStarted(int index, int total, Path file);

        default void fileFinished(int index, int total, SnapshotFileResult result) {
        }
    }

    /** The date column a snapshot table gets when its files carry no date of their own. */
    public static final String DEFAULT_DATE_COLUMN = "snapshot_date";

    private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern BAD_VALUE = Pattern.compile("Could not convert string \"(.*?)\" to");

    private final Workspace workspace;
    private volatile Listener listener = (i, n, f) -> { };
    private volatile boolean cancelled;

    public SnapshotLoader(Workspace workspace) {
        this.workspace = workspace;
    }

    public SnapshotLoader onProgress(Listener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Stops the load: no further file starts, and the file loading now is rolled back (its running
     * statement is cancelled). Files already loaded stay. Safe from any thread; a cancelled loader
     * stays cancelled.
     */
    public void cancel() {
        cancelled = true;
        workspace.db().cancel();
    }

    /**
     * Loads the files one by one, in order, and returns a result per file attempted (files after a
     * cancel are not attempted).
     *
     * @throws BackfillException when the table name is invalid or names a table that is not a
     *     snapshot table; nothing is loaded then.
     */
    public List<SnapshotFileResult> load(String table, List<Path> files, SnapshotDateSource source, boolean replace) {
        workspace.requireWritable();
        TableCatalog.requireValidName(table);
        // the snapshot table and its columns, read once for the load (each catalog query costs a few milliseconds of a
        // small load); its columns are what a file's header is checked against and what a replaced day's rows are hashed by
        Optional<Existing> existing;
        try {
            existing = existing(table);
            Optional<TableKind> kind = existing.isPresent() ? Optional.of(TableKind.SNAPSHOT) : TableCatalog.kindOf(workspace.db(), table);
            if (kind.isPresent() && kind.get() != TableKind.SNAPSHOT) {
                throw BackfillException.badInput("Table " + table + " is a " + kind.get().label()
                        + " table, not a snapshot table; load the snapshots into another table.");
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the catalog: " + firstLine(e), e);
        }
        List<SnapshotFileResult> results = new ArrayList<>();
        for (int i = 0; i < files.size() && !cancelled; i++) {
            Path file = files.get(i);
            listener.fileStarted(i + 1, files.size(), file);
            SnapshotFileResult r = loadFile(table, file, source, replace, existing);
            results.add(r);
            listener.fileFinished(i + 1, files.size(), r);
            if (existing.isEmpty() && r.ok()) {
                // the first file loaded created the table
                try {
                    existing = existing(table);
                } catch (SQLException e) {
                    throw BackfillException.failed("Cannot read the catalog: " + firstLine(e), e);
                }
            }
        }
        if (results.stream().anyMatch(SnapshotFileResult::ok)) {
            EngineMirror.follow(workspace, table);
        }
        return results;
    }

    /** A snapshot table that exists, with its columns. */
    private record Existing(SnapshotTable table, List<TableColumn> columns) {
    }

    /** The registered snapshot table {@code table} with its columns, when the table exists: two small statements. */
    private Optional<Existing> existing(String table) throws SQLException {
        Optional<SnapshotTable> registered = SnapshotTable.registered(workspace.db(), table);
        List<TableColumn> columns = registered.isPresent() ? TableColumns.ofRegistered(workspace.db(), table) : List.of();
        return columns.isEmpty() ? Optional.empty() : Optional.of(new Existing(registered.get(), columns));
    }

    private SnapshotFileResult loadFile(String table, Path path, SnapshotDateSource source, boolean replace,
            Optional<Existing> existing) {
        try {
            return loadChecked(table, path, source, replace, existing);
        } catch (Cancelled c) {
            return SnapshotFileResult.cancelled(path);
        } catch (BackfillException e) {
            return cancelled ? SnapshotFileResult.cancelled(path) : SnapshotFileResult.refused(path, e.getMessage());
        } catch (SQLException e) {
            return cancelled ? SnapshotFileResult.cancelled(path)
                    : SnapshotFileResult.refused(path, "Cannot load " + path.toAbsolutePath() + " into " + table + ": " + firstLine(e));
        }
    }

    private SnapshotFileResult loadChecked(String table, Path path, SnapshotDateSource source, boolean replace,
            Optional<Existing> existing) throws SQLException {
        CsvFile file = CsvFile.open(path);
        Db db = workspace.db();
        boolean dateInFile = source instanceof SnapshotDateSource.Column;
        String dateColumn = existing.map(e -> e.table().dateColumn()).orElse(
                source instanceof SnapshotDateSource.Column c ? c.name() : DEFAULT_DATE_COLUMN);
        if (existing.isPresent() && source instanceof SnapshotDateSource.Column c && !c.name().equalsIgnoreCase(dateColumn)) {
            throw BackfillException.badInput(table + " is dated by its column " + dateColumn + ", not " + c.name() + ".");
        }
        Optional<String> dateHeader = file.header().stream().filter(h -> h.equalsIgnoreCase(dateColumn)).findFirst();
        if (dateInFile && dateHeader.isEmpty()) {
            throw BackfillException.badInput(file.path() + " line 1: the header has no column " + dateColumn + ".");
        }
        if (!dateInFile && dateHeader.isPresent()) {
            throw BackfillException.badInput(file.path() + " line 1: the file has its own " + dateHeader.get()
                    + " column; load it with --date-column " + dateHeader.get() + ".");
        }
        LocalDate fixedDay = source instanceof SnapshotDateSource.Fixed f ? f.day()
                : source instanceof SnapshotDateSource.FromFileName n ? n.dayOf(file.path()) : null;
        List<TableColumn> columns = existing.map(Existing::columns).orElse(List.of());
        Map<String, String> types = existing.isPresent()
                ? file.typesOf(columns, table, dateInFile ? null : dateColumn)
                : file.detectTypes(db);
        dateHeader.ifPresent(h -> types.put(h, "DATE"));
        // lineage knows the day by the file's fingerprint, read beside the insert on a thread of its own
        CompletableFuture<String> fingerprint = Bookkeeping.inputDays()
                ? FileFingerprint.start(file.staged(), "columns " + types + (dateInFile ? "" : ", dated by " + dateColumn))
                : null;

        return db.inTransaction(d -> {
            if (existing.isEmpty()) {
                SnapshotDay.create(d, table, types, dateInFile ? null : dateColumn, dateHeader.orElse(dateColumn));
            }
            LocalDate day = fixedDay != null ? fixedDay : firstDay(d, file, types, dateHeader.get());
            Optional<ReplacedDay> replaced = fingerprint != null && existing.isPresent() && replace
                    ? ReplacedDay.of(d, table, columns, dateColumn, day, () -> fileFingerprint(fingerprint))
                    : Optional.empty();
            boolean present = existing.isPresent() && SnapshotDay.clear(d, table, dateColumn, day, replace, file.path().toString());
            long rows = insert(d, table, file, types, dateInFile ? null : dateColumn, day);
            if (rows == 0) {
                throw BackfillException.badInput(file.path() + " has no rows: a snapshot day needs at least one row.");
            }
            if (dateInFile && d.queryLong("SELECT count(*) FROM " + Db.ident(table) + " WHERE " + Db.ident(dateColumn) + " = ?",
                    day) != rows) {
                throw otherDay(d, file, dateHeader.get(), day);
            }
            // SnapshotDay.seal's steps, with the file's day check before them: the ledger records the day, and the
            // histories of this table follow it in the same transaction
            boolean sameRows = false;
            if (fingerprint != null) {
                SqlWork<String> rowHash = in -> InputDays.rowHash(in, table, columns, dateColumn, day);
                String fresh = fileFingerprint(fingerprint);
                if (fresh == null) {
                    fresh = rowHash.run(d);
                }
                String kept = replaced.isPresent() ? replaced.get().keep(d, rows, fresh, rowHash) : fresh;
                sameRows = replaced.isPresent() && kept.equals(replaced.get().before().fingerprint());
                InputDays.put(d, table, day, new InputDays.Entry(rows, kept), InputDays.Origin.FILE);
            }
            HistoryBuilder.follow(d, table, day);
            if (cancelled) {
                throw new Cancelled();
            }
            return SnapshotFileResult.loaded(file.path(), present, day, rows, sameRows);
        });
    }

    /** The file's fingerprint once read, or null when it could not be read (the day is then known by its rows' hash). */
    private static String fileFingerprint(CompletableFuture<String> fingerprint) {
        try {
            return fingerprint.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    private static long insert(Db d, String table, CsvFile file, Map<String, String> types, String addedDateColumn,
            LocalDate day) throws SQLException {
        String cols = file.header().stream().map(Db::ident).collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + Db.ident(table) + " (" + cols
                + (addedDateColumn == null ? "" : ", " + Db.ident(addedDateColumn)) + ") SELECT " + cols
                + (addedDateColumn == null ? "" : ", CAST(? AS DATE)") + " FROM " + file.readCsv(types);
        try {
            return addedDateColumn == null ? d.update(sql) : d.update(sql, day);
        } catch (SQLException e) {
            throw file.explain(e);
        }
    }

    /** The day on the first row of a file dated by its own column; a refusal when there is none. */
    private static LocalDate firstDay(Db d, CsvFile file, Map<String, String> types, String dateHeader) throws SQLException {
        // a plain ISO day on a plain first row reads the same in Java as in DuckDB, without starting a scan of the file
        // (every row is then checked against it after the insert)
        Optional<String> plain = file.firstRowValue(dateHeader).filter(v -> ISO_DAY.matcher(v).matches());
        if (plain.isPresent()) {
            try {
                return LocalDate.parse(plain.get());
            } catch (java.time.format.DateTimeParseException e) {
                // not a day of the calendar (2024-02-30): DuckDB names the problem below
            }
        }
        Optional<Optional<LocalDate>> first;
        try {
            first = d.queryOne("SELECT " + Db.ident(dateHeader) + " FROM " + file.readCsv(types) + " LIMIT 1",
                    rs -> Optional.ofNullable(rs.getObject(1, LocalDate.class)));
        } catch (SQLException e) {
            throw file.explain(e);
        }
        if (first.isEmpty()) {
            throw BackfillException.badInput(file.path() + " has no rows: a snapshot day needs at least one row.");
        }
        if (first.get().isEmpty()) {
            throw otherDay(d, file, dateHeader, null);
        }
        return first.get().get();
    }

    /**
     * Names the first row whose day is not {@code day}. DuckDB finds it: the file is read again with
     * the date column typed as an enum of the spellings of {@code day}, so the first other day (or an
     * empty one) fails the cast and DuckDB reports its line, counted as in its other CSV errors.
     */
    private static BackfillException otherDay(Db d, CsvFile file, String dateHeader, LocalDate day) throws SQLException {
        Map<String, String> text = new LinkedHashMap<>();
        file.header().forEach(h -> text.put(h, "VARCHAR"));
        String col = Db.ident(dateHeader);
        List<String> spellings = day == null ? List.of() : d.query("SELECT DISTINCT " + col + " FROM " + file.readCsv(text)
                + " WHERE TRY_CAST(" + col + " AS DATE) = ?", rs -> rs.getString(1), day);
        String labels = (spellings.isEmpty() ? List.of("no day") : spellings).stream().map(Db::literal)
                .collect(Collectors.joining(", "));
        text.put(dateHeader, "ENUM(" + labels + ")");
        String firstDay = day == null ? "" : " (" + day + " on the first row)";
        try {
            d.queryLong("SELECT count(" + col + ") FROM " + file.readCsv(text, ", nullstr = chr(1)"));
        } catch (SQLException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            Matcher line = CSV_LINE.matcher(msg);
            Matcher value = BAD_VALUE.matcher(msg);
            if (line.find() && value.find()) {
                String where = file.path() + " line " + line.group(1) + ": ";
                return value.group(1).isEmpty()
                        ? BackfillException.badInput(where + "the " + dateHeader + " column is empty; every row of a snapshot file"
                                + " must carry the same day" + firstDay + ".")
                        : BackfillException.badInput(where + dateHeader + " is " + value.group(1)
                                + ", another day than the rest" + firstDay + "; a snapshot file holds one day.");
            }
        }
        return BackfillException.badInput(file.path() + ": column " + dateHeader
                + " holds more than one day; a snapshot file holds one day.");
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? "unknown error" : e.getMessage().strip().split("\n", 2)[0];
        return m.endsWith(".") ? m : m + ".";
    }

    /** Thrown inside a file's transaction when the load was cancelled, so the file rolls back. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
