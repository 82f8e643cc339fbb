package dev.backfillstudio.run;

import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowHash;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The identity inputs have now, as lineage records them: per day from the ledger of input days
 * ({@code bfs.input_days}) and the jobs' partitions, per whole table from the ledger or, for tables
 * the app does not track by day, from a hash of the table's rows. Run and status read identities
 * through this one class, so what a run records and what status compares it with are computed alike.
 */
final class InputIdentities {

    /** What the workspace's metadata says of a table. */
    record Registered(String name, String kind, String dateColumn, String sourceTable, LocalDate builtThrough) {
    }

    private final Db db;
    private final Map<String, Registered> catalog = new HashMap<>();
    private final Map<String, String> jobByTarget = new HashMap<>();
    private final Map<String, String> wholeTables = new HashMap<>();
    private Set<String> tables;

    private InputIdentities(Db db) {
        this.db = db;
    }

    static InputIdentities load(Db db) throws SQLException {
        return load(db, null);
    }

    /**
     * With the lower-case names of the workspace's tables when the caller has just read them (a query's
     * reads list every table's columns), so no check asks the catalog again; null to ask when needed.
     */
    static InputIdentities load(Db db, Set<String> tables) throws SQLException {
        InputIdentities ids = new InputIdentities(db);
        ids.tables = tables;
        for (Registered r : db.query("SELECT name, kind, date_column, source_table, built_through FROM bfs.tables",
                rs -> new Registered(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class)))) {
            ids.catalog.put(lower(r.name()), r);
        }
        for (String[] r : db.query("SELECT target, name FROM bfs.jobs", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            ids.jobByTarget.put(lower(r[0]), r[1]);
        }
        return ids;
    }

    Optional<Registered> registered(String table) {
        return Optional.ofNullable(catalog.get(lower(table)));
    }

    /** The job whose output {@code table} is, if any. */
    Optional<String> jobWriting(String table) {
        return Optional.ofNullable(jobByTarget.get(lower(table)));
    }

