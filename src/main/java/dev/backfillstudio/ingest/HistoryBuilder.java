package dev.backfillstudio.ingest;

import dev.backfillstudio.run.EngineMirror;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableColumn;
import dev.backfillstudio.workspace.TableColumns;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Builds a history table (validity intervals) from a snapshot table, inside DuckDB, and its table
 * macro {@code <name>_asof(d)}.
 *
 * <p>A version is a stretch of consecutive loaded snapshot days on which a key's other columns stay
 * the same (a day absent from the snapshot table does not break a stretch: it was never observed).
 * Islands are found with the classic trick: number the loaded days, and within one key and one set of
 * values, {@code day number - row_number()} is constant exactly along consecutive days. Grouping by
 * key and values also compares them NULL-safely. {@code valid_to} is the loaded day after a stretch's
 * last day, or NULL when the stretch reaches the last loaded day.
 *
 * <p>Later builds fold in only the days after {@code built_through}: the open versions take part as
 * "day 0", so a stretch that goes on simply gets a later {@code valid_to}. When a day on or before
 * {@code built_through} was loaded or replaced since (the loader marks the history), the build starts
 * over. Each build is one transaction: on failure or cancel the previous history stays as it was.
 */
public final class HistoryBuilder {

    private static final String DAY = "__bfs_day";
    private static final String DAY_NO = "__bfs_dn";
    private static final String EXTENSION = "__bfs_history_extension";

    private final Workspace workspace;
    private volatile boolean cancelled;
    private volatile Consumer<String> steps = s -> { };

