package dev.backfillstudio.source;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The saved sources of a workspace ({@code bfs.sources}). */
public final class SourceStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");

    private final Workspace workspace;

    public SourceStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Saves a new source; refuses a bad name, a taken name, a URL with a password or a bad table name. */
    public Source add(Source source) {
        workspace.requireWritable();
        if (source.name() == null || !NAME.matcher(source.name()).matches()) {
            throw BackfillException.badInput("\"" + source.name() + "\" is not a valid source name: use letters, digits, '_', '.'"
                    + " and '-', starting with a letter or underscore.");
        }
        JdbcUrl.requireSafe(source.jdbcUrl());
        TableCatalog.requireValidName(source.table());
        if (source.query() == null || source.query().isBlank()) {
            throw BackfillException.badInput("Source " + source.name() + " needs a query (--query).");
        }
        for (String key : source.keyColumns()) {
            if (key.isBlank()) {
                throw BackfillException.badInput("Source " + source.name() + ": --key names an empty column.");
            }
        }
        try {
            return workspace.db().inTransaction(d -> {
                if (find(d, source.name()).isPresent()) {
                    throw BackfillException.badInput("Source " + source.name() + " already exists; remove it first to change it.");
                }
                d.update("INSERT INTO bfs.sources (name, jdbc_url, query, target_table, key_columns) VALUES (?, ?, ?, ?, ?)",
                        source.name(), source.jdbcUrl(), source.query(), source.table(),
                        source.keyColumns().isEmpty() ? null : String.join(",", source.keyColumns()));
                return source;
            });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot save source " + source.name() + ": " + firstLine(e), e);
        }
    }

    /** The saved sources by name; none in a read-only workspace whose metadata predates them. */
    public List<Source> list() {
        try {
            if (workspace.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                    + " AND schema_name = 'bfs' AND table_name = 'sources'") == 0) {
                return List.of();
            }
            return workspace.db().query("SELECT name, jdbc_url, query, target_table, key_columns FROM bfs.sources ORDER BY name",
                    SourceStore::map);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot list the sources: " + firstLine(e), e);
        }
    }

    /** The source of that name, or a refusal naming it. */
    public Source get(String name) {
        try {
            return find(workspace.db(), name).orElseThrow(() -> BackfillException.badInput("There is no source " + name
                    + " in " + workspace.file().getFileName() + "; `source list` shows the saved ones."));
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read source " + name + ": " + firstLine(e), e);
        }
    }

    /** Removes a source; its snapshot table and the days captured stay. */
    public void remove(String name) {
        workspace.requireWritable();
        get(name);
        try {
            workspace.db().update("DELETE FROM bfs.sources WHERE name = ?", name);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot remove source " + name + ": " + firstLine(e), e);
        }
    }

    private static Optional<Source> find(Db d, String name) throws SQLException {
        return d.queryOne("SELECT name, jdbc_url, query, target_table, key_columns FROM bfs.sources WHERE name = ?",
                SourceStore::map, name);
    }

    private static Source map(java.sql.ResultSet rs) throws SQLException {
        String keys = rs.getString(5);
        return new Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                keys == null ? List.of() : Arrays.stream(keys.split(",")).map(String::strip).toList());
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? "unknown error" : e.getMessage().strip().split("\n", 2)[0];
        return m.endsWith(".") ? m : m + ".";
    }
}
