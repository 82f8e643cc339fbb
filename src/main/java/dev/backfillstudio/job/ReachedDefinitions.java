package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace's own views and macros, and what a query reaches through them. A job that reads
 * view {@code v} runs {@code v}'s query; a job that calls {@code upper(x)} runs the workspace's macro
 * {@code upper} if the file defines one (a macro in the database shadows DuckDB's built-in function
 * of that name, checked on 2.0.0.1). So the definitions a query reaches, and those they reach in
 * turn, are judged by the same rules as the query, on DuckDB's own parse of their text.
 *
 * <p>Definitions come from {@code duckdb_views()} and {@code duckdb_functions()}: a view's
 * {@code CREATE VIEW ... AS} text, a table macro's query, a scalar macro's expression (read as
 * {@code SELECT expression}). Nothing of them runs.
 */
final class ReachedDefinitions {

    /** What a definition is, as a sentence names it. */
    enum Kind {
        VIEW("view"), TABLE_MACRO("table macro"), MACRO("macro");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** One definition: its kind, name and the query texts it runs (a macro may have several overloads). */
    record Definition(Kind kind, String name, List<String> queries) {
        String named() {
            return kind.word + " `" + name + "`";
        }
    }

    /** Called with the chain of definitions that led here ("view `a`, then macro `b`") and the tree of the last one (null: unreadable). */
    interface Visitor {
        void visit(String path, SqlTree definition);
    }

    private final Map<String, Definition> views = new HashMap<>();
    private final Map<String, Definition> tableMacros = new HashMap<>();
    private final Map<String, Definition> macros = new HashMap<>();
    private final Map<Definition, Optional<SqlTree>> parsed = new HashMap<>();

    private ReachedDefinitions() {
    }

    /** Reads the workspace's views (of schema main) and its macros (every schema but the app's own). */
    static ReachedDefinitions load(Db db) {
        ReachedDefinitions r = new ReachedDefinitions();
        try {
            for (String[] v : db.query("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND NOT temporary"
                    + " AND database_name = current_database() AND schema_name = 'main'",
                    rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                String name = lower(v[0]);
                r.views.put(name, new Definition(Kind.VIEW, v[0], List.of(v[1] == null ? "" : v[1])));
            }
            for (String[] f : db.query("SELECT function_name, function_type, macro_definition FROM duckdb_functions()"
                    + " WHERE NOT internal AND database_name = current_database() AND function_type IN ('macro', 'table_macro')"
                    + " ORDER BY function_name, function_oid",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
                boolean table = f[1].equals("table_macro");
                Map<String, Definition> into = table ? r.tableMacros : r.macros;
                String text = f[2] == null ? "" : table ? f[2] : "SELECT " + f[2];
                Definition old = into.get(lower(f[0]));
                List<String> texts = new ArrayList<>(old == null ? List.of() : old.queries());
                texts.add(text);
                into.put(lower(f[0]), new Definition(table ? Kind.TABLE_MACRO : Kind.MACRO, f[0], List.copyOf(texts)));
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the workspace's views and macros: " + e.getMessage().split("\n", 2)[0], e);
        }
        return r;
    }

    /** The names of the workspace's table macros, in lower case. */
    Set<String> tableMacroNames() {
        return tableMacros.keySet();
    }

    /**
     * Visits every definition {@code tree} reaches, depth first, each once. A definition whose text
     * DuckDB's parser cannot read back is visited with a null tree, so the caller can refuse it.
     */
    void walk(Db db, SqlTree tree, SqlTree.ColumnLookup columns, Visitor visitor) {
        walk(db, tree, columns, visitor, "", new HashSet<>());
    }

    private void walk(Db db, SqlTree tree, SqlTree.ColumnLookup columns, Visitor visitor, String path, Set<Definition> seen) {
        for (Definition d : reachedBy(tree)) {
            if (!seen.add(d)) {
                continue;
            }
            String here = path.isEmpty() ? d.named() : path + ", then " + d.named();
            Optional<SqlTree> body = parsed.computeIfAbsent(d, x -> parse(db, x, columns));
            if (body.isEmpty()) {
                visitor.visit(here, null);
                continue;
            }
            visitor.visit(here, body.get());
            walk(db, body.get(), columns, visitor, here, seen);
        }
    }

    private List<Definition> reachedBy(SqlTree tree) {
        List<Definition> out = new ArrayList<>();
        for (SqlTree.TableRead read : tree.reads()) {
            boolean own = read.catalog.isEmpty() && (read.schema.isEmpty() || read.schema.equals("main"));
            Definition v = own ? views.get(read.name) : null;
            if (v != null) {
                out.add(v);
            }
        }
        for (SqlTree.TableFunctionCall call : tree.tableFunctions()) {
            Definition m = tableMacros.get(call.name());
            if (m != null) {
                out.add(m);
            }
        }
        for (String f : tree.scalarFunctions()) {
            Definition m = macros.get(f);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** The definition's queries as one tree, or empty when DuckDB's parser cannot read them back. */
    private static Optional<SqlTree> parse(Db db, Definition d, SqlTree.ColumnLookup columns) {
        List<com.fasterxml.jackson.databind.JsonNode> statements = new ArrayList<>();
        for (String text : d.queries()) {
            Optional<ParsedQuery> q = d.kind() == Kind.VIEW ? viewQuery(db, text) : selectOnly(ParsedQuery.parse(db, text));
            if (q.isEmpty()) {
                return Optional.empty();
            }
            statements.addAll(q.get().statements());
        }
        return Optional.of(SqlTree.of(statements, columns));
    }

    /**
     * The query of a {@code CREATE VIEW name [(columns)] AS query;} text: the text after the first
     * {@code " AS "} whose rest DuckDB parses as one SELECT (a quoted column name may hold " AS ").
     */
    private static Optional<ParsedQuery> viewQuery(Db db, String createView) {
        String upper = createView.toUpperCase(Locale.ROOT);
        for (int at = upper.indexOf(" AS "); at >= 0; at = upper.indexOf(" AS ", at + 1)) {
            Optional<ParsedQuery> q = selectOnly(ParsedQuery.parse(db, createView.substring(at + 4)));
            if (q.isPresent()) {
                return q;
            }
        }
        return Optional.empty();
    }

    private static Optional<ParsedQuery> selectOnly(ParsedQuery q) {
        return q.failed() || q.statements().size() != 1 ? Optional.empty() : Optional.of(q);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
