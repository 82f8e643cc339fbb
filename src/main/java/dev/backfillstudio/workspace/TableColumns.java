package dev.backfillstudio.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The columns of one table, in order. {@code duckdb_columns()} lists every column of every table and
 * view before any filter applies (two milliseconds in a small workspace, more as it grows, on every
 * load, capture and export); this finds the one table in {@code duckdb_tables()} and asks DuckDB for its
 * columns alone. Names match as DuckDB's identifiers do, ignoring case.
 */
public final class TableColumns {

    private TableColumns() {
    }

    /** The columns of table {@code table} of the workspace (schema main); empty when there is no such table. */
    public static List<TableColumn> of(Db db, String table) throws SQLException {
        return of(db, "main", table);
    }

    /** The columns of table {@code table} in schema {@code schema} of the workspace; empty when there is none. */
    public static List<TableColumn> of(Db db, String schema, String table) throws SQLException {
        return read(db, db.queryOne("SELECT database_name, schema_name, table_name FROM duckdb_tables()"
                + " WHERE database_name = current_database() AND schema_name = ? AND lower(table_name) = lower(?)",
                TableColumns::qualified, schema, table));
    }

    /**
     * The columns of a table the app registered and created itself (a snapshot table, say), asked of DuckDB
     * directly: finding the table in {@code duckdb_tables()} first cost a small load more than its checks. Empty
     * when the table is gone. Inside a transaction, where the error a missing table raises would end it, the
     * table is looked up first, as {@link #of(Db, String)} does.
     */
    public static List<TableColumn> ofRegistered(Db db, String table) throws SQLException {
        if (!db.connection().getAutoCommit()) {
            return of(db, table);
        }
        try {
            return db.query("SELECT name, type FROM pragma_table_info(?)", rs -> new TableColumn(rs.getString(1), rs.getString(2)),
                    Db.ident("main") + "." + Db.ident(table));
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).startsWith("Catalog Error") && e.getMessage().contains("does not exist")) {
                return List.of();
            }
            throw e;
        }
    }

    /** The columns of the temporary table {@code table} of this connection; empty when there is none. */
    public static List<TableColumn> ofTemporary(Db db, String table) throws SQLException {
        return read(db, db.queryOne("SELECT database_name, schema_name, table_name FROM duckdb_tables()"
                + " WHERE database_name = 'temp' AND lower(table_name) = lower(?)", TableColumns::qualified, table));
    }

    private static String qualified(ResultSet rs) throws SQLException {
        return Db.ident(rs.getString(1)) + "." + Db.ident(rs.getString(2)) + "." + Db.ident(rs.getString(3));
    }

    // looked up first: pragma_table_info of a missing table is an error, and an error ends the caller's transaction
    private static List<TableColumn> read(Db db, Optional<String> qualified) throws SQLException {
        if (qualified.isEmpty()) {
            return List.of();
        }
        return db.query("SELECT name, type FROM pragma_table_info(?)", rs -> new TableColumn(rs.getString(1), rs.getString(2)),
                qualified.get());
    }
}
