package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableColumn;
import dev.backfillstudio.workspace.TableColumns;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** A registered snapshot table and the DATE column that says which day each row belongs to. */
public record SnapshotTable(String name, String dateColumn) {

    /** The snapshot table of that name, when it exists and is registered as one. */
    public static Optional<SnapshotTable> find(Db db, String name) throws SQLException {
        return db.queryOne("""
                SELECT m.name, m.date_column FROM bfs.tables m
                JOIN duckdb_tables() t ON t.table_name = m.name AND t.schema_name = 'main'
                     AND t.database_name = current_database()
                WHERE m.kind = 'SNAPSHOT' AND m.name = ?
                """, rs -> new SnapshotTable(rs.getString(1), rs.getString(2)), name);
    }

    /** The snapshot table registered under that name, whether or not the table still exists. */
    static Optional<SnapshotTable> registered(Db db, String name) throws SQLException {
        return db.queryOne("SELECT name, date_column FROM bfs.tables WHERE kind = 'SNAPSHOT' AND name = ?",
                rs -> new SnapshotTable(rs.getString(1), rs.getString(2)), name);
    }

    /** Every registered snapshot table that exists, by name. */
    public static List<SnapshotTable> list(Db db) throws SQLException {
        return db.query("""
                SELECT m.name, m.date_column FROM bfs.tables m
                JOIN duckdb_tables() t ON t.table_name = m.name AND t.schema_name = 'main'
                     AND t.database_name = current_database()
                WHERE m.kind = 'SNAPSHOT' ORDER BY m.name
                """, rs -> new SnapshotTable(rs.getString(1), rs.getString(2)));
    }

    /** The table's columns other than its date column, in table order: the choices for a history's key. */
    public List<String> keyCandidates(Db db) throws SQLException {
        return TableColumns.of(db, name).stream().map(TableColumn::name).filter(c -> !c.equalsIgnoreCase(dateColumn)).toList();
    }
}
