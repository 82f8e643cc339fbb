package dev.backfillstudio.workspace;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The order-independent hash of a relation's rows, as SQL: the sum of a hash of every column of every
 * row. The expression names each column of the table it is built for, quoted, so it covers the whole
 * row whatever the columns are called; a hash of a table alias ({@code hash(t)}) binds to a column named
 * {@code t} when there is one and then covers only that column.
 *
 * <p>DuckDB hashes an empty list, an empty map and a NULL alike (also inside structs), so nested columns
 * are hashed in their text form, which tells them apart at any depth. Two hashes compare only over
 * relations with the same columns in the same order.
 */
public final class RowHash {

    private RowHash() {
    }

    /** The aggregate over the rows of {@code table} (schema main, or a temp table), as hexadecimal text; {@code 0} for no rows. */
    public static String sql(Db db, String table) throws SQLException {
        return sql(columns(db, table));
    }

    /** The columns of the workspace's table {@code table}, or else of the temporary table of that name. */
    private static List<TableColumn> columns(Db db, String table) throws SQLException {
        List<TableColumn> columns = TableColumns.of(db, table);
        if (columns.isEmpty()) {
            columns = TableColumns.ofTemporary(db, table);
        }
        if (columns.isEmpty()) {
            throw new SQLException("Table " + table + " does not exist.");
        }
        return columns;
    }

    /** The aggregate over rows with these columns, in this order. */
    public static String sql(List<TableColumn> columns) {
        return sumOf(rowSql(columns));
    }

    /** The aggregate over row hashes computed already ({@code rowHash}, as {@link #rowSql} gives them, or a column of them). */
    public static String sumOf(String rowHash) {
        // sum(h) exactly, as 2^32 times the sum of the high halves plus the sum of the low ones: DuckDB adds 32-bit
        // values in a 64-bit accumulator but 64-bit ones in a 128-bit one, a sixth of the pass over a day's rows
        // (a row hash written twice here is computed once: DuckDB shares the common expression)
        return "printf('%x', coalesce((sum((" + rowHash + " >> 32)::UINTEGER)::HUGEINT << 32) + sum((" + rowHash
                + " & 4294967295)::UINTEGER), 0))";
    }

    /** The hash of one row of {@code table}, whose sum over rows is the aggregate of {@link #sql(Db, String)}. */
    public static String rowSql(Db db, String table) throws SQLException {
        return rowSql(columns(db, table));
    }

    /** The hash of one row with these columns, in this order. */
    public static String rowSql(List<TableColumn> columns) {
        String values = columns.stream().map(c -> nested(c.type()) ? "CAST(" + Db.ident(c.name()) + " AS VARCHAR)" : Db.ident(c.name()))
                .collect(Collectors.joining(", "));
        return "hash(" + values + ")";
    }

    /** The identity text of a row count and hash, as lineage records it. */
    public static String identity(long rows, String hash) {
        return rows + ":" + hash;
    }

    private static boolean nested(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return t.endsWith("]") || t.startsWith("STRUCT") || t.startsWith("MAP") || t.startsWith("UNION");
    }
}
