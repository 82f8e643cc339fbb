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
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Takes a day's snapshot from rows that are not a file: a table of the workspace, or rows streamed in
 * from another database. Like a file's day, it is one transaction on the workspace: the columns are
 * checked against the snapshot table, a day already there is refused unless replacing, and lineage
 * and the histories follow; on any failure nothing of the day is written.
 *
 * <p>Streamed rows go through DuckDB's appender into a temporary staging table inside the day's
 * transaction (a statement runs first, so the appended rows belong to it), and from there into the
 * snapshot table with one {@code INSERT ... SELECT}, which also casts them to the table's types.
 */
public final class SnapshotCapture {

    /** Rows streamed from elsewhere: their columns, and the loop that appends them. */
    public interface RowFeed {
        /** The columns in order, each with the DuckDB type the staging table gets. */
        List<RelationColumn> columns();

        /**
         * Appends every row (one appender row each, then {@code day} as its last value when not null) and
         * returns how many; a failure of the far side is thrown as a {@link BackfillException} that names
         * it. Stops early when {@code capture} is cancelled.
         */
        long appendTo(DuckDBAppender appender, SnapshotCapture capture, LocalDate day) throws SQLException;
    }

    /**
     * Rows streamed from elsewhere as a sequence of chunks that DuckDB reads itself (files in the
     * IoFolder), so that loading one chunk overlaps fetching the next.
     */
    public interface ChunkFeed {
        /** The columns in order, each with the DuckDB type its values are read as. */
        List<RelationColumn> columns();

        /**
         * The next chunk as a relation (SQL) whose columns are named as {@link #columns()}, or null once
         * every row is in; blocks until the chunk is complete. A failure of the far side is thrown as a
         * {@link BackfillException} that names it.
         */
        String next();

        /** The chunk last given is in the day's rows (or was refused): its file may go. */
        void done();
    }

