package dev.backfillstudio.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a query reads and how, from DuckDB's syntax tree ({@link ParsedQuery}): every base table
 * with the columns its predicates tie to the day, every table function, and the constructs whose
 * answer does not depend on the day alone. The day is the only parameter of a job, so a predicate
 * "ties a column to the day" when one side is that column and the other is built from parameters.
 *
 * <p>Names are resolved as SQL does, approximately: aliases and table names within the FROM of
 * the same query and then outwards (for correlated subqueries); an unqualified column belongs to
 * the tables of the nearest FROM that have it. A derived table or a CTE passes a predicate on to
 * the tables it reads. CTE names are never tables.
 */
final class SqlTree {

    /** A base table as read at one place of the query. */
    static final class TableRead {
        final String catalog;
        final String schema;
        final String name;
        /** Columns with a predicate bounding them above by the day ({@code =}, {@code <}, {@code <=}, BETWEEN). */
        final Set<String> boundByDay = new LinkedHashSet<>();
        /** Columns compared with the day in any way (for validity intervals: {@code valid_to > day}). */
        final Set<String> comparedToDay = new LinkedHashSet<>();
        /** Columns the query uses anywhere (select list, conditions, grouping, windows), as far as names resolve. */
        final Set<String> used = new LinkedHashSet<>();
        /** True when a {@code *} (or {@code t.*}, {@code COLUMNS(*)}) takes every column of this read. */
        boolean star;
        /** Columns equal to the day itself ({@code = {DATE}}), directly or through an equality with such a column. */
        final Set<String> equalToDay = new LinkedHashSet<>();
        /**
         * Per column, the days it is held to, as offsets from the day: {@code = {DATE}} is [0, 0],
         * {@code BETWEEN {DATE} - 6 AND {DATE}} is [-6, 0]; an open end is Integer.MIN_VALUE or MAX_VALUE.
         */
        final Map<String, int[]> dayWindow = new HashMap<>();

        TableRead(String catalog, String schema, String name) {
            this.catalog = catalog;
            this.schema = schema;
            this.name = name;
        }

        /** The name as written, qualified as far as the query qualified it. */
        String written() {
            StringBuilder b = new StringBuilder();
            if (!catalog.isEmpty()) {
                b.append(catalog).append('.');
            }
            if (!schema.isEmpty()) {
                b.append(schema).append('.');
            }
            return b.append(name).toString();
        }
    }

    /**
     * A table function in a FROM clause, whether its arguments use the day, and whether its one
     * argument is the day itself ({@code item_history_asof({DATE})}).
     */
    record TableFunctionCall(String name, boolean usesDay, boolean dayItself) {
    }

    /** The columns DuckDB knows of a table, or empty when the table is unknown to the workspace. */
    interface ColumnLookup {
        Optional<Set<String>> columnsOf(TableRead read);
    }

    private static final Set<String> CLOCK_FUNCTIONS = Set.of("now", "current_timestamp", "current_date", "current_time",
            "get_current_time", "get_current_timestamp", "today", "transaction_timestamp", "current_localtime",
            "current_localtimestamp", "localtime", "localtimestamp", "random", "uuid", "gen_random_uuid", "uuidv4",
            "uuidv7", "setseed");
    private static final Set<String> CLOCK_COLUMNS = Set.of("current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp");
    /** Aggregates whose value depends on the order rows arrive in, unless they carry their own ORDER BY. */
    private static final Set<String> ORDER_DEPENDENT_AGGREGATES = Set.of("first", "last", "any_value", "arbitrary",
            "string_agg", "group_concat", "listagg", "array_agg", "list");
    private static final Set<String> TABLE_REF_TYPES = Set.of("BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION",
            "EXPRESSION_LIST", "EMPTY", "PIVOT", "SHOW_REF", "COLUMN_DATA", "DELIM_GET");

    private final ColumnLookup columns;
    private final List<TableRead> reads = new ArrayList<>();
    private final List<TableFunctionCall> tableFunctions = new ArrayList<>();
    private final Set<String> scalarFunctions = new LinkedHashSet<>();
    private final Set<String> nondeterministic = new LinkedHashSet<>();
    private final List<List<Col>[]> equalities = new ArrayList<>();
    private int parameters;

