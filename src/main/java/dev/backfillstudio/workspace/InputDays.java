package dev.backfillstudio.workspace;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The ledger of dated input tables ({@code bfs.input_days}): for each snapshot day and each day of an
 * event table, its row count and fingerprint, the hash of its rows (or, for a snapshot day loaded from
 * a file, the hash of the file, {@code ingest.FileFingerprint}). Written in the same transaction as the
 * rows it describes, so lineage can tell, without reading the table again, whether a day a job read is
 * still the same.
 */
public final class InputDays {

    /** How a day's rows arrived. */
    public enum Origin {
        FILE, IMPORT, APPEND, TABLE, JDBC, MIGRATION;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private InputDays() {
    }

    /**
     * Records the identity of one day of {@code table} as it holds now; a day without rows is forgotten.
     * Returns the day's rows as counted for the record (a loader checks its insert against them instead of
     * counting again), or empty when the benchmark switched the ledger off ({@link Bookkeeping}).
     */
    public static OptionalLong record(Db d, String table, String dateColumn, LocalDate day, Origin origin) throws SQLException {
        return record(d, table, List.of(), dateColumn, day, origin);
    }

    /**
     * As {@link #record(Db, String, String, LocalDate, Origin)}, for a caller that has read the table's columns
     * ({@code columns}, in table order) already; an empty list reads them here.
     */
    public static OptionalLong record(Db d, String table, List<TableColumn> columns, String dateColumn, LocalDate day, Origin origin)
            throws SQLException {
        if (!Bookkeeping.inputDays()) {
            return OptionalLong.empty();
        }
        d.update("DELETE FROM bfs.input_days WHERE lower(table_name) = lower(?) AND day = ?", table, day);
        List<Long> rows = d.query("INSERT INTO bfs.input_days (table_name, day, rows, fingerprint, origin)"
                + " SELECT ?, ?, count(*), " + (columns.isEmpty() ? RowHash.sql(d, table) : RowHash.sql(columns)) + ", ? FROM "
                + Db.ident(table) + " WHERE " + Db.ident(dateColumn) + " = ? HAVING count(*) > 0 RETURNING rows", rs -> rs.getLong(1),
                table, day, origin.label(), day);
        return OptionalLong.of(rows.isEmpty() ? 0 : rows.get(0));
    }

    /** What the ledger holds of one day: its row count and fingerprint. */
    public record Entry(long rows, String fingerprint) {
    }

    /** What the ledger holds of {@code table}'s {@code day}, if it lists the day. */
    public static Optional<Entry> entry(Db d, String table, LocalDate day) throws SQLException {
        return d.queryOne("SELECT rows, fingerprint FROM bfs.input_days WHERE lower(table_name) = lower(?) AND day = ?",
                rs -> new Entry(rs.getLong(1), rs.getString(2)), table, day);
    }

    /**
     * Records a day whose count and fingerprint the caller knows (a snapshot file's day, known by the hash of the
     * file), in place of what the ledger held of it. Does nothing when the benchmark switched the ledger off.
     */
    public static void put(Db d, String table, LocalDate day, Entry entry, Origin origin) throws SQLException {
        if (!Bookkeeping.inputDays()) {
            return;
        }
        d.update("DELETE FROM bfs.input_days WHERE lower(table_name) = lower(?) AND day = ?", table, day);
        d.update("INSERT INTO bfs.input_days (table_name, day, rows, fingerprint, origin) VALUES (?, ?, ?, ?, ?)",
                table, day, entry.rows(), entry.fingerprint(), origin.label());
    }

    /**
     * The hash of the rows {@code table} holds on {@code day}, as {@link #record} takes it ({@code columns} in table
     * order, or empty to read them here).
     */
    public static String rowHash(Db d, String table, List<TableColumn> columns, String dateColumn, LocalDate day)
            throws SQLException {
        return d.queryOne("SELECT " + (columns.isEmpty() ? RowHash.sql(d, table) : RowHash.sql(columns)) + " FROM "
                + Db.ident(table) + " WHERE " + Db.ident(dateColumn) + " = ?", rs -> rs.getString(1), day).orElseThrow();
    }

    /** Records the given days of {@code table} in one pass over their rows. */
    public static void recordDays(Db d, String table, String dateColumn, Collection<LocalDate> days, Origin origin)
            throws SQLException {
        if (days.isEmpty() || !Bookkeeping.inputDays()) {
            return;
        }
        String list = days.stream().map(day -> "DATE '" + day + "'").distinct().collect(java.util.stream.Collectors.joining(", "));
        d.update("DELETE FROM bfs.input_days WHERE lower(table_name) = lower(?) AND day IN (" + list + ")", table);
        insertGrouped(d, table, dateColumn, origin, " WHERE " + Db.ident(dateColumn) + " IN (" + list + ")");
    }

    /**
     * Records every day of {@code table} afresh (after the whole table was loaded or replaced). Returns the
     * days recorded, in order (the pass that fingerprints them also finds them), or empty when the benchmark
     * switched the ledger off ({@link Bookkeeping}).
     */
    public static Optional<List<LocalDate>> recordAll(Db d, String table, String dateColumn, Origin origin) throws SQLException {
        forget(d, table);
        if (!Bookkeeping.inputDays()) {
            return Optional.empty();
        }
        List<LocalDate> days = new ArrayList<>(insertGrouped(d, table, dateColumn, origin, ""));
        Collections.sort(days);
        return Optional.of(days);
    }

    /** Drops what the ledger knows of {@code table} (it was dropped, or is no longer dated). */
    public static void forget(Db d, String table) throws SQLException {
        d.update("DELETE FROM bfs.input_days WHERE lower(table_name) = lower(?)", table);
    }

    // COLUMNS(*) inside the aggregate spreads every column, the grouping one included, so a day's hash here
    // equals the one record() takes of the same rows.
    private static List<LocalDate> insertGrouped(Db d, String table, String dateColumn, Origin origin, String where)
            throws SQLException {
        String date = Db.ident(dateColumn);
        return d.query("INSERT INTO bfs.input_days (table_name, day, rows, fingerprint, origin)"
                + " SELECT ?, " + date + "::DATE, count(*), " + RowHash.sql(d, table) + ", ?"
                + " FROM " + Db.ident(table) + where + " GROUP BY " + date + " HAVING " + date + " IS NOT NULL RETURNING day",
                rs -> rs.getObject(1, LocalDate.class), table, origin.label());
    }
}