    /**
     * Thrown when DuckDB cannot read a chunk of a {@link ChunkFeed} as the columns' types (a value in a
     * form it does not take): the day is rolled back, and the caller may take the rows another way.
     */
    public static final class ChunkRefused extends RuntimeException {
        ChunkRefused(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final String STAGING = "__bfs_capture";

    private final Workspace workspace;
    private volatile boolean cancelled;

    public SnapshotCapture(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Stops the capture and rolls its day back; safe from any thread. */
    public void cancel() {
        cancelled = true;
        workspace.db().cancel();
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Takes table {@code source} of the workspace, as it is now, as day {@code day} of snapshot table {@code table}. */
    public CaptureResult fromTable(String table, String source, LocalDate day, boolean replace) {
        TableCatalog.requireValidName(source);
        if (source.equalsIgnoreCase(table)) {
            throw BackfillException.badInput("Table " + table + " cannot take its own rows as a snapshot day; name another table.");
        }
        List<RelationColumn> columns;
        try {
            columns = TableColumns.of(workspace.db(), source).stream().map(c -> new RelationColumn(c.name(), c.type())).toList();
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the columns of " + source + ": " + firstLine(e), e);
        }
        if (columns.isEmpty()) {
            throw BackfillException.badInput("Table " + source + " does not exist in " + workspace.file().getFileName() + ".");
        }
        return write(table, "table " + source, columns, day, replace, InputDays.Origin.TABLE, List.of(),
                (d, dateColumn, insert) -> new Filled(Db.ident(source), 0));
    }

    /**
     * Takes the rows of {@code feed}, chunk by chunk, as day {@code day} of {@code table}: each chunk is
     * one {@code INSERT ... SELECT} inside the day's transaction, matching columns by name as the
     * staging path does. Otherwise as {@link #fromRows}; a chunk DuckDB cannot read throws
     * {@link ChunkRefused} after the day is rolled back.
     */
    public CaptureResult fromChunks(String table, String sourceLabel, ChunkFeed feed, LocalDate day, boolean replace,
            InputDays.Origin origin, List<String> historyKeys) {
        return write(table, sourceLabel, feed.columns(), day, replace, origin, historyKeys, (d, dateColumn, insert) -> {
            long rows = 0;
            String chunk;
            while ((chunk = feed.next()) != null) {
                if (cancelled) {
                    throw new Cancelled();
                }
                try {
                    rows += d.update(insert + chunk, day);
                } catch (SQLException e) {
                    if (cancelled) {
                        throw new Cancelled();
                    }
                    throw new ChunkRefused(e);
                } finally {
                    feed.done();
                }
            }
            if (cancelled) {
                throw new Cancelled();
            }
            return new Filled(null, rows);
        });
    }

    /**
     * Takes the rows of {@code feed}, named {@code sourceLabel} in every sentence, as day {@code day} of
     * {@code table}. With {@code historyKeys}, a table that has no history yet gets one built by those
     * keys in the same transaction (a history it has follows the day anyway).
     *
     * <p>When the snapshot table's columns are the feed's, in order and of the same types, followed by
     * its date column (always so for a table the captures created), the rows are appended straight
     * into it with the day as their last value; otherwise they go through a staging table and one
     * {@code INSERT ... SELECT} that matches columns by name and casts them.
     */
    public CaptureResult fromRows(String table, String sourceLabel, RowFeed feed, LocalDate day, boolean replace,
            InputDays.Origin origin, List<String> historyKeys) {
        return write(table, sourceLabel, feed.columns(), day, replace, origin, historyKeys, (d, dateColumn, insert) -> {
            DuckDBConnection conn = (DuckDBConnection) d.connection();
            long rows;
            String from;
            if (sameShape(d, table, feed.columns(), dateColumn)) {
                // the table was created or its day cleared in this transaction already, so the appended rows join it
                try (DuckDBAppender appender = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
                    rows = feed.appendTo(appender, this, day);
                    appender.flush();
                }
                from = null;
            } else {
                String cols = feed.columns().stream().map(c -> Db.ident(c.name()) + " " + c.type()).collect(Collectors.joining(", "));
                // this statement belongs to the day's transaction, so the appender's rows join it
                d.execute("CREATE OR REPLACE TEMP TABLE " + STAGING + " (" + cols + ")");
                try (DuckDBAppender appender = conn.createAppender("temp", "main", STAGING)) {
                    rows = feed.appendTo(appender, this, null);
                    appender.flush();
                }
                from = "temp.main." + STAGING;
            }
            if (cancelled) {
                throw new Cancelled();
            }
            return new Filled(from, rows);
        });
    }

    /** Whether the table's columns are exactly {@code columns} (names ignoring case, types, order) and then the date column. */
    private static boolean sameShape(Db d, String table, List<RelationColumn> columns, String dateColumn) throws SQLException {
        List<TableColumn> cols = TableColumns.of(d, table);
        if (cols.size() != columns.size() + 1) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!cols.get(i).name().equalsIgnoreCase(columns.get(i).name()) || !cols.get(i).type().equalsIgnoreCase(columns.get(i).type())) {
                return false;
            }
        }
        TableColumn last = cols.get(columns.size());
        return last.name().equalsIgnoreCase(dateColumn) && last.type().equalsIgnoreCase("DATE");
    }

    /**
     * The day's rows once they are in: either still in relation {@code from}, to be inserted into the
     * table, or (from null) already appended to it, {@code rows} of them.
     */
    private record Filled(String from, long rows) {
    }

    /**
     * Brings the day's rows in, inside the day's transaction, once the table exists and the day is clear;
     * {@code insert} is the statement that inserts the columns of a relation appended to it (by name),
     * with the day as its one parameter.
     */
    private interface Relation {
        Filled fill(Db d, String dateColumn, String insert) throws SQLException;
    }

    private CaptureResult write(String table, String label, List<RelationColumn> columns, LocalDate day, boolean replace,
            InputDays.Origin origin, List<String> historyKeys, Relation relation) {
        workspace.requireWritable();
        TableCatalog.requireValidName(table);
        Db db = workspace.db();
        try {
            Optional<TableKind> kind = TableCatalog.kindOf(db, table);
            if (kind.isPresent() && kind.get() != TableKind.SNAPSHOT) {
                throw BackfillException.badInput("Table " + table + " is a " + kind.get().label()
                        + " table, not a snapshot table; capture the snapshots into another table.");
            }
            CaptureResult result = db.inTransaction(d -> {
                Optional<SnapshotTable> existing = SnapshotTable.find(d, table);
                String dateColumn = existing.map(SnapshotTable::dateColumn).orElse(SnapshotLoader.DEFAULT_DATE_COLUMN);
                Map<String, String> targetNames = fit(d, table, existing.isPresent(), dateColumn, label, columns);
                Optional<ReplacedDay> replaced = existing.isPresent() && replace
                        ? ReplacedDay.of(d, table, List.of(), dateColumn, day, () -> null) : Optional.empty();
                boolean present = existing.isPresent() && SnapshotDay.clear(d, table, dateColumn, day, replace, label);
                if (existing.isEmpty()) {
                    Map<String, String> types = new LinkedHashMap<>();
                    columns.forEach(c -> types.put(c.name(), c.type()));
                    SnapshotDay.create(d, table, types, dateColumn, dateColumn);
                }
                String into = columns.stream().map(c -> Db.ident(targetNames.get(c.name()))).collect(Collectors.joining(", "));
                String select = columns.stream().map(c -> Db.ident(c.name())).collect(Collectors.joining(", "));
                String insert = "INSERT INTO " + Db.ident(table) + " (" + into + ", " + Db.ident(dateColumn) + ") SELECT "
                        + select + ", CAST(? AS DATE) FROM ";
                Filled filled = relation.fill(d, dateColumn, insert);
                long rows = filled.rows();
                if (filled.from() != null) {
                    rows = d.update(insert + filled.from(), day);
                    if (filled.from().startsWith("temp.")) {
                        d.execute("DROP TABLE " + filled.from());
                    }
                }
                boolean sameRows = SnapshotDay.seal(d, table, dateColumn, day, rows,
                        capitalised(label) + " has no rows: a snapshot day needs at least one row.", origin, replaced);
                if (!historyKeys.isEmpty() && d.queryLong("SELECT count(*) FROM bfs.tables WHERE kind = 'HISTORY'"
                        + " AND lower(source_table) = lower(?)", table) == 0) {
                    new HistoryBuilder(workspace).buildInWorkspace(table, historyKeys, null);
                }
                List<String> histories = d.query("SELECT name FROM bfs.tables WHERE kind = 'HISTORY' AND lower(source_table) = lower(?)"
                        + " ORDER BY name", rs -> rs.getString(1), table);
                if (cancelled) {
                    throw new Cancelled();
                }
                return new CaptureResult(table, day, present, rows, histories, present && sameRows);
            });
            EngineMirror.follow(workspace, table);
            return result;
        } catch (Cancelled c) {
            throw cancelledSentence(table, day, label);
        } catch (BackfillException e) {
            throw cancelled ? cancelledSentence(table, day, label) : e;
        } catch (SQLException e) {
            if (cancelled) {
                throw cancelledSentence(table, day, label);
            }
            throw BackfillException.failed("Cannot take the snapshot of " + day + " from " + label + " into " + table + ": "
                    + firstLine(e) + " Nothing was written.", e);
        }
    }

    /**
     * Checks the incoming columns against the snapshot table, as a file's header is checked: the same
     * names (ignoring case, the date column aside) and types the table's can take without loss
     * (DuckDB's implicit casts: INTEGER into BIGINT, DECIMAL into DOUBLE, but not text into a number).
     *
     * @return for each incoming column, the table column it goes to
     */
    private static Map<String, String> fit(Db d, String table, boolean exists, String dateColumn, String label,
            List<RelationColumn> columns) throws SQLException {
        Map<String, String> into = new LinkedHashMap<>();
        for (RelationColumn c : columns) {
            if (c.name().equalsIgnoreCase(dateColumn)) {
                throw BackfillException.badInput(capitalised(label) + " has its own " + c.name() + " column; " + table
                        + " is dated by " + dateColumn + ", which the capture fills with the day. Leave that column out of it.");
            }
            into.put(c.name(), c.name());
        }
        if (!exists) {
            return into;
        }
        Map<String, TableColumn> tableCols = new LinkedHashMap<>();
        for (TableColumn c : TableColumns.of(d, table)) {
            if (!c.name().equalsIgnoreCase(dateColumn)) {
                tableCols.put(c.name().toLowerCase(Locale.ROOT), c);
            }
        }
        List<String> unexpected = new ArrayList<>();
        List<String> misfits = new ArrayList<>();
        for (RelationColumn c : columns) {
            TableColumn target = tableCols.get(c.name().toLowerCase(Locale.ROOT));
            if (target == null) {
                unexpected.add(c.name());
                continue;
            }
            into.put(c.name(), target.name());
            if (!c.type().equalsIgnoreCase(target.type()) && !d.queryOne("SELECT can_cast_implicitly(NULL::" + c.type() + ", NULL::"
                    + target.type() + ")", rs -> rs.getBoolean(1)).orElse(false)) {
                misfits.add(c.name() + " is " + c.type() + " in " + label + " but " + target.type() + " in " + table);
            }
        }
        List<String> incoming = columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = tableCols.values().stream().map(TableColumn::name)
                .filter(c -> !incoming.contains(c.toLowerCase(Locale.ROOT))).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("missing " + String.join(", ", missing));
            }
            if (!unexpected.isEmpty()) {
                parts.add("not in the table " + String.join(", ", unexpected));
            }
            throw BackfillException.badInput("The columns of " + label + " do not match " + table + " ("
                    + String.join("; ", parts) + "); nothing was written.");
        }
        if (!misfits.isEmpty()) {
            throw BackfillException.badInput("The columns of " + label + " do not fit " + table + ": "
                    + String.join("; ", misfits) + "; nothing was written.");
        }
        return into;
    }

    private static BackfillException cancelledSentence(String table, LocalDate day, String label) {
        return BackfillException.failed("Taking the snapshot of " + day + " from " + label + " into " + table
                + " was cancelled; nothing of it was written.", null);
    }

    static String capitalised(String label) {
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? "unknown error" : e.getMessage().strip().split("\n", 2)[0];
        return m.endsWith(".") ? m : m + ".";
    }

    /** Thrown inside the day's transaction when the capture was cancelled, so the day rolls back. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