    private SqlTree(ColumnLookup columns) {
        this.columns = columns;
    }

    /** Walks the statements' trees. */
    static SqlTree of(List<JsonNode> statements, ColumnLookup columns) {
        SqlTree tree = new SqlTree(columns);
        for (JsonNode statement : statements) {
            tree.walkNode(statement.path("node"), Scope.ROOT);
        }
        tree.propagateEqualities();
        return tree;
    }

    List<TableRead> reads() {
        return reads;
    }

    List<TableFunctionCall> tableFunctions() {
        return tableFunctions;
    }

    /** Every scalar or aggregate function called, lower case. */
    Set<String> scalarFunctions() {
        return scalarFunctions;
    }

    /** What makes the answer depend on more than the day, as the user wrote it ({@code now()}, {@code LIMIT without ORDER BY}). */
    Set<String> nondeterministic() {
        return nondeterministic;
    }

    /** How many parameters ({@code ?}, the day) the query uses. */
    int parameters() {
        return parameters;
    }

    // ---- query nodes and FROM clauses

    /** A column of one table read. */
    private record Col(TableRead read, String column) {
    }

    /** What a query node yields: the relations its rows come from and, by output name, the columns it passes on. */
    private record Derived(List<Relation> relations, Map<String, List<Col>> outputs) {
        static final Derived NONE = new Derived(List.of(), Map.of());
    }

    /** A FROM item: a base table read, or a derived table, CTE or table function (read is null). */
    private record Relation(String alias, TableRead read, Derived derived) {
    }