    public HistoryBuilder(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Told, on the building thread, as each step starts (for progress text). */
    public HistoryBuilder onStep(Consumer<String> listener) {
        this.steps = listener;
        return this;
    }

    /** Stops the build and rolls it back; safe from any thread. */
    public void cancel() {
        cancelled = true;
        workspace.db().cancel();
    }

    /** {@code item_snapshot} gives {@code item_history}; a name without that suffix gets {@code _history} added. */
    public static String defaultName(String snapshotTable) {
        String entity = snapshotTable.toLowerCase(Locale.ROOT).endsWith("_snapshot")
                ? snapshotTable.substring(0, snapshotTable.length() - "_snapshot".length()) : snapshotTable;
        return entity + "_history";
    }

    /** Builds or extends the history of {@code snapshotTable} keyed by {@code keyColumns}; {@code name} may be null. */
    public HistoryResult build(String snapshotTable, List<String> keyColumns, String name) {
        HistoryResult result = buildInWorkspace(snapshotTable, keyColumns, name);
        EngineMirror.follow(workspace, result.name());
        return result;
    }

    /**
     * The build alone, for a caller whose own transaction it joins (a capture that starts the history):
     * the caller hands the engine the tables once it has committed.
     */
    HistoryResult buildInWorkspace(String snapshotTable, List<String> keyColumns, String name) {
        workspace.requireWritable();
        TableCatalog.requireValidName(snapshotTable);
        String history = name == null || name.isBlank() ? defaultName(snapshotTable) : name;
        TableCatalog.requireValidName(history);
        if (history.equalsIgnoreCase(snapshotTable)) {
            throw BackfillException.badInput("The history table needs a name other than its snapshot table " + snapshotTable + ".");
        }
        Db db = workspace.db();
        try {
            SnapshotTable source = SnapshotTable.find(db, snapshotTable).orElseThrow(() -> BackfillException.badInput(
                    "Table " + snapshotTable + " is not a snapshot table of this workspace; load it with `snapshot` first."));
            Shape shape = Shape.of(db, source, keyColumns);
            Optional<TableKind> kind = TableCatalog.kindOf(db, history);
            if (kind.isPresent() && kind.get() != TableKind.HISTORY) {
                throw BackfillException.badInput("Table " + history + " exists and is a " + kind.get().label()
                        + " table; give the history another name with --name.");
            }
            Optional<String> otherSource = db.queryOne("SELECT source_table FROM bfs.tables WHERE name = ? AND kind = 'HISTORY'"
                    + " AND source_table <> ?", rs -> rs.getString(1), history, source.name());
            if (kind.isPresent() && otherSource.isPresent()) {
                throw BackfillException.badInput("Table " + history + " is the history of " + otherSource.get()
                        + "; give the history of " + source.name() + " another name with --name.");
            }
            Optional<LocalDate> extendFrom = kind.isPresent() ? extendableFrom(db, history, source, shape) : Optional.empty();
            return db.inTransaction(d -> build(d, source, shape, history, extendFrom));
        } catch (SQLException e) {
            if (cancelled) {
                throw cancelledSentence(history, e);
            }
            throw BackfillException.failed("Cannot build " + history + " from " + snapshotTable + ": "
                    + e.getMessage().strip().split("\n", 2)[0], e);
        } catch (BackfillException e) {
            if (cancelled) {
                throw cancelledSentence(history, e);
            }
            throw e;
        }
    }

    /** The last folded day when the existing history can be extended; empty when it must be built from scratch. */
    private static Optional<LocalDate> extendableFrom(Db db, String history, SnapshotTable source, Shape shape)
            throws SQLException {
        return db.queryOne("SELECT built_through FROM bfs.tables WHERE name = ? AND kind = 'HISTORY' AND source_table = ?"
                        + " AND key_columns = ? AND NOT needs_rebuild AND built_through IS NOT NULL",
                rs -> rs.getObject(1, LocalDate.class), history, source.name(), String.join(",", shape.keys()));
    }

    private HistoryResult build(Db d, SnapshotTable source, Shape shape, String history, Optional<LocalDate> extendFrom)
            throws SQLException {
        String s = Db.ident(source.name());
        String date = Db.ident(source.dateColumn());
        step("reading the snapshot days of " + source.name());
        LocalDate last = d.queryOne("SELECT max(" + date + ") FROM " + s, rs -> rs.getObject(1, LocalDate.class))
                .orElseThrow(() -> BackfillException.badInput(source.name() + " has no snapshot days yet."));
        HistoryResult.Mode mode;
        String newDays = extendFrom.map(b -> date + " > " + dateLiteral(b)).orElse("true");
        long days = d.queryLong("SELECT count(DISTINCT " + date + ") FROM " + s + " WHERE " + newDays);
        if (extendFrom.isPresent() && !last.isAfter(extendFrom.get())) {
            mode = HistoryResult.Mode.UP_TO_DATE;
        } else {
            step("checking that each key appears once a day");
            requireOneRowPerKeyAndDay(d, source, shape, newDays);
            if (extendFrom.isEmpty()) {
                step("building " + history + " from every snapshot day");
                d.execute("CREATE OR REPLACE TABLE " + Db.ident(history) + " AS " + fullBuild(source, shape));
                mode = HistoryResult.Mode.FULL;
            } else {
                step("folding the days after " + extendFrom.get() + " into " + history);
                extend(d, source, shape, history, extendFrom.get());
                mode = HistoryResult.Mode.EXTENDED;
            }
        }
        step("creating " + history + "_asof");
        d.execute("CREATE OR REPLACE MACRO " + Db.ident(history + "_asof") + "(asof_day) AS TABLE SELECT "
                + shape.columns() + " FROM " + Db.ident(history)
                + " WHERE valid_from <= asof_day AND (valid_to IS NULL OR valid_to > asof_day)");
        d.update("DELETE FROM bfs.tables WHERE name = ?", history);
        d.update("INSERT INTO bfs.tables (name, kind, source_table, key_columns, built_through, needs_rebuild)"
                + " VALUES (?, 'HISTORY', ?, ?, ?, false)", history, source.name(), String.join(",", shape.keys()), last);
        long historyRows = d.queryLong("SELECT count(*) FROM " + Db.ident(history));
        long snapshotRows = d.queryLong("SELECT count(*) FROM " + s);
        step("committing");
        if (cancelled) {
            throw BackfillException.failed("cancelled", null);
        }
        return new HistoryResult(history, source.name(), shape.keys(), mode, last,
                mode == HistoryResult.Mode.UP_TO_DATE ? 0 : days, historyRows, snapshotRows);
    }

    /**
     * Makes every history built from {@code snapshotTable} follow the day just loaded or replaced, inside
     * the caller's transaction: a day after the history's last one extends it; a day on or before it
     * restates the history from that day on. The versions seen only before the day stay as they are,
     * so a restatement costs in proportion to the days from {@code day} on, not to the whole history.
     *
     * @return the histories that followed, each with what was done
     */
    public static List<String> follow(Db d, String snapshotTable, LocalDate day) throws SQLException {
        List<String> done = new ArrayList<>();
        // a snapshot table without a history (the common case) costs one query of the registry alone; joining the catalog
        // (to skip a registered history whose table was dropped) triples it
        if (d.queryLong("SELECT count(*) FROM bfs.tables WHERE kind = 'HISTORY' AND lower(source_table) = lower(?)", snapshotTable) == 0) {
            return done;
        }
        List<Object[]> histories = d.query("SELECT m.name, m.key_columns, m.built_through, m.needs_rebuild FROM bfs.tables m"
                + " JOIN duckdb_tables() t ON t.table_name = m.name AND t.schema_name = 'main' AND t.database_name = current_database()"
                + " WHERE m.kind = 'HISTORY' AND lower(m.source_table) = lower(?) ORDER BY m.name",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getBoolean(4)},
                snapshotTable);
        Optional<SnapshotTable> found = histories.isEmpty() ? Optional.empty() : SnapshotTable.find(d, snapshotTable);
        if (found.isEmpty()) {
            return done;
        }
        SnapshotTable source = found.get();
        String date = Db.ident(source.dateColumn());
        for (Object[] h : histories) {
            String history = (String) h[0];
            Shape shape = Shape.of(d, source, List.of(((String) h[1]).split(",")));
            LocalDate builtThrough = (LocalDate) h[2];
            requireOneRowPerKeyAndDay(d, source, shape, date + " = " + dateLiteral(day));
            Optional<LocalDate> before = d.queryOne("SELECT max(" + date + ") FROM " + Db.ident(source.name()) + " WHERE " + date
                    + " < ?", rs -> rs.getObject(1, LocalDate.class), day);
            String what;
            if ((Boolean) h[3] || builtThrough == null || before.isEmpty()) {
                d.execute("CREATE OR REPLACE TABLE " + Db.ident(history) + " AS " + fullBuild(source, shape));
                what = history + " rebuilt from every snapshot day";
            } else if (day.isAfter(builtThrough)) {
                extend(d, source, shape, history, builtThrough);
                what = history + " extended to " + day;
            } else {
                // back to the history as it stood after the last day before this one, then fold this day and the later ones
                String h2 = Db.ident(history);
                d.update("DELETE FROM " + h2 + " WHERE valid_from >= ?", day);
                d.update("UPDATE " + h2 + " SET valid_to = NULL WHERE valid_to > ?", before.get());
                extend(d, source, shape, history, before.get());
                what = history + " restated from " + day;
            }
            LocalDate last = d.queryOne("SELECT max(" + date + ") FROM " + Db.ident(source.name()), rs -> rs.getObject(1, LocalDate.class))
                    .orElse(day);
            d.update("UPDATE bfs.tables SET built_through = ?, needs_rebuild = false WHERE name = ?", last, history);
            done.add(what);
        }
        return done;
    }