    /**
     * The identity of each day in [from, to] of a day-kind input; a day missing from the map has
     * {@link #absentIdentity} of its kind.
     */
    Map<LocalDate, String> days(InputKind kind, String table, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, String> out = new HashMap<>();
        switch (kind) {
            case SNAPSHOT_DAY, EVENT_DAY -> {
                for (Object[] r : ledger(registered(table).map(Registered::name).orElse(table), from, to)) {
                    out.put((LocalDate) r[0], (String) r[1]);
                }
            }
            case HISTORY_DAY -> {
                // the history holds, on each day, the snapshot last loaded on or before it
                Optional<String> source = registered(table).map(Registered::sourceTable);
                if (source.isPresent()) {
                    TreeMap<LocalDate, String> snapshots = new TreeMap<>();
                    for (Object[] r : ledger(source.get(), LocalDate.of(1, 1, 1), to)) {
                        snapshots.put((LocalDate) r[0], (String) r[1]);
                    }
                    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                        Map.Entry<LocalDate, String> in = snapshots.floorEntry(d);
                        if (in != null) {
                            out.put(d, in.getKey() + "/" + in.getValue());
                        }
                    }
                }
            }
            case JOB_DAY -> {
                Optional<String> job = jobWriting(table);
                if (job.isPresent()) {
                    for (Object[] r : db.query("SELECT day, rows, fingerprint FROM bfs.partitions WHERE job = ?"
                            + " AND day BETWEEN ? AND ? AND fingerprint IS NOT NULL",
                            rs -> new Object[] {rs.getObject(1, LocalDate.class), RowHash.identity(rs.getLong(2), rs.getString(3))},
                            job.get(), from, to)) {
                        out.put((LocalDate) r[0], (String) r[1]);
                    }
                }
            }
            case TABLE -> throw new IllegalArgumentException("a whole-table input has no days");
            default -> throw new IllegalStateException(kind.name());
        }
        return out;
    }

    /** The identity a day-kind input has on a day the ledger does not list. */
    static String absentIdentity(InputKind kind) {
        return kind == InputKind.EVENT_DAY || kind == InputKind.JOB_DAY ? InputIdentity.EMPTY : InputIdentity.ABSENT;
    }

    /**
     * The identity of a whole table, computed once per instance: from the ledger for tables the app
     * tracks by day (snapshots, their histories, event tables, job outputs), else from its rows.
     */
    String whole(String table) throws SQLException {
        String key = lower(table);
        String known = wholeTables.get(key);
        if (known != null) {
            return known;
        }
        Optional<Registered> reg = registered(table);
        String kind = reg.map(Registered::kind).orElse("OTHER");
        String identity;
        if (kind.equals("SNAPSHOT") || kind.equals("EVENT") || kind.equals("HISTORY")) {
            String ledgerTable = kind.equals("HISTORY") ? reg.get().sourceTable() : reg.get().name();
            identity = db.queryOne("SELECT count(*), coalesce(sum(rows), 0), printf('%x', coalesce(sum(hash(day, fingerprint)), 0))"
                    + " FROM bfs.input_days WHERE lower(table_name) = lower(?)",
                    rs -> rs.getLong(1) + " days/" + RowHash.identity(rs.getLong(2), rs.getString(3)), ledgerTable).orElseThrow();
        } else if (jobWriting(table).isPresent()) {
            identity = db.queryOne("SELECT count(*), coalesce(sum(rows), 0), printf('%x', coalesce(sum(hash(day, fingerprint)), 0))"
                    + " FROM bfs.partitions WHERE job = ? AND fingerprint IS NOT NULL",
                    rs -> rs.getLong(1) + " days/" + RowHash.identity(rs.getLong(2), rs.getString(3)), jobWriting(table).get())
                    .orElseThrow();
        } else {
            Optional<String> name = db.queryOne("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                    + " AND schema_name = 'main' AND lower(table_name) = ?", rs -> rs.getString(1), key);
            identity = name.isEmpty() ? InputIdentity.ABSENT
                    : db.queryOne("SELECT count(*), " + RowHash.sql(db, name.get()) + " FROM " + Db.ident(name.get()),
                            rs -> RowHash.identity(rs.getLong(1), rs.getString(2))).orElseThrow();
        }
        wholeTables.put(key, identity);
        return identity;
    }

    /**
     * The first and last day a snapshot table holds, read from the table itself (not the ledger), so a
     * day removed by hand counts as absent.
     */
    Optional<LocalDate[]> snapshotRange(String table) throws SQLException {
        Optional<Registered> reg = registered(table).filter(r -> r.dateColumn() != null);
        if (reg.isEmpty() || !exists(reg.get().name())) {
            return Optional.empty();
        }
        String col = Db.ident(reg.get().dateColumn());
        return db.queryOne("SELECT min(" + col + ")::DATE, max(" + col + ")::DATE FROM " + Db.ident(reg.get().name()),
                rs -> rs.getObject(1) == null ? null : new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)});
    }

    /**
     * The days in [from, to] on which a snapshot table holds rows. The ledger lists them; one count of
     * the table's rows in the range (answered from DuckDB's row-group statistics when whole row groups
     * fall in it) confirms the ledger still matches the table. When it does not (rows deleted or added
     * by hand), the days are read from the table itself, so a day removed by hand counts as absent.
     */
    Set<LocalDate> snapshotDays(String table, LocalDate from, LocalDate to) throws SQLException {
        return snapshotDays(table, from, to, null);
    }

    /** With the ledger's identities of the table's days in [from, to] when the caller has read them (null: read them). */
    Set<LocalDate> snapshotDays(String table, LocalDate from, LocalDate to, Map<LocalDate, String> ledgerDays) throws SQLException {
        Optional<Registered> reg = registered(table).filter(r -> r.dateColumn() != null);
        Set<LocalDate> out = new HashSet<>();
        if (reg.isPresent() && exists(reg.get().name())) {
            String col = Db.ident(reg.get().dateColumn());
            String t = Db.ident(reg.get().name());
            Map<LocalDate, String> ledger = ledgerDays;
            if (ledger == null) {
                ledger = new HashMap<>();
                for (Object[] r : ledger(reg.get().name(), from, to)) {
                    ledger.put((LocalDate) r[0], (String) r[1]);
                }
            }
            long ledgerRows = 0;
            for (Map.Entry<LocalDate, String> e : ledger.entrySet()) {
                if (!e.getKey().isBefore(from) && !e.getKey().isAfter(to)) {
                    out.add(e.getKey());
                    ledgerRows += Long.parseLong(InputIdentity.rowsOf(e.getValue()));
                }
            }
            if (db.queryLong("SELECT count(*) FROM " + t + " WHERE " + col + " BETWEEN ? AND ?", from, to) != ledgerRows) {
                out.clear();
                out.addAll(db.query("SELECT DISTINCT " + col + "::DATE FROM " + t + " WHERE " + col + " BETWEEN ? AND ?",
                        rs -> rs.getObject(1, LocalDate.class), from, to));
            }
        }
        return out;
    }

    private boolean exists(String table) throws SQLException {
        if (tables != null) {
            return tables.contains(lower(table));
        }
        return db.queryLong("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                + " AND schema_name = 'main' AND lower(table_name) = lower(?)", table) > 0;
    }

    private List<Object[]> ledger(String table, LocalDate from, LocalDate to) throws SQLException {
        // the fingerprints as bytes (Db.utf8): a year of days is 365 texts per table
        return db.query("SELECT day, rows, encode(fingerprint) FROM bfs.input_days WHERE lower(table_name) = lower(?) AND day BETWEEN ? AND ?",
                rs -> new Object[] {rs.getObject(1, LocalDate.class), RowHash.identity(rs.getLong(2), Db.utf8(rs.getBytes(3)))},
                table, from, to);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
