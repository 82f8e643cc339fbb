package dev.backfillstudio.workspace;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The user's tables (schema {@code main}) joined with what the metadata says of them. */
public final class TableCatalog {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private static final String LIST = """
            SELECT t.table_name,
                   coalesce(m.kind, CASE WHEN j.name IS NOT NULL THEN 'JOB_OUTPUT' END, 'OTHER') AS kind,
                   m.date_column
            FROM duckdb_tables() t
            LEFT JOIN bfs.tables m ON m.name = t.table_name
            LEFT JOIN (SELECT DISTINCT target AS name FROM bfs.jobs) j ON j.name = t.table_name
            WHERE t.schema_name = 'main' AND t.database_name = current_database() AND NOT t.temporary
            ORDER BY t.table_name
            """;

    private TableCatalog() {
    }

    /** Every user table with its kind and exact row count. */
    public static List<TableInfo> list(Db db) throws SQLException {
        List<String[]> rows = db.query(LIST, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        List<TableInfo> out = new ArrayList<>();
        for (String[] r : rows) {
            long count = db.queryLong("SELECT count(*) FROM " + Db.ident(r[0]));
            out.add(new TableInfo(r[0], TableKind.valueOf(r[1]), count, Optional.ofNullable(r[2])));
        }
        return out;
    }

    /** The kind of a table, or empty when there is no such user table. */
    public static Optional<TableKind> kindOf(Db db, String table) throws SQLException {
        return db.queryOne("""
                SELECT coalesce(m.kind, CASE WHEN EXISTS (SELECT 1 FROM bfs.jobs WHERE target = t.table_name)
                                             THEN 'JOB_OUTPUT' END, 'OTHER')
                FROM duckdb_tables() t LEFT JOIN bfs.tables m ON m.name = t.table_name
                WHERE t.schema_name = 'main' AND t.database_name = current_database() AND t.table_name = ?
                """, rs -> TableKind.valueOf(rs.getString(1)), table);
    }

    public static boolean exists(Db db, String table) throws SQLException {
        return kindOf(db, table).isPresent();
    }

    /** Refuses a table name that is not a plain identifier, so names can be quoted safely everywhere. */
    public static void requireValidName(String table) {
        if (table == null || !NAME.matcher(table).matches()) {
            throw BackfillException.badInput("\"" + table + "\" is not a valid table name: use letters, digits and"
                    + " underscores, starting with a letter or underscore.");
        }
    }
}
