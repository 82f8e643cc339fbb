package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a job's query reads of the workspace, from the same walk of DuckDB's syntax tree that lint
 * uses ({@link SqlTree}): each table of schema {@code main} with the columns it holds equal to the
 * day, and each table function with whether it is called for the day itself. Lineage and the
 * input-missing check are built on this, so they agree with lint on what "pinned to the day" means.
 */
public final class QueryReads {

    /**
     * A table of the workspace as the query reads it; {@code equalToDay} holds lower-case column names,
     * {@code windows} the days each column is held to, as offsets from the day ({@code [-6, 0]}).
     */
    public record Table(String name, Set<String> equalToDay, Set<String> comparedToDay, Map<String, Window> windows) {

        /** True when every place the query reads the table holds {@code column} equal to the day. */
        public boolean pinned(String column) {
            return equalToDay.contains(column.toLowerCase(Locale.ROOT));
        }

        /** The days every place the query reads the table holds {@code column} within, when the SQL says so. */
        public Optional<Window> window(String column) {
            return Optional.ofNullable(windows.get(column.toLowerCase(Locale.ROOT)));
        }
    }

    /** Days from {@code from} to {@code to} (inclusive) relative to the day being run: {@code [-6, 0]} is a week up to it. */
    public record Window(int from, int to) {

        /** The widest window lineage follows day by day; a wider one is treated as the whole table. */
        public static final int MAX_DAYS = 366;

        public int days() {
            return to - from + 1;
        }
    }

    /** A table function called in a FROM clause; {@code dayItself} when its one argument is the day. */
    public record Call(String name, boolean dayItself) {
    }

    private final Map<String, Table> tables;
    private final List<Call> calls;
    private final Set<String> workspaceTables;
    private final boolean outsideMain;

    private QueryReads(Map<String, Table> tables, List<Call> calls, Set<String> workspaceTables, boolean outsideMain) {
        this.tables = tables;
        this.calls = calls;
        this.workspaceTables = workspaceTables;
        this.outsideMain = outsideMain;
    }

    /** Reads a job's SQL template ({@code {DATE}} in it); a text that does not parse reads nothing. */
    public static QueryReads of(Db db, String sql) {
        ParsedQuery parsed = ParsedQuery.parse(db, SqlTemplate.toParameterised(sql));
        if (parsed.failed()) {
            return new QueryReads(Map.of(), List.of(), null, true);
        }
        Map<String, Set<String>> columns = columns(db);
        SqlTree tree = SqlTree.of(parsed.statements(), read -> Optional.ofNullable(columns.get(read.name)));
        // A table read at several places is pinned only where every place pins it.
        Map<String, List<SqlTree.TableRead>> byName = new LinkedHashMap<>();
        boolean outsideMain = false;
        for (SqlTree.TableRead read : tree.reads()) {
            if (inMain(read)) {
                byName.computeIfAbsent(read.name, k -> new ArrayList<>()).add(read);
            } else {
                outsideMain = true;
            }
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        byName.forEach((name, reads) -> {
            Set<String> equal = new HashSet<>(reads.get(0).equalToDay);
            Set<String> compared = new HashSet<>(reads.get(0).comparedToDay);
            for (SqlTree.TableRead r : reads) {
                equal.retainAll(r.equalToDay);
                compared.retainAll(r.comparedToDay);
            }
            tables.put(name, new Table(name, Set.copyOf(equal), Set.copyOf(compared), windows(reads)));
        });
        Map<String, Call> calls = new LinkedHashMap<>();
        for (SqlTree.TableFunctionCall call : tree.tableFunctions()) {
            calls.merge(call.name(), new Call(call.name(), call.dayItself()),
                    (a, b) -> new Call(a.name(), a.dayItself() && b.dayItself()));
        }
        return new QueryReads(tables, List.copyOf(calls.values()), Set.copyOf(columns.keySet()), outsideMain);
    }

    /** Per column, the union of the windows of every read; a column unbounded at any read has none. */
    private static Map<String, Window> windows(List<SqlTree.TableRead> reads) {
        Map<String, Window> out = new HashMap<>();
        for (String column : reads.get(0).dayWindow.keySet()) {
            int from = Integer.MAX_VALUE;
            int to = Integer.MIN_VALUE;
            boolean bounded = true;
            for (SqlTree.TableRead r : reads) {
                int[] w = r.dayWindow.get(column);
                if (w == null || w[0] == Integer.MIN_VALUE || w[1] == Integer.MAX_VALUE || w[0] > w[1]) {
                    bounded = false;
                    break;
                }
                from = Math.min(from, w[0]);
                to = Math.max(to, w[1]);
            }
            if (bounded && to - from + 1 <= Window.MAX_DAYS) {
                out.put(column, new Window(from, to));
            }
        }
        return Map.copyOf(out);
    }

    /** The workspace tables read, by lower-case name, in the order the query first names them. */
    public Map<String, Table> tables() {
        return tables;
    }

    /**
     * The lower-case names of every table of the workspace's main schema as the read found them (it reads
     * their columns), so a caller need not ask the catalog again; null when the text did not parse.
     */
    public Set<String> workspaceTables() {
        return workspaceTables;
    }

    /** The table functions called (table macros included), once each. */
    public List<Call> calls() {
        return calls;
    }

    /** Whether the query did not parse, or reads a table outside schema {@code main} (the app's books, a file, another database). */
    public boolean readsOutsideMain() {
        return outsideMain;
    }

    private static boolean inMain(SqlTree.TableRead read) {
        return (read.schema.isEmpty() || read.schema.equals("main")) && !read.name.matches(".*[./\\\\:].*");
    }

    private static Map<String, Set<String>> columns(Db db) {
        Map<String, Set<String>> out = new HashMap<>();
        try {
            for (String[] r : db.query("SELECT lower(table_name), lower(column_name) FROM duckdb_columns()"
                    + " WHERE database_name = current_database() AND schema_name = 'main'",
                    rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                out.computeIfAbsent(r[0], k -> new HashSet<>()).add(r[1]);
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the workspace's columns: " + QueryCheck.firstLine(e.getMessage()), e);
        }
        return out;
    }
}
