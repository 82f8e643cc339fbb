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
 * Static checks of a job's SQL before it is saved or run, on DuckDB's own parse of the text
 * ({@link ParsedQuery}) and what the workspace's metadata says of the tables it reads. Nothing
 * of the text is ever executed.
 *
 * <p>Errors: not exactly one read-only query, a parse error, no {@code {DATE}}, and sources
 * outside the workspace (files, the network, other databases, SQL built from text). Warnings:
 * tables read as they are today instead of as they were on the day, snapshot and history tables
 * not tied to the day, and answers that depend on the clock, chance or row order.
 */
public final class Lint {

    static final String DAY = "{DATE}";
    static final String VALID_FROM = "valid_from";
    static final String VALID_TO = "valid_to";

    /** Table functions a job may call besides the workspace's own table macros. */
    private static final Set<String> SAFE_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest", "json_each",
            "json_tree");
    private static final Set<String> DYNAMIC_SQL_FUNCTIONS = Set.of("query", "query_table");
    private static final Set<String> SYSTEM_SCALAR_FUNCTIONS = Set.of("getenv");
    private static final Set<String> SEQUENCE_FUNCTIONS = Set.of("nextval", "currval");
    private static final Set<String> SHOW_KINDS = Set.of("summary", "describe", "show_special", "show");

    private final Db db;
    private final String sql;
    private final List<LintFinding> findings = new ArrayList<>();
    private Facts facts;
    private ReachedDefinitions reach;

    private Lint(Db db, String sql) {
        this.db = db;
        this.sql = sql;
    }

    /** Every finding for a job's SQL template (with {@code {DATE}}), errors first in the order found. */
    public static List<LintFinding> check(Db db, String sql) {
        return new Lint(db, sql).run(false);
    }

    /**
     * Only the checks that keep a query from doing more than read the workspace: one read-only
     * query, parsable, reading no files, network, other databases or dynamic SQL.
     */
    static List<LintFinding> safetyErrors(Db db, String sql) {
        return new Lint(db, sql).run(true);
    }

    /** True when any finding is an error. */
    public static boolean hasErrors(List<LintFinding> findings) {
        return findings.stream().anyMatch(LintFinding::isError);
    }

    // The {DATE} template is replaced by a parameter, which the tree shows as PARAMETER wherever the day is used.
    private static String parameterised(String sql) {
        return sql.replace(DAY, "?");
    }

    private List<LintFinding> run(boolean safetyOnly) {
        if (sql == null || sql.isBlank()) {
            findings.add(LintFinding.of(LintRule.NOT_A_QUERY, "The query is empty; a job is one SELECT that uses " + DAY + "."));
            return findings;
        }
        String text = parameterised(sql);
        ParsedQuery parsed = ParsedQuery.parse(db, text);
        if (parsed.hasNonSelectStatement()) {
            refuseStatements(StatementText.kinds(sql), true);
            return findings;
        }
        if (parsed.failed()) {
            String message = parsed.errorMessage().orElse("");
            String where = parsed.errorPosition().isPresent()
                    ? "Line " + QueryCheck.lineOf(text, parsed.errorPosition().getAsInt()) + ": " : "";
            findings.add(LintFinding.of(LintRule.PARSE_ERROR, where + capitalise(message) + (message.endsWith(".") ? "" : ".")));
            return findings;
        }
        if (parsed.statements().isEmpty()) {
            findings.add(LintFinding.of(LintRule.NOT_A_QUERY, "The query is empty (only comments); a job is one SELECT that uses " + DAY + "."));
            return findings;
        }
        if (parsed.statements().size() > 1) {
            refuseStatements(StatementText.kinds(sql), false);
            return findings;
        }
        reach = ReachedDefinitions.load(db);
        facts = Facts.load(db, reach.tableMacroNames());
        SqlTree tree = SqlTree.of(parsed.statements(), facts::columnsOf);
        checkSources(tree);
        if (safetyOnly) {
            return findings;
        }
        if (tree.parameters() == 0) {
            findings.add(sql.contains(DAY)
                    ? LintFinding.of(LintRule.NO_DATE, DAY + " appears only inside a string or a comment, so every day would get"
                            + " the same rows; write it bare, as in date = " + DAY + ".", "date = " + DAY)
                    : LintFinding.of(LintRule.NO_DATE, "The query never uses " + DAY + ", so every day would get the same rows;"
                            + " tie it to the day, as in date = " + DAY + ".", "date = " + DAY));
        }
        checkReads(tree);
        checkDeterminism(tree);
        return findings;
    }

    private void refuseStatements(List<String> kinds, boolean nonSelect) {
        if (kinds.size() > 1) {
            findings.add(LintFinding.of(LintRule.STACKED_STATEMENTS, "The text holds " + kinds.size() + " statements ("
                    + String.join(", ", kinds) + "); a job is exactly one read-only query, without semicolons between statements."));
        } else if (nonSelect) {
            String kind = kinds.isEmpty() ? "" : kinds.get(0);
            String what = kind.isEmpty() || kind.equals("SELECT") || kind.equals("WITH")
                    ? "This is not a read-only query" : "This is " + article(kind) + " " + kind + " statement, not a read-only query";
            findings.add(LintFinding.of(LintRule.NOT_A_QUERY, what + "; a job is one SELECT (or WITH ... SELECT) that uses "
                    + DAY + ", and may only read."));
        } else {
            findings.add(LintFinding.of(LintRule.STACKED_STATEMENTS,
                    "The text holds more than one statement; a job is exactly one read-only query."));
        }
    }

    // ---- ERROR: sources outside the workspace

    private void checkSources(SqlTree tree) {
        for (String sentence : sourceProblems(tree)) {
            findings.add(LintFinding.of(LintRule.FORBIDDEN_SOURCE, sentence));
        }
        if (findings.isEmpty()) {
            // what the query reaches through the workspace's own views and macros, which may read what the query may not
            reach.walk(db, tree, facts::columnsOf, (path, defined) -> {
                String last = path.substring(path.lastIndexOf(", then ") < 0 ? 0 : path.lastIndexOf(", then ") + 7);
                if (defined == null) {
                    findings.add(LintFinding.of(LintRule.FORBIDDEN_SOURCE, "Through " + path + ": DuckDB cannot read back the"
                            + " definition of " + last + ", so what it reads cannot be checked; redefine it, or read the"
                            + " tables it reads directly."));
                    return;
                }
                for (String sentence : sourceProblems(defined)) {
                    findings.add(LintFinding.of(LintRule.FORBIDDEN_SOURCE, "Through " + path + ": " + sentence
                            + " Drop or redefine " + last + ", or read the tables it reads directly."));
                }
            });
        }
    }

    /** Why the sources of a query (a job's, or a view's or macro's it reaches) are not the workspace's tables. */
    private List<String> sourceProblems(SqlTree tree) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SqlTree.TableFunctionCall call : tree.tableFunctions()) {
            String name = call.name();
            if (SAFE_TABLE_FUNCTIONS.contains(name) || name.startsWith("duckdb_") || facts.tableMacros.contains(name)
                    || !seen.add(name)) {
                continue;
            }
            if (DYNAMIC_SQL_FUNCTIONS.contains(name)) {
                out.add("`" + name + "(...)` runs SQL built from text, which cannot be checked before it runs; write the query itself.");
            } else if (SHOW_KINDS.contains(name)) {
                out.add("DESCRIBE, SUMMARIZE and SHOW describe tables; a job is a SELECT that reads rows.");
            } else if (readsFiles(name)) {
                out.add("`" + name + "(...)` reads files or the network; a job may read only the workspace's tables"
                        + " (import the file first, with `import` or `snapshot`).");
            } else {
                out.add("`" + name + "(...)` is not a table function a job may call; a job reads the workspace's tables,"
                        + " its table macros, range, generate_series and unnest.");
            }
        }
        for (SqlTree.TableRead read : tree.reads()) {
            forbiddenReason(read).filter(s -> seen.add(read.written())).ifPresent(out::add);
        }
        for (String f : tree.scalarFunctions()) {
            if (SYSTEM_SCALAR_FUNCTIONS.contains(f)) {
                out.add("`" + f + "(...)` reads the machine's environment; a job may read only the workspace's tables.");
            } else if (SEQUENCE_FUNCTIONS.contains(f)) {
                out.add("`" + f + "(...)` uses a sequence (" + f + " advances or reads the counters the app and others"
                        + " draw ids from); a job may only read the workspace's tables.");
            }
        }
        return out;
    }

    private static boolean readsFiles(String name) {
        return name.startsWith("read_") || name.endsWith("_scan") || name.contains("parquet") || name.contains("iceberg")
                || name.contains("delta") || name.contains("attach") || name.equals("glob") || name.equals("sniff_csv")
                || name.startsWith("st_") || name.contains("csv") || name.contains("json");
    }

    private Optional<String> forbiddenReason(SqlTree.TableRead read) {
        String written = read.written();
        if (read.name.matches(".*[./\\\\:].*")) {
            return Optional.of("`" + read.name + "` names a file, which DuckDB would read directly; a job may read only the"
                    + " workspace's tables (import the file first, with `import` or `snapshot`).");
        }
        if (!read.catalog.isEmpty() && !read.catalog.equals(facts.database)) {
            return Optional.of("`" + written + "` is in another database (" + read.catalog + "); a job may read only the"
                    + " workspace's own tables.");
        }
        String schema = read.schema;
        if (read.catalog.isEmpty() && schema.equals(facts.database)) {
            schema = ""; // database.table
        }
        if (schema.equals("bfs")) {
            return Optional.of("`" + written + "` is Backfill Studio's own metadata; a job may read only the user's tables.");
        }
        if (!schema.isEmpty() && !facts.schemas.contains(schema)) {
            return Optional.of("`" + written + "` is not a table of this workspace (no schema " + read.schema
                    + " here); a job may read only the workspace's own tables.");
        }
        return Optional.empty();
    }

    // ---- WARNING: reads not pinned to the day

    private void checkReads(SqlTree tree) {
        Map<String, LintFinding> byTable = new LinkedHashMap<>();
        for (SqlTree.TableRead read : tree.reads()) {
            if (forbiddenReason(read).isPresent() || !inMain(read) || byTable.containsKey(read.name)) {
                continue;
            }
            findingFor(read).ifPresent(f -> byTable.put(read.name, f));
        }
        findings.addAll(byTable.values());
        for (SqlTree.TableFunctionCall call : tree.tableFunctions()) {
            Optional<String> history = facts.historyOfMacro(call.name());
            if (history.isPresent() && !call.usesDay()) {
                findings.add(LintFinding.of(LintRule.HISTORY_NOT_PINNED, "`" + call.name() + "(...)` is read for a fixed day,"
                        + " not for " + DAY + "; pass the day: " + call.name() + "(" + DAY + ").", call.name() + "(" + DAY + ")"));
            }
        }
    }

    private boolean inMain(SqlTree.TableRead read) {
        String schema = read.schema.equals(facts.database) && read.catalog.isEmpty() ? "" : read.schema;
        return schema.isEmpty() || schema.equals("main");
    }

    private Optional<LintFinding> findingFor(SqlTree.TableRead read) {
        String t = read.name;
        Registered reg = facts.registered.get(t);
        String kind = reg == null ? (facts.jobTargets.containsKey(t) ? "JOB_OUTPUT" : "OTHER") : reg.kind();
        switch (kind) {
            case "STATIC":
                return Optional.empty();
            case "SNAPSHOT": {
                String dc = reg.dateColumn() == null ? "snapshot_date" : reg.dateColumn().toLowerCase(Locale.ROOT);
                if (read.boundByDay.contains(dc)) {
                    return Optional.empty();
                }
                return Optional.of(LintFinding.of(LintRule.SNAPSHOT_NOT_PINNED, "`" + t + "` is read without tying `" + dc
                        + "` to " + DAY + ", so a rerun of a past day reads other days' snapshots (the latest, say); add `"
                        + dc + " = " + DAY + "`.", dc + " = " + DAY));
            }
            case "HISTORY": {
                if (read.comparedToDay.contains(VALID_FROM) && read.comparedToDay.contains(VALID_TO)) {
                    return Optional.empty();
                }
                String macro = t + "_asof";
                String fix = facts.tableMacros.contains(macro) ? macro + "(" + DAY + ")"
                        : VALID_FROM + " <= " + DAY + " AND (" + VALID_TO + " IS NULL OR " + VALID_TO + " > " + DAY + ")";
                return Optional.of(LintFinding.of(LintRule.HISTORY_NOT_PINNED, "`" + t + "` is read without `" + VALID_FROM
                        + "`/`" + VALID_TO + "` bounds around " + DAY + ", so a rerun mixes versions from other days; read `"
                        + fix + "` instead.", fix));
            }
            default:
                if (!read.boundByDay.isEmpty()) {
                    // a dated event or job output is pinned by its date; a current-state table is not: a date
                    // column (created_at) keeps the rows that existed on the day, with the values they have today
                    List<String> changing = kind.equals("OTHER") ? changingColumnsRead(read) : List.of();
                    return changing.isEmpty() ? Optional.empty() : Optional.of(changingRead(read, changing));
                }
                return Optional.of(mutableRead(t, kind, reg));
        }
    }

    /**
     * The columns of a current-state table that the query reads and that may have changed since the
     * day: every column used, but those tied to the day and identifiers ({@code id}, {@code *_id}).
     */
    private List<String> changingColumnsRead(SqlTree.TableRead read) {
        Set<String> cols = new java.util.LinkedHashSet<>(read.used);
        if (read.star) {
            facts.columnsOf(read).ifPresent(all -> all.stream().sorted().forEach(cols::add));
        }
        return cols.stream().filter(c -> !read.comparedToDay.contains(c) && !c.equals("id") && !c.endsWith("_id")).toList();
    }

    private LintFinding changingRead(SqlTree.TableRead read, List<String> changing) {
        String t = read.name;
        String cols = changing.stream().limit(3).map(c -> "`" + c + "`").collect(java.util.stream.Collectors.joining(", "))
                + (changing.size() > 3 ? " and " + (changing.size() - 3) + " more" : "");
        String bound = read.boundByDay.stream().map(c -> "`" + c + "`").collect(java.util.stream.Collectors.joining(", "));
        Optional<String[]> instead = dayVersionOf(t);
        String head = "Rerunning a past day reads today's " + cols + " of `" + t + "`: " + bound + " tied to " + DAY
                + " keeps the rows that existed on the day, not the values they had then; ";
        if (instead.isEmpty()) {
            return LintFinding.of(LintRule.MUTABLE_READ, head + "load daily snapshots of it (`snapshot --table " + t
                    + "_snapshot ...`) and read the day's snapshot instead.", null);
        }
        return LintFinding.of(LintRule.MUTABLE_READ, head + "read " + instead.get()[0] + " instead.", instead.get()[1]);
    }

    /** How to read table {@code t} as it was on the day, if the workspace can: the words, and the fix. */
    private Optional<String[]> dayVersionOf(String t) {
        List<String> ways = new ArrayList<>();
        String fix = null;
        Registered snapshot = facts.registered.get(t + "_snapshot");
        if (snapshot != null && snapshot.kind().equals("SNAPSHOT")) {
            String dc = snapshot.dateColumn() == null ? "snapshot_date" : snapshot.dateColumn();
            ways.add("`" + t + "_snapshot` with `" + dc + " = " + DAY + "`");
            fix = "(SELECT * FROM " + t + "_snapshot WHERE " + dc + " = " + DAY + ")";
        }
        String macro = t + "_history_asof";
        if (facts.tableMacros.contains(macro)) {
            ways.add("`" + macro + "(" + DAY + ")`");
            fix = macro + "(" + DAY + ")";
        }
        return ways.isEmpty() ? Optional.empty() : Optional.of(new String[] {String.join(" or ", ways), fix});
    }

    private LintFinding mutableRead(String t, String kind, Registered reg) {
        if (kind.equals("EVENT") && reg.dateColumn() != null) {
            String pin = reg.dateColumn() + " = " + DAY;
            return LintFinding.of(LintRule.MUTABLE_READ, "Rerunning a past day reads all of `" + t + "`, including rows added"
                    + " after that day; add `" + pin + "` (or a range ending at " + DAY + ").", pin);
        }
        if (kind.equals("JOB_OUTPUT")) {
            String pin = "partition_date = " + DAY;
            return LintFinding.of(LintRule.MUTABLE_READ, "Rerunning a past day reads every day of `" + t + "` (the output of job "
                    + facts.jobTargets.get(t) + ") as it is now; add `" + pin + "` (or a range ending at " + DAY + ").", pin);
        }
        Optional<String[]> instead = dayVersionOf(t);
        if (instead.isEmpty()) {
            return LintFinding.of(LintRule.MUTABLE_READ, "Rerunning a past day reads today's `" + t + "`; load daily snapshots"
                    + " of it (`snapshot --table " + t + "_snapshot ...`) and read the day's snapshot, or mark `" + t
                    + "` static if it is reference data that never changes.", null);
        }
        return LintFinding.of(LintRule.MUTABLE_READ, "Rerunning a past day reads today's `" + t + "`; read "
                + instead.get()[0] + ".", instead.get()[1]);
    }

    // ---- WARNING: answers that depend on more than the day

    private void checkDeterminism(SqlTree tree) {
        for (String cause : tree.nondeterministic()) {
            findings.add(nondeterministic(cause));
        }
    }

    private static LintFinding nondeterministic(String cause) {
        if (cause.equals("LIMIT without ORDER BY") || cause.equals("DISTINCT ON without ORDER BY")) {
            String what = cause.startsWith("LIMIT") ? "LIMIT" : "DISTINCT ON";
            return LintFinding.of(LintRule.NONDETERMINISTIC, "`" + what + "` without `ORDER BY` keeps whichever rows come first,"
                    + " which can differ between runs; add an `ORDER BY` on a unique key.", "ORDER BY <unique key>");
        }
        if (cause.equals("USING SAMPLE") || cause.equals("TABLESAMPLE")) {
            return LintFinding.of(LintRule.NONDETERMINISTIC, "`" + cause + "` picks other rows on every run, so a rerun cannot"
                    + " reproduce the day; remove it.");
        }
        if (cause.endsWith("without ORDER BY")) {
            String f = cause.substring(0, cause.indexOf('('));
            return LintFinding.of(LintRule.NONDETERMINISTIC, "`" + f + "()` without `ORDER BY` depends on the order rows arrive"
                    + " in, which can differ between runs; give it one: " + f + "(x ORDER BY <unique key>).",
                    f + "(x ORDER BY <unique key>)");
        }
        String f = cause.endsWith("()") ? cause.substring(0, cause.length() - 2) : cause;
        if (Set.of("random", "uuid", "gen_random_uuid", "uuidv4", "uuidv7", "setseed").contains(f)) {
            return LintFinding.of(LintRule.NONDETERMINISTIC, "`" + cause + "` gives other values on every run, so a rerun cannot"
                    + " reproduce the day; derive the value from the row instead, e.g. hash(<key>, " + DAY + ").",
                    "hash(<key>, " + DAY + ")");
        }
        return LintFinding.of(LintRule.NONDETERMINISTIC, "`" + cause + "` is the time of the run, not the day being run, so a"
                + " rerun of a past day gives another answer; use " + DAY + " instead.", DAY);
    }

    // ---- helpers

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String article(String word) {
        return "AEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private record Registered(String kind, String dateColumn) {
    }

    /** What the workspace says of its tables, read once per check. */
    private static final class Facts {
        String database;
        final Map<String, Registered> registered = new HashMap<>();
        final Map<String, String> jobTargets = new HashMap<>();
        final Map<String, Set<String>> columns = new HashMap<>();
        final Set<String> schemas = new HashSet<>();
        final Set<String> tableMacros = new HashSet<>();

        /** The workspace's tables and schemas; its table macros as {@link ReachedDefinitions} read them (one listing of every function is 10 ms). */
        static Facts load(Db db, Set<String> tableMacros) {
            Facts f = new Facts();
            try {
                f.database = db.queryOne("SELECT current_database()", rs -> rs.getString(1)).orElse("").toLowerCase(Locale.ROOT);
                for (String[] r : db.query("SELECT name, kind, date_column FROM bfs.tables",
                        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
                    f.registered.put(r[0].toLowerCase(Locale.ROOT), new Registered(r[1], r[2]));
                }
                for (String[] r : db.query("SELECT target, name FROM bfs.jobs", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                    f.jobTargets.put(r[0].toLowerCase(Locale.ROOT), r[1]);
                }
                for (String[] r : db.query("SELECT table_name, column_name FROM duckdb_columns()"
                        + " WHERE database_name = current_database() AND schema_name = 'main'",
                        rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                    f.columns.computeIfAbsent(r[0].toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(r[1].toLowerCase(Locale.ROOT));
                }
                f.schemas.addAll(db.query("SELECT lower(schema_name) FROM duckdb_schemas() WHERE database_name = current_database()",
                        rs -> rs.getString(1)));
                f.tableMacros.addAll(tableMacros);
            } catch (SQLException e) {
                throw BackfillException.failed("Cannot read the workspace's tables for lint: " + e.getMessage().split("\n", 2)[0], e);
            }
            return f;
        }

        Optional<Set<String>> columnsOf(SqlTree.TableRead read) {
            return Optional.ofNullable(columns.get(read.name));
        }

        /** The history table whose {@code _asof} macro this is, if it is one. */
        Optional<String> historyOfMacro(String function) {
            if (!function.endsWith("_asof") || !tableMacros.contains(function)) {
                return Optional.empty();
            }
            String table = function.substring(0, function.length() - "_asof".length());
            Registered r = registered.get(table);
            return r != null && r.kind().equals("HISTORY") ? Optional.of(table) : Optional.empty();
        }
    }
}
