package dev.backfillstudio.support;

import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every table of a workspace, the user's and the app's own (bfs), as "schema.table=rows:sum(hash)"
 * lines, plus its views and macros by name: equal before and after means nothing was changed.
 */
public final class WorkspaceState {
    private WorkspaceState() {
    }

    public static String of(Db db) throws SQLException {
        List<String> tables = db.query("SELECT schema_name || '.' || table_name FROM duckdb_tables()"
                + " WHERE database_name = current_database() ORDER BY 1", rs -> rs.getString(1));
        StringBuilder out = new StringBuilder();
        for (String t : tables) {
            String[] parts = t.split("\\.", 2);
            String q = Db.ident(parts[0]) + "." + Db.ident(parts[1]);
            out.append(t).append('=').append(db.queryOne("SELECT count(*) || ':' || coalesce(sum(hash(t)), 0) FROM " + q + " t",
                    rs -> rs.getString(1)).orElseThrow()).append('\n');
        }
        out.append(db.query("SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal"
                + " AND database_name = current_database() ORDER BY 1", rs -> rs.getString(1)).stream()
                .collect(Collectors.joining(",", "views ", "\n")));
        out.append(db.query("SELECT DISTINCT schema_name || '.' || function_name FROM duckdb_functions() WHERE NOT internal"
                + " AND function_type = 'table_macro' ORDER BY 1", rs -> rs.getString(1)).stream()
                .collect(Collectors.joining(",", "macros ", "\n")));
        return out.toString();
    }

    /** Opens the workspace read-only (so even the interrupted-run bookkeeping cannot write) and reads its state. */
    public static String of(Path file) {
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.READ_ONLY)) {
            return of(ws.db());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