    private static final class Scope {
        static final Scope ROOT = new Scope(null);
        final Scope parent;
        final Map<String, Derived> ctes = new HashMap<>();
        final List<Relation> relations = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Optional<Derived> cte(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                Derived r = s.ctes.get(name);
                if (r != null) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /** Walks a query node and returns the relations its rows come from (for predicates written outside it). */
    private Derived walkNode(JsonNode node, Scope outer) {
        if (node == null || !node.isObject()) {
            return Derived.NONE;
        }
        Scope scope = outer;
        JsonNode cteMap = node.path("cte_map").path("map");
        if (cteMap.isArray() && !cteMap.isEmpty()) {
            scope = new Scope(outer);
            for (JsonNode entry : cteMap) {
                String name = lower(entry.path("key").asText());
                scope.ctes.put(name, Derived.NONE); // a recursive CTE reads itself
                scope.ctes.put(name, walkNode(entry.path("value").path("query_node"), scope));
            }
        }
        checkModifiers(node.path("modifiers"));
        String type = node.path("type").asText();
        switch (type) {
            case "SELECT_NODE": {
                Scope select = new Scope(scope);
                List<JsonNode> conditions = new ArrayList<>();
                walkFrom(node.path("from_table"), select, conditions);
                for (String field : List.of("where_clause", "having", "qualify")) {
                    conditions.add(node.path(field));
                }
                for (JsonNode c : conditions) {
                    analyseCondition(c, select);
                }
                if (isPresent(node.path("sample"))) {
                    nondeterministic.add("USING SAMPLE");
                }
                node.properties().forEach(f -> {
                    if (!f.getKey().equals("from_table") && !f.getKey().equals("cte_map")) {
                        walkExpressions(f.getValue(), select);
                    }
                });
                return new Derived(select.relations, outputs(node.path("select_list"), select));
            }
            case "SET_OPERATION_NODE":
            case "RECURSIVE_CTE_NODE": {
                List<Relation> relations = new ArrayList<>();
                Map<String, List<Col>> outputs = new HashMap<>();
                List<JsonNode> children = new ArrayList<>();
                node.path("children").forEach(children::add);
                children.add(node.path("left"));
                children.add(node.path("right"));
                for (JsonNode child : children) {
                    Derived d = walkNode(child, scope);
                    relations.addAll(d.relations());
                    d.outputs().forEach((k, v) -> outputs.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
                }
                walkExpressions(node.path("modifiers"), scope);
                return new Derived(relations, outputs);
            }
            default: {
                Scope s = scope;
                node.properties().forEach(f -> {
                    if (!f.getKey().equals("cte_map")) {
                        walkExpressions(f.getValue(), s);
                    }
                });
                return Derived.NONE;
            }
        }
    }

    /** The columns a SELECT passes on under their output names ({@code date AS day}, {@code CAST(ts AS DATE) AS d}). */
    private Map<String, List<Col>> outputs(JsonNode selectList, Scope select) {
        Map<String, List<Col>> out = new HashMap<>();
        for (JsonNode item : selectList) {
            // only a column or a cast of one passes the column on; max(date) AS d does not
            Optional<JsonNode> col = isColumnRef(item) ? Optional.of(item)
                    : "CAST".equals(item.path("class").asText()) && isColumnRef(item.path("child"))
                            ? Optional.of(item.path("child")) : Optional.empty();
            if (col.isEmpty()) {
                continue;
            }
            String alias = lower(item.path("alias").asText(""));
            JsonNode names = col.get().path("column_names");
            String name = !alias.isEmpty() ? alias : isColumnRef(item) ? lower(names.get(names.size() - 1).asText()) : "";
            if (!name.isEmpty()) {
                out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(resolve(col.get(), select));
            }
        }
        return out;
    }

    private void checkModifiers(JsonNode modifiers) {
        boolean ordered = false;
        boolean limited = false;
        boolean distinctOn = false;
        for (JsonNode m : modifiers) {
            switch (m.path("type").asText()) {
                case "ORDER_MODIFIER" -> ordered = true;
                case "LIMIT_MODIFIER", "LIMIT_PERCENT_MODIFIER" -> limited = true;
                case "DISTINCT_MODIFIER" -> distinctOn = m.path("distinct_on_targets").size() > 0;
                default -> { }
            }
        }
        if (limited && !ordered) {
            nondeterministic.add("LIMIT without ORDER BY");
        }
        if (distinctOn && !ordered) {
            nondeterministic.add("DISTINCT ON without ORDER BY");
        }
    }

    private void walkFrom(JsonNode ref, Scope scope, List<JsonNode> joinConditions) {
        if (ref == null || !ref.isObject()) {
            return;
        }
        if (isPresent(ref.path("sample"))) {
            nondeterministic.add("TABLESAMPLE");
        }
        String alias = lower(ref.path("alias").asText(""));
        switch (ref.path("type").asText()) {
            case "BASE_TABLE" -> {
                String catalog = lower(ref.path("catalog_name").asText(""));
                String schema = lower(ref.path("schema_name").asText(""));
                String name = lower(ref.path("table_name").asText(""));
                Optional<Derived> cte = catalog.isEmpty() && schema.isEmpty() ? scope.cte(name) : Optional.empty();
                if (cte.isPresent()) {
                    scope.relations.add(new Relation(alias.isEmpty() ? name : alias, null, cte.get()));
                } else {
                    TableRead read = new TableRead(catalog, schema, name);
                    reads.add(read);
                    scope.relations.add(new Relation(alias.isEmpty() ? name : alias, read, Derived.NONE));
                }
            }
            case "JOIN" -> {
                int start = scope.relations.size();
                walkFrom(ref.path("left"), scope, joinConditions);
                int middle = scope.relations.size();
                walkFrom(ref.path("right"), scope, joinConditions);
                joinConditions.add(ref.path("condition"));
                walkExpressions(ref.path("condition"), scope);
                // JOIN ... USING (a, b) is left.a = right.a AND left.b = right.b
                List<Relation> left = List.copyOf(scope.relations.subList(start, middle));
                List<Relation> right = List.copyOf(scope.relations.subList(middle, scope.relations.size()));
                for (JsonNode using : ref.path("using_columns")) {
                    String column = lower(using.asText());
                    List<Col> l = new ArrayList<>();
                    List<Col> r = new ArrayList<>();
                    left.forEach(rel -> l.addAll(columnsOf(rel, column, left.size() == 1)));
                    right.forEach(rel -> r.addAll(columnsOf(rel, column, right.size() == 1)));
                    l.forEach(c -> c.read().used.add(c.column()));
                    r.forEach(c -> c.read().used.add(c.column()));
                    equalities.add(pair(l, r));
                }
            }
            case "SUBQUERY" -> scope.relations.add(new Relation(alias, null, walkNode(ref.path("subquery").path("node"), scope)));
            case "TABLE_FUNCTION" -> {
                JsonNode function = ref.path("function");
                JsonNode args = function.path("arguments");
                tableFunctions.add(new TableFunctionCall(lower(function.path("function_name").asText()), contains(args, "PARAMETER"),
                        args.size() == 1 && isDayItself(args.get(0).has("expression") ? args.get(0).get("expression") : args.get(0))));
                walkExpressions(args, scope);
                scope.relations.add(new Relation(alias, null, Derived.NONE));
            }
            case "SHOW_REF" -> {
                tableFunctions.add(new TableFunctionCall(lower(ref.path("show_type").asText("show")), false, false));
                walkNode(ref.path("query"), scope);
            }
            default -> ref.properties().forEach(f -> {
                JsonNode v = f.getValue();
                if (v.isObject() && TABLE_REF_TYPES.contains(v.path("type").asText()) && !v.has("class")) {
                    walkFrom(v, scope, joinConditions);
                } else {
                    walkExpressions(v, scope);
                }
            });
        }
    }

    /** Walks expressions for functions, parameters and subqueries (which get their own scope inside this one). */
    private void walkExpressions(JsonNode n, Scope scope) {
        if (n == null) {
            return;
        }
        if (n.isArray()) {
            n.forEach(child -> walkExpressions(child, scope));
            return;
        }
        if (!n.isObject()) {
            return;
        }
        if (n.has("node") && n.path("node").path("type").asText().endsWith("_NODE")) {
            walkNode(n.path("node"), scope); // a subquery
            return;
        }
        if (!n.has("class") && n.path("type").asText().endsWith("_NODE")) {
            walkNode(n, scope);
            return;
        }
        switch (n.path("class").asText()) {
            case "FUNCTION" -> {
                String name = lower(n.path("function_name").asText());
                scalarFunctions.add(name);
                if (CLOCK_FUNCTIONS.contains(name)) {
                    nondeterministic.add(name + "()");
                }
                if (ORDER_DEPENDENT_AGGREGATES.contains(name) && n.path("order_bys").path("orders").isEmpty()) {
                    nondeterministic.add(name + "() without ORDER BY");
                }
            }
            case "COLUMN_REF" -> {
                JsonNode names = n.path("column_names");
                if (names.size() == 1 && CLOCK_COLUMNS.contains(lower(names.get(0).asText()))) {
                    nondeterministic.add(lower(names.get(0).asText()));
                }
                if (!names.isEmpty()) {
                    resolve(n, scope).forEach(c -> c.read().used.add(c.column()));
                }
            }
            case "STAR" -> markStar(lower(n.path("relation_name").asText("")), scope);
            case "PARAMETER" -> parameters++;
            default -> { }
        }
        n.forEach(child -> walkExpressions(child, scope));
    }

    /** {@code *} takes every column of the nearest FROM's tables ({@code t.*}: of {@code t}); a derived table's own select list says what it reads. */
    private void markStar(String relation, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            boolean found = false;
            for (Relation r : s.relations) {
                boolean named = relation.isEmpty() || r.alias().equals(relation) || (r.read() != null && r.read().name.equals(relation));
                if (named) {
                    found = true;
                    if (r.read() != null) {
                        r.read().star = true;
                    }
                }
            }
            if (found) {
                return;
            }
        }
    }

    // ---- predicates that tie columns to the day

    private void analyseCondition(JsonNode condition, Scope scope) {
        for (JsonNode c : conjuncts(condition)) {
            if ("CONJUNCTION_OR".equals(c.path("type").asText())) {
                // either branch may hold: the columns are compared with the day, not bounded by it
                for (JsonNode leaf : leaves(c)) {
                    analyseComparison(leaf, scope, true);
                }
            } else {
                analyseComparison(c, scope, false);
            }
        }
    }

    private void analyseComparison(JsonNode c, Scope scope, boolean weak) {
        String cls = c.path("class").asText();
        if (cls.equals("COMPARISON")) {
            String op = c.path("type").asText();
            JsonNode left = c.path("left");
            JsonNode right = c.path("right");
            Optional<JsonNode> leftCol = columnOf(left);
            Optional<JsonNode> rightCol = columnOf(right);
            if (isDay(right) && leftCol.isPresent()) {
                tie(resolve(leftCol.get(), scope), boundsAbove(op) && !weak, !weak && isEquality(op) && isDayItself(right));
                if (!weak) {
                    window(resolve(leftCol.get(), scope), op, dayOffset(right));
                }
            } else if (isDay(left) && rightCol.isPresent()) {
                tie(resolve(rightCol.get(), scope), boundsAbove(flip(op)) && !weak, !weak && isEquality(op) && isDayItself(left));
                if (!weak) {
                    window(resolve(rightCol.get(), scope), flip(op), dayOffset(left));
                }
            } else if (!weak && op.equals("COMPARE_EQUAL") && isColumnRef(left) && isColumnRef(right)) {
                equalities.add(pair(resolve(left, scope), resolve(right, scope)));
            }
        } else if (cls.equals("BETWEEN")) {
            JsonNode input = c.path("input");
            Optional<JsonNode> inputCol = columnOf(input);
            if (inputCol.isPresent()) {
                if (!weak && isDay(c.path("lower")) && isDay(c.path("upper"))) {
                    window(resolve(inputCol.get(), scope), "COMPARE_GREATERTHANOREQUALTO", dayOffset(c.path("lower")));
                    window(resolve(inputCol.get(), scope), "COMPARE_LESSTHANOREQUALTO", dayOffset(c.path("upper")));
                }
                if (isDay(c.path("upper"))) {
                    tie(resolve(inputCol.get(), scope), !weak, false);
                } else if (isDay(c.path("lower"))) {
                    tie(resolve(inputCol.get(), scope), false, false);
                }
            } else if (isDay(input)) {
                columnOf(c.path("lower")).ifPresent(col -> tie(resolve(col, scope), false, false));
                columnOf(c.path("upper")).ifPresent(col -> tie(resolve(col, scope), false, false));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Col>[] pair(List<Col> a, List<Col> b) {
        return new List[] {a, b};
    }

    private static boolean boundsAbove(String op) {
        return op.equals("COMPARE_EQUAL") || op.equals("COMPARE_LESSTHAN") || op.equals("COMPARE_LESSTHANOREQUALTO")
                || op.equals("COMPARE_NOT_DISTINCT_FROM");
    }

    private static String flip(String op) {
        return switch (op) {
            case "COMPARE_LESSTHAN" -> "COMPARE_GREATERTHAN";
            case "COMPARE_GREATERTHAN" -> "COMPARE_LESSTHAN";
            case "COMPARE_LESSTHANOREQUALTO" -> "COMPARE_GREATERTHANOREQUALTO";
            case "COMPARE_GREATERTHANOREQUALTO" -> "COMPARE_LESSTHANOREQUALTO";
            default -> op;
        };
    }

    private void tie(List<Col> target, boolean bound, boolean equal) {
        for (Col c : target) {
            c.read().comparedToDay.add(c.column());
            if (bound) {
                c.read().boundByDay.add(c.column());
            }
            if (equal) {
                c.read().equalToDay.add(c.column());
            }
        }
    }

    /** Narrows the day window of the columns by one comparison with the day shifted by {@code offset} days. */
    private static void window(List<Col> target, String op, Optional<Integer> offset) {
        if (offset.isEmpty()) {
            return;
        }
        int o = offset.get();
        int lo = Integer.MIN_VALUE;
        int hi = Integer.MAX_VALUE;
        switch (op) {
            case "COMPARE_EQUAL", "COMPARE_NOT_DISTINCT_FROM" -> {
                lo = o;
                hi = o;
            }
            case "COMPARE_GREATERTHANOREQUALTO" -> lo = o;
            case "COMPARE_GREATERTHAN" -> lo = o + 1;
            case "COMPARE_LESSTHANOREQUALTO" -> hi = o;
            case "COMPARE_LESSTHAN" -> hi = o - 1;
            default -> {
                return;
            }
        }
        for (Col c : target) {
            int[] w = c.read().dayWindow.computeIfAbsent(c.column(), k -> new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE});
            w[0] = Math.max(w[0], lo);
            w[1] = Math.min(w[1], hi);
        }
    }

    /**
     * How many days from the day an expression is: 0 for the day itself, -6 for {@code {DATE} - 6} or
     * {@code {DATE} - INTERVAL 6 DAY}; empty when it is not the day shifted by a constant number of days.
     */
    static Optional<Integer> dayOffset(JsonNode e) {
        if (isDayItself(e)) {
            return Optional.of(0);
        }
        if (e.path("class").asText().equals("CAST") && !isDayItself(e.path("child"))) {
            return dayOffset(e.path("child"));
        }
        String f = e.path("function_name").asText();
        List<JsonNode> args = arguments(e);
        if (e.path("class").asText().equals("FUNCTION") && (f.equals("-") || f.equals("+")) && args.size() == 2) {
            Optional<Integer> base = dayOffset(args.get(0));
            Optional<Integer> days = constantDays(args.get(1));
            if (base.isPresent() && days.isPresent()) {
                return Optional.of(f.equals("-") ? base.get() - days.get() : base.get() + days.get());
            }
            if (f.equals("+")) {
                base = dayOffset(args.get(1));
                days = constantDays(args.get(0));
                if (base.isPresent() && days.isPresent()) {
                    return Optional.of(base.get() + days.get());
                }
            }
        }
        return Optional.empty();
    }

    /** A constant number of days: {@code 6}, {@code INTERVAL 6 DAY}, {@code INTERVAL '6 days'}. */
    private static Optional<Integer> constantDays(JsonNode e) {
        String cls = e.path("class").asText();
        if (cls.equals("CONSTANT")) {
            String text = e.path("literal").path("text").asText("").strip().toLowerCase(Locale.ROOT);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?\\d+)( days?)?").matcher(text);
            return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        }
        if (cls.equals("CAST")) {
            return constantDays(e.path("child"));
        }
        List<JsonNode> args = arguments(e);
        if (cls.equals("FUNCTION") && args.size() == 1 && Set.of("to_days", "trunc").contains(e.path("function_name").asText())) {
            return constantDays(args.get(0));
        }
        return Optional.empty();
    }

    /** A function's arguments, whichever of DuckDB's two JSON shapes they come in. */
    private static List<JsonNode> arguments(JsonNode function) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = function.has("arguments") ? function.path("arguments") : function.path("children");
        for (JsonNode a : list) {
            out.add(a.has("expression") ? a.path("expression") : a);
        }
        return out;
    }

    private static boolean isEquality(String op) {
        return op.equals("COMPARE_EQUAL") || op.equals("COMPARE_NOT_DISTINCT_FROM");
    }

    /** {@code a.x = b.y} with {@code b.y} tied to the day ties {@code a.x} as well. */
    private void propagateEqualities() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Col>[] pair : equalities) {
                changed |= copyTie(pair[0], pair[1]) | copyTie(pair[1], pair[0]);
            }
        }
    }

    private static boolean copyTie(List<Col> from, List<Col> to) {
        boolean bound = !from.isEmpty() && from.stream().allMatch(c -> c.read().boundByDay.contains(c.column()));
        boolean equal = !from.isEmpty() && from.stream().allMatch(c -> c.read().equalToDay.contains(c.column()));
        boolean changed = false;
        if (equal) {
            for (Col c : to) {
                changed |= c.read().equalToDay.add(c.column());
            }
        }
        if (bound) {
            for (Col c : to) {
                changed |= c.read().boundByDay.add(c.column());
                changed |= c.read().comparedToDay.add(c.column());
            }
        }
        return changed;
    }

    /** The base-table columns a column reference stands for. */
    private List<Col> resolve(JsonNode columnRef, Scope scope) {
        List<String> names = new ArrayList<>();
        columnRef.path("column_names").forEach(n -> names.add(lower(n.asText())));
        String column = names.get(names.size() - 1);
        if (names.size() >= 2) {
            String qualifier = names.get(names.size() - 2);
            for (Scope s = scope; s != null; s = s.parent) {
                for (Relation r : s.relations) {
                    if (r.alias().equals(qualifier) || (r.read() != null && r.read().name.equals(qualifier))) {
                        return columnsOf(r, column, true);
                    }
                }
            }
            return List.of();
        }
        for (Scope s = scope; s != null; s = s.parent) {
            List<Col> found = new ArrayList<>();
            for (Relation r : s.relations) {
                found.addAll(columnsOf(r, column, false));
            }
            if (found.isEmpty() && s.relations.size() == 1) {
                found.addAll(columnsOf(s.relations.get(0), column, true));
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /**
     * The base-table columns behind a relation's column: the table's own (when it has it, or might,
     * being unknown, and {@code lenient}), or what a derived table passes on under that name, or,
     * for {@code SELECT *}, the same name in the tables it reads.
     */
    private List<Col> columnsOf(Relation r, String column, boolean lenient) {
        if (r.read() != null) {
            Optional<Set<String>> known = columns.columnsOf(r.read());
            boolean has = known.map(cols -> cols.contains(column)).orElse(lenient);
            return has ? List.of(new Col(r.read(), column)) : List.of();
        }
        List<Col> passed = r.derived().outputs().get(column);
        if (passed != null) {
            return passed;
        }
        List<Col> out = new ArrayList<>();
        List<Relation> inner = r.derived().relations();
        for (Relation i : inner) {
            out.addAll(columnsOf(i, column, lenient && inner.size() == 1));
        }
        return out;
    }

    // ---- expression helpers

    private static List<JsonNode> conjuncts(JsonNode e) {
        List<JsonNode> out = new ArrayList<>();
        if (e == null || !e.isObject()) {
            return out;
        }
        if ("CONJUNCTION_AND".equals(e.path("type").asText())) {
            e.path("children").forEach(c -> out.addAll(conjuncts(c)));
        } else {
            out.add(e);
        }
        return out;
    }

    private static List<JsonNode> leaves(JsonNode e) {
        List<JsonNode> out = new ArrayList<>();
        if ("CONJUNCTION".equals(e.path("class").asText())) {
            e.path("children").forEach(c -> out.addAll(leaves(c)));
        } else {
            out.add(e);
        }
        return out;
    }

    /** An expression built from the day alone: {@code ?}, {@code ? - INTERVAL 7 DAY}, {@code CAST(? AS DATE)}. */
    private static boolean isDay(JsonNode e) {
        return contains(e, "PARAMETER") && !contains(e, "COLUMN_REF") && !contains(e, "SUBQUERY");
    }

    /** The day and nothing else: {@code ?}, or {@code ?} cast to DATE (how {@code {DATE}} reaches the parser). */
    private static boolean isDayItself(JsonNode e) {
        String cls = e.path("class").asText();
        if (cls.equals("PARAMETER")) {
            return true;
        }
        String type = e.path("type_expr").path("type_name").asText(e.path("cast_type").path("id").asText());
        return cls.equals("CAST") && type.equalsIgnoreCase("DATE") && isDayItself(e.path("child"));
    }

    private static boolean isColumnRef(JsonNode e) {
        return "COLUMN_REF".equals(e.path("class").asText());
    }

    /** The one column an expression is built from ({@code d}, {@code CAST(ts AS DATE)}, {@code coalesce(valid_to, ...)}). */
    private static Optional<JsonNode> columnOf(JsonNode e) {
        if (contains(e, "PARAMETER") || contains(e, "SUBQUERY")) {
            return Optional.empty();
        }
        List<JsonNode> refs = new ArrayList<>();
        collect(e, "COLUMN_REF", refs);
        return refs.size() == 1 ? Optional.of(refs.get(0)) : Optional.empty();
    }

    private static boolean contains(JsonNode e, String cls) {
        List<JsonNode> found = new ArrayList<>();
        collect(e, cls, found);
        return !found.isEmpty();
    }

    private static void collect(JsonNode e, String cls, List<JsonNode> into) {
        if (e == null) {
            return;
        }
        if (e.isObject() && cls.equals(e.path("class").asText())) {
            into.add(e);
        }
        if (e.isObject() && "SUBQUERY".equals(e.path("class").asText()) && !cls.equals("SUBQUERY")) {
            return; // what a subquery holds is its own business
        }
        if (e.isContainerNode()) {
            e.forEach(child -> collect(child, cls, into));
        }
    }

    private static boolean isPresent(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