    private static void requireOneRowPerKeyAndDay(Db d, SnapshotTable source, Shape shape, String where) throws SQLException {
        KeyCheck.requireNoNullKey(d, source.name(), source.dateColumn(), shape.keys(), where);
        String keys = shape.keys().stream().map(Db::ident).collect(Collectors.joining(", "));
        String date = Db.ident(source.dateColumn());
        Optional<String> dup = d.queryOne("SELECT " + date + ", " + keys + ", count(*) FROM " + Db.ident(source.name())
                + " WHERE " + where + " GROUP BY ALL HAVING count(*) > 1 ORDER BY ALL LIMIT 1", rs -> {
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < shape.keys().size(); i++) {
                        parts.add(shape.keys().get(i) + "=" + rs.getString(i + 2));
                    }
                    return "key " + String.join(", ", parts) + " appears " + rs.getLong(shape.keys().size() + 2)
                            + " times on " + rs.getString(1);
                });
        if (dup.isPresent()) {
            throw BackfillException.badInput(source.name() + ": " + dup.get() + "; a history needs one row per key and day.");
        }
    }

    private static String fullBuild(SnapshotTable source, Shape shape) {
        String date = Db.ident(source.dateColumn());
        return """
                WITH days AS (
                    SELECT %1$s, row_number() OVER (ORDER BY %1$s) AS %2$s
                    FROM (SELECT DISTINCT %3$s AS %1$s FROM %4$s)),
                versions AS (
                    SELECT %5$s, min(%1$s) AS valid_from, max(%2$s) AS __bfs_last
                    FROM (SELECT %6$s, d.%1$s, d.%2$s,
                                 d.%2$s - row_number() OVER (PARTITION BY %6$s ORDER BY d.%2$s) AS __bfs_island
                          FROM %4$s s JOIN days d ON s.%3$s = d.%1$s)
                    GROUP BY %5$s, __bfs_island)
                SELECT %7$s, v.valid_from, n.%1$s AS valid_to
                FROM versions v LEFT JOIN days n ON n.%2$s = v.__bfs_last + 1
                ORDER BY %8$s, v.valid_from
                """.formatted(DAY, DAY_NO, date, Db.ident(source.name()), shape.columns(), shape.columns("s."),
                shape.columns("v."), shape.keyList("v."));
    }

    /**
     * Folds the days after {@code through} in: the open versions join the new days' rows as day 0, so
     * islands that contain day 0 continue an open version (only its valid_to changes) and the others
     * are new versions.
     */
    private static void extend(Db d, SnapshotTable source, Shape shape, String history, LocalDate through)
            throws SQLException {
        String date = Db.ident(source.dateColumn());
        String h = Db.ident(history);
        d.execute("CREATE OR REPLACE TEMP TABLE " + EXTENSION + " AS " + """
                WITH days AS (
                    SELECT %1$s, row_number() OVER (ORDER BY %1$s) AS %2$s
                    FROM (SELECT DISTINCT %3$s AS %1$s FROM %4$s WHERE %3$s > %9$s)),
                observed AS (
                    SELECT %5$s, %9$s AS %1$s, 0::BIGINT AS %2$s FROM %10$s WHERE valid_to IS NULL
                    UNION ALL
                    SELECT %6$s, d.%1$s, d.%2$s FROM %4$s s JOIN days d ON s.%3$s = d.%1$s),
                versions AS (
                    SELECT %5$s, min(%1$s) AS valid_from, min(%2$s) AS __bfs_first, max(%2$s) AS __bfs_last
                    FROM (SELECT *, %2$s - row_number() OVER (PARTITION BY %5$s ORDER BY %2$s) AS __bfs_island FROM observed)
                    GROUP BY %5$s, __bfs_island)
                SELECT %7$s, v.valid_from, n.%1$s AS valid_to, v.__bfs_first = 0 AS __bfs_continues
                FROM versions v LEFT JOIN days n ON n.%2$s = v.__bfs_last + 1
                """.formatted(DAY, DAY_NO, date, Db.ident(source.name()), shape.columns(), shape.columns("s."),
                shape.columns("v."), shape.keyList("v."), dateLiteral(through), h));
        String sameKey = shape.keys().stream().map(k -> h + "." + Db.ident(k) + " IS NOT DISTINCT FROM e." + Db.ident(k))
                .collect(Collectors.joining(" AND "));
        d.execute("UPDATE " + h + " SET valid_to = e.valid_to FROM " + EXTENSION + " e WHERE " + h + ".valid_to IS NULL"
                + " AND e.__bfs_continues AND e.valid_to IS NOT NULL AND " + sameKey);
        d.execute("INSERT INTO " + h + " (" + shape.columns() + ", valid_from, valid_to) SELECT " + shape.columns()
                + ", valid_from, valid_to FROM " + EXTENSION + " WHERE NOT __bfs_continues");
        d.execute("DROP TABLE " + EXTENSION);
    }

    private void step(String description) {
        if (cancelled) {
            throw BackfillException.failed("cancelled", null);
        }
        steps.accept(description);
    }

    private static BackfillException cancelledSentence(String history, Exception cause) {
        return BackfillException.failed("Building " + history + " was cancelled; the previous history is unchanged.", cause);
    }

    private static String dateLiteral(LocalDate day) {
        return "DATE '" + day + "'";
    }

    /** The snapshot's columns as the history keeps them: every column but the date, in the snapshot's order. */
    private record Shape(List<String> keys, List<String> columnList) {

        static Shape of(Db db, SnapshotTable source, List<String> keyColumns) throws SQLException {
            List<String> all = TableColumns.of(db, source.name()).stream().map(TableColumn::name).toList();
            if (keyColumns.isEmpty()) {
                throw BackfillException.badInput("Name the key columns of " + source.name() + " (e.g. --key id).");
            }
            List<String> keys = new ArrayList<>();
            for (String k : keyColumns) {
                String key = all.stream().filter(c -> c.equalsIgnoreCase(k.strip())).findFirst().orElseThrow(() ->
                        BackfillException.badInput(source.name() + " has no column " + k.strip() + " (its columns: "
                                + String.join(", ", all) + ")."));
                if (key.equalsIgnoreCase(source.dateColumn())) {
                    throw BackfillException.badInput(key + " is the snapshot date of " + source.name()
                            + ", not part of the key.");
                }
                if (keys.contains(key)) {
                    throw BackfillException.badInput("The key names " + key + " twice.");
                }
                keys.add(key);
            }
            for (String c : all) {
                if (c.equalsIgnoreCase("valid_from") || c.equalsIgnoreCase("valid_to")) {
                    throw BackfillException.badInput(source.name() + " has a column " + c
                            + ", which its history adds itself; rename that column.");
                }
            }
            List<String> kept = all.stream().filter(c -> !c.equalsIgnoreCase(source.dateColumn())).toList();
            return new Shape(List.copyOf(keys), kept);
        }

        /** Every column but the date, in the snapshot's order. */
        String columns() {
            return columns("");
        }

        String columns(String prefix) {
            return columnList.stream().map(c -> prefix + Db.ident(c)).collect(Collectors.joining(", "));
        }

        String keyList(String prefix) {
            return keys.stream().map(c -> prefix + Db.ident(c)).collect(Collectors.joining(", "));
        }
    }
}
