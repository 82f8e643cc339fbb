package dev.backfillstudio.run;

import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableColumn;
import dev.backfillstudio.workspace.TableColumns;
import dev.backfillstudio.workspace.Workspace;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The rows that reruns, undos and restores replace, kept in the workspace so that any attempt of a day
 * can be put back. Each job output {@code T} has one table {@code bfs."kept_T"}: the columns of {@code T}
 * plus {@value #ATTEMPT_COLUMN}, the run id of the attempt whose rows they are. {@code bfs.kept} indexes
 * the kept sets (job, day, attempt, the run that replaced them, rows). A set's index row is written in the
 * transaction that replaces the day, with its rows. For a rerun of many changing days the rows are copied
 * all at once before the first day ({@link #keepAhead}, listed in {@code bfs.kept_ahead}), and a copy is
 * a kept set exactly when the run's attempt of its day replaced the day's rows: the day's own commit then
 * writes nothing more, and {@link #settle} turns the claimed copies into index rows and drops the others
 * when the run ends (or, after a killed run, before the next one touches the job). Until then readers see
 * both through {@link #SETS}. Rows that are no set are never read. Sets are pruned with their index rows
 * in one transaction, so a set is whole or absent. The copies run inside DuckDB ({@code INSERT ... SELECT});
 * no row passes through Java.
 *
 * <p>Retention is per workspace: the last {@value #DEFAULT_VERSIONS} replaced versions of each day unless
 * changed ({@code bfs.meta kept_versions}; 0 keeps nothing). Rows equal to a set already kept for the day
 * (same fingerprint) are not copied again: that set is marked as replaced anew, by the day's commit or, for
 * the days {@link #keepAhead} lists, by {@link #settle} (until then it shows the run that replaced it before).
 */
public final class KeptRows {

    public static final String ATTEMPT_COLUMN = "bfs_kept_attempt";
    public static final int DEFAULT_VERSIONS = 3;
    private static final String SETTING = "kept_versions";

    /**
     * The copies made ahead whose day the copying run then replaced (its attempt succeeded and changed rows),
     * as index rows: job, day, attempt, replaced_by, rows, kept_at.
     */
    private static final String CLAIMED = "SELECT p.job, p.day, p.attempt, p.run_id AS replaced_by, a.previous_rows AS rows,"
            + " a.started_at AS kept_at FROM bfs.kept_ahead p JOIN bfs.attempts a ON a.run_id = p.run_id AND a.job = p.job"
            + " AND a.day = p.day WHERE a.outcome = 'SUCCEEDED' AND a.added + a.removed > 0"
            // a copy indexed already (by a build that wrote the index row with the day) is that set
            + " AND NOT EXISTS (SELECT 1 FROM bfs.kept i WHERE i.job = p.job AND i.day = p.day AND i.attempt = p.attempt)";

    /**
     * The sets kept already that a run listed ahead, because a day it expected to replace held their rows again,
     * and whose day the run then replaced: each is marked as replaced by that run, at that attempt's start.
     */
    private static final String RETAKEN = "UPDATE bfs.kept i SET replaced_by = p.run_id, kept_at = a.started_at FROM bfs.kept_ahead p"
            + " JOIN bfs.attempts a ON a.run_id = p.run_id AND a.job = p.job AND a.day = p.day WHERE a.outcome = 'SUCCEEDED'"
            + " AND a.added + a.removed > 0 AND i.job = p.job AND i.day = p.day AND i.attempt = p.attempt AND p.job = ?";

    /** Every kept set: those indexed, and the claimed copies of a run not yet settled ({@link #settle}). */
    static final String SETS = "(SELECT job, day, attempt, replaced_by, rows, kept_at FROM bfs.kept UNION ALL " + CLAIMED + ")";

    /** What the kept rows of one job cost: sets (replaced versions), days, rows, and bytes on disk. */
    public record Usage(String job, String target, long versions, long days, long rows, long bytes) {
    }

    private KeptRows() {
    }

    /** The kept-rows table of job output {@code target}, quoted. */
    static String table(String target) {
        return "bfs." + Db.ident(tableName(target));
    }

    private static String tableName(String target) {
        return "kept_" + target;
    }

    /** Creates the kept table of a job output, or widens it to the columns the output has gained since. */
    static void prepare(Db db, String target) throws SQLException {
        Map<String, String> kept = columns(db, "bfs", tableName(target));
        if (kept.isEmpty()) {
            db.execute("CREATE TABLE " + table(target) + " AS SELECT *, NULL::BIGINT AS " + ATTEMPT_COLUMN + " FROM "
                    + Db.ident(target) + " LIMIT 0");
            return;
        }
        for (Map.Entry<String, String> c : columns(db, "main", target).entrySet()) {
            if (!kept.containsKey(c.getKey().toLowerCase(Locale.ROOT))) {
                db.execute("ALTER TABLE " + table(target) + " ADD COLUMN " + Db.ident(c.getKey()) + " " + c.getValue());
            }
        }
    }

    /** The columns of a table of this database, in order: name (lower case for bfs tables) and type. */
    private static Map<String, String> columns(Db db, String schema, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (TableColumn c : TableColumns.of(db, schema, table)) {
            out.put(schema.equals("bfs") ? c.name().toLowerCase(Locale.ROOT) : c.name(), c.type());
        }
        return out;
    }

    /** The target's column list, quoted, in the target's order: what a restore copies back. */
    static String targetColumns(Db db, String target) throws SQLException {
        return String.join(", ", columns(db, "main", target).keySet().stream().map(Db::ident).toList());
    }

    /** How many replaced versions of each day the workspace keeps. */
    public static int retention(Db db) throws SQLException {
        return db.queryOne("SELECT value FROM bfs.meta WHERE key = ?", rs -> rs.getString(1), SETTING)
                .map(Integer::parseInt).orElse(DEFAULT_VERSIONS);
    }

    /** The number of replaced versions each day keeps from now on; the sets beyond it are pruned at once. */
    public static long keep(Workspace ws, int versions) {
        if (versions < 0) {
            throw BackfillException.badInput("--keep " + versions + " is negative; give how many replaced versions of each day"
                    + " to keep (0 keeps none).");
        }
        ws.requireWritable();
        try {
            return ws.db().inTransaction(d -> {
                d.update("INSERT OR REPLACE INTO bfs.meta VALUES (?, ?)", SETTING, Integer.toString(versions));
                return pruneAll(d, versions);
            });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot prune the kept rows of " + ws.file() + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** Prunes every job's kept sets to the workspace's retention; returns how many sets went. */
    public static long prune(Workspace ws) {
        ws.requireWritable();
        try {
            return ws.db().inTransaction(d -> pruneAll(d, retention(d)));
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot prune the kept rows of " + ws.file() + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    private static long pruneAll(Db d, int versions) throws SQLException {
        long dropped = 0;
        for (String[] job : d.query("SELECT name, target FROM bfs.jobs ORDER BY name", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            settle(d, job[0], job[1]);
            dropped += prune(d, job[0], job[1], versions, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));
        }
        return dropped;
    }

    /**
     * Drops the kept sets of a job's days in [from, to] beyond the {@code versions} replaced last, rows and
     * index rows alike, in the caller's transaction; returns how many sets went.
     */
    static long prune(Db db, String job, String target, int versions, LocalDate from, LocalDate to) throws SQLException {
        String beyond = "(SELECT day, attempt FROM (SELECT day, attempt, row_number() OVER (PARTITION BY day"
                + " ORDER BY replaced_by DESC, attempt DESC) AS n FROM bfs.kept WHERE job = ? AND day BETWEEN ? AND ?) WHERE n > ?)";
        long sets = db.queryLong("SELECT count(*) FROM " + beyond, job, from, to, versions);
        if (sets == 0) {
            return 0;
        }
        if (!columns(db, "bfs", tableName(target)).isEmpty()) {
            db.update("DELETE FROM " + table(target) + " k USING " + beyond + " d WHERE k." + ATTEMPT_COLUMN + " = d.attempt"
                    + " AND k.partition_date = d.day", job, from, to, versions);
        }
        db.update("DELETE FROM bfs.kept k USING " + beyond + " d WHERE k.job = ? AND k.attempt = d.attempt AND k.day = d.day",
                job, from, to, versions, job);
        return sets;
    }

    /** What the kept rows cost, job by job, after a checkpoint so the bytes are those on disk. */
    public static List<Usage> usage(Workspace ws) {
        try {
            Db db = ws.db();
            if (!ws.readOnly()) {
                db.execute("CHECKPOINT");
            }
            long block = db.queryLong("SELECT block_size FROM pragma_database_size() LIMIT 1");
            List<Usage> out = new ArrayList<>();
            for (String[] job : db.query("SELECT name, target FROM bfs.jobs ORDER BY name", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                long[] sets = db.queryOne("SELECT count(*), count(DISTINCT day), coalesce(sum(rows), 0) FROM " + SETS + " WHERE job = ?",
                        rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, job[0]).orElseThrow();
                long bytes = 0;
                if (!columns(db, "bfs", tableName(job[1])).isEmpty()) {
                    // the blocks the kept table occupies; a block shared with another table counts whole
                    bytes = block * db.queryLong("SELECT count(DISTINCT block_id) FROM pragma_storage_info(?) WHERE persistent",
                            "bfs." + tableName(job[1]));
                }
                out.add(new Usage(job[0], job[1], sets[0], sets[1], sets[2], bytes));
            }
            return out;
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the kept rows of " + ws.file() + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /**
     * The kept set holding the rows of an attempt of a day: the set kept for that attempt, or one kept for
     * another attempt of the day with the same rows (same fingerprint and count).
     */
    static Optional<Long> setFor(Db db, String job, LocalDate day, long attempt) throws SQLException {
        return db.queryOne("SELECT k.attempt FROM " + SETS + " k JOIN bfs.attempts a ON a.job = k.job AND a.day = k.day"
                + " AND a.run_id = k.attempt JOIN bfs.attempts s ON s.job = k.job AND s.day = k.day AND s.run_id = ?"
                + " WHERE k.job = ? AND k.day = ? AND (k.attempt = s.run_id OR (a.fingerprint = s.fingerprint AND a.rows = s.rows))"
                + " ORDER BY k.attempt = s.run_id DESC, k.replaced_by DESC LIMIT 1", rs -> rs.getLong(1), attempt, job, day);
    }

    /** A kept set of a day: the attempt whose rows it holds, that attempt's fingerprint and rows, and the run that replaced them last. */
    record KeptSet(long attempt, String fingerprint, long rows, long replacedBy) {
    }

    /** The kept sets of a job's days in [from, to], read at once (an undo of many days asks for them all). */
    static Map<LocalDate, List<KeptSet>> setsBetween(Db db, String job, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, List<KeptSet>> out = new HashMap<>();
        for (Object[] r : db.query("SELECT k.day, k.attempt, a.fingerprint, a.rows, k.replaced_by FROM " + SETS + " k JOIN bfs.attempts a"
                + " ON a.job = k.job AND a.day = k.day AND a.run_id = k.attempt WHERE k.job = ? AND k.day BETWEEN ? AND ?",
                rs -> new Object[] {rs.getObject(1, LocalDate.class), new KeptSet(rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5))}, job, from, to)) {
            out.computeIfAbsent((LocalDate) r[0], d -> new ArrayList<>()).add((KeptSet) r[1]);
        }
        return out;
    }

    /**
     * Among a day's kept sets, the one holding the rows of {@code attempt}: its own set, else the set last
     * replaced among those with the same fingerprint and count (as {@link #setFor(Db, String, LocalDate, long)}).
     */
    static Optional<Long> setFor(List<KeptSet> sets, long attempt, String fingerprint, long rows) {
        return sets.stream().filter(k -> k.attempt() == attempt).findFirst()
                .or(() -> sets.stream().filter(k -> Objects.equals(k.fingerprint(), fingerprint) && k.rows() == rows)
                        .max(Comparator.comparingLong(KeptSet::replacedBy)))
                .map(KeptSet::attempt);
    }

    /** The attempts (run ids) of a day whose rows are kept, and the fingerprints of those rows. */
    static Map<Long, String> keptSets(Db db, String job, LocalDate day) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        for (Object[] r : db.query("SELECT k.attempt, a.fingerprint FROM " + SETS + " k LEFT JOIN bfs.attempts a ON a.job = k.job"
                + " AND a.day = k.day AND a.run_id = k.attempt WHERE k.job = ? AND k.day = ?",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, job, day)) {
            out.put((Long) r[0], (String) r[1]);
        }
        return out;
    }

    /** Per day in [from, to], the fingerprints of the sets kept already, each with the attempt it was kept for. */
    private static Map<LocalDate, Map<String, Long>> keptSets(Db db, String job, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, Map<String, Long>> kept = new HashMap<>();
        for (Object[] r : db.query("SELECT k.day, a.fingerprint, k.attempt FROM " + SETS + " k JOIN bfs.attempts a ON a.job = k.job"
                + " AND a.day = k.day AND a.run_id = k.attempt WHERE k.job = ? AND k.day BETWEEN ? AND ?",
                rs -> new Object[] {rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)}, job, from, to)) {
            kept.computeIfAbsent((LocalDate) r[0], k -> new HashMap<>()).put((String) r[1], (Long) r[2]);
        }
        return kept;
    }

    /** What a day holds when a run starts: the attempt whose rows they are, and their fingerprint. */
    record Held(long attempt, String fingerprint) {
    }

    /**
     * Copies, in one transaction before a run's first day, the rows held now by the days the run expects to
     * replace, leaving out those whose rows are kept already. One bulk write costs a fraction of as many
     * small ones, each in its own day's commit, and the day's commit then writes nothing for them: its attempt
     * claims the copy ({@link #CLAIMED}), and {@link #settle} indexes the claimed copies and drops the others.
     * A day whose rows are kept already is listed with that set, which {@link #settle} marks as replaced anew
     * when the day was ({@link #RETAKEN}), instead of an update in the day's commit.
     * Copies a killed run left are settled first, so a day is never copied twice.
     *
     * @return the days listed: their rows copied, or kept already
     */
    static Set<LocalDate> keepAhead(Db db, String job, String target, Map<LocalDate, Held> held, long runId,
            Cancellation cancellation) throws SQLException {
        settle(db, job, target);
        if (held.isEmpty()) {
            return Set.of();
        }
        LocalDate from = Collections.min(held.keySet());
        LocalDate to = Collections.max(held.keySet());
        Map<LocalDate, Map<String, Long>> kept = keptSets(db, job, from, to);
        TreeMap<LocalDate, Long> copies = new TreeMap<>();
        // every day held: the attempt whose rows it holds, or the set kept already with the same rows
        TreeMap<LocalDate, Long> listed = new TreeMap<>();
        for (Map.Entry<LocalDate, Held> e : new TreeMap<>(held).entrySet()) {
            Long same = kept.getOrDefault(e.getKey(), Map.of()).get(e.getValue().fingerprint());
            if (same == null) {
                copies.put(e.getKey(), e.getValue().attempt());
            }
            listed.put(e.getKey(), same != null ? same : e.getValue().attempt());
        }
        db.inTransaction(d -> {
            // the list goes through DuckDB's appender, in this transaction (begun by the statement before it): an
            // INSERT of a year's VALUES cost ~20 ms to parse and bind
            d.update("DELETE FROM bfs.kept_ahead WHERE job = ?", job);
            try (DuckDBAppender appender = d.connection().unwrap(DuckDBConnection.class).createAppender("bfs", "kept_ahead")) {
                for (Map.Entry<LocalDate, Long> e : listed.entrySet()) {
                    appender.beginRow();
                    appender.append(job);
                    appender.append(e.getKey());
                    appender.append(e.getValue());
                    appender.append(runId);
                    appender.endRow();
                }
                appender.flush();
            }
            for (String sql : copyStatements(target, copies)) {
                try (PreparedStatement copy = d.connection().prepareStatement(sql)) {
                    cancellation.executeUpdate(copy);
                }
            }
            return null;
        });
        return listed.keySet();
    }

    /** Runs of consecutive days beyond which the days are joined with their list instead of filtered by range. */
    private static final int MAX_RANGES = 32;

    /**
     * The statements that copy {@code copies} (day to the attempt whose rows it holds). Usually one per attempt,
     * whose days are read as runs of consecutive days: a filter on the date, which DuckDB prunes by its zone maps,
     * costs a quarter less than a join with the list of days (6 M rows: 0.32 s against 0.43 s), and a rerun's days
     * mostly hold the rows of one run. Days scattered over many runs of days and attempts are joined with their list.
     */
    static List<String> copyStatements(String target, TreeMap<LocalDate, Long> copies) {
        if (copies.isEmpty()) {
            return List.of();
        }
        String into = "INSERT INTO " + table(target) + " BY NAME SELECT t.*, ";
        Map<Long, List<LocalDate>> byAttempt = new LinkedHashMap<>();
        copies.forEach((day, attempt) -> byAttempt.computeIfAbsent(attempt, a -> new ArrayList<>()).add(day));
        Map<Long, List<DaySet.Range>> ranges = new LinkedHashMap<>();
        byAttempt.forEach((attempt, days) -> ranges.put(attempt, DaySet.of(days).ranges()));
        if (ranges.values().stream().mapToInt(List::size).sum() > MAX_RANGES) {
            StringBuilder values = new StringBuilder();
            copies.forEach((day, a) -> values.append(values.length() == 0 ? "" : ", ").append("(DATE '").append(day).append("', ")
                    .append(a).append(')'));
            return List.of(into + "v.attempt AS " + ATTEMPT_COLUMN + " FROM " + Db.ident(target) + " t JOIN (VALUES " + values
                    + ") v(day, attempt) ON t.partition_date = v.day");
        }
        List<String> statements = new ArrayList<>();
        ranges.forEach((attempt, runs) -> statements.add(into + attempt + "::BIGINT AS " + ATTEMPT_COLUMN + " FROM " + Db.ident(target)
                + " t WHERE " + String.join(" OR ", runs.stream().map(KeptRows::between).toList())));
        return statements;
    }

    private static String between(DaySet.Range r) {
        return r.from().equals(r.to()) ? "t.partition_date = DATE '" + r.from() + "'"
                : "t.partition_date BETWEEN DATE '" + r.from() + "' AND DATE '" + r.to() + "'";
    }

    /**
     * Settles the copies made ahead for {@code job}, in one transaction: those whose day the copying run
     * replaced become kept sets (their index rows are written), the others (the day came out the same, was
     * blocked or failed, or the process died first) are dropped, the sets kept already that the run listed
     * and replaced are marked as replaced by it, and the list is emptied.
     */
    static void settle(Db db, String job, String target) throws SQLException {
        if (db.queryLong("SELECT count(*) FROM bfs.kept_ahead WHERE job = ?", job) == 0) {
            return;
        }
        db.inTransaction(d -> {
            // before the claimed copies are indexed, which would match too
            d.update(RETAKEN, job);
            d.update("INSERT INTO bfs.kept (job, day, attempt, replaced_by, rows, kept_at) SELECT * FROM (" + CLAIMED + ") c"
                    + " WHERE c.job = ?", job);
            // when every day copied ahead was replaced (the usual case), the kept rows need no scan
            long unclaimed = d.queryLong("SELECT count(*) FROM bfs.kept_ahead p WHERE p.job = ? AND NOT EXISTS (SELECT 1 FROM bfs.kept i"
                    + " WHERE i.job = p.job AND i.day = p.day AND i.attempt = p.attempt)", job);
            if (unclaimed > 0 && !columns(d, "bfs", tableName(target)).isEmpty()) {
                d.update("DELETE FROM " + table(target) + " k USING bfs.kept_ahead p WHERE p.job = ? AND k.partition_date = p.day"
                        + " AND k." + ATTEMPT_COLUMN + " = p.attempt AND NOT EXISTS (SELECT 1 FROM bfs.kept i"
                        + " WHERE i.job = p.job AND i.day = p.day AND i.attempt = p.attempt)", job);
            }
            d.update("DELETE FROM bfs.kept_ahead WHERE job = ?", job);
            return null;
        });
    }

    /**
     * Keeps, on one session, the rows days hold before they are replaced. Its statements are prepared once
     * and run in the caller's per-day transaction, through the caller's {@link Cancellation}.
     */
    static final class Writer implements AutoCloseable {
        private final String job;
        private final Cancellation cancellation;
        private final PreparedStatement copy;
        private final PreparedStatement index;
        private final PreparedStatement touch;
        /** Per day, the fingerprints of the sets kept already, each with the attempt it was kept for. */
        private final Map<LocalDate, Map<String, Long>> kept = new HashMap<>();

        Writer(Db db, String job, String target, LocalDate from, LocalDate to, Cancellation cancellation) throws SQLException {
            this.job = job;
            this.cancellation = cancellation;
            kept.putAll(keptSets(db, job, from, to));
            copy = db.connection().prepareStatement("INSERT INTO " + table(target) + " BY NAME SELECT *, ?::BIGINT AS "
                    + ATTEMPT_COLUMN + " FROM " + Db.ident(target) + " WHERE partition_date = ?::DATE");
            index = db.connection().prepareStatement("INSERT INTO bfs.kept (job, day, attempt, replaced_by, rows) VALUES (?, ?, ?, ?, ?)");
            touch = db.connection().prepareStatement("UPDATE bfs.kept SET replaced_by = ?, kept_at = current_timestamp"
                    + " WHERE job = ? AND day = ? AND attempt = ?");
        }

        /**
         * Keeps the rows the day holds now (those of {@code attempt}, with this fingerprint and count) as
         * replaced by run {@code by}. Nothing to keep for an empty day; rows kept already are only marked.
         */
        void keep(LocalDate day, long attempt, String fingerprint, long rows, long by) throws SQLException {
            keep(day, attempt, fingerprint, rows, by, false);
        }

        /**
         * As {@link #keep(LocalDate, long, String, long, long)}; {@code copiedAhead}: {@link #keepAhead} listed the day,
         * having copied its rows or found them kept already, and the day's attempt, once it replaces them, is what
         * makes the copy a kept set or marks the set kept already as replaced anew ({@link #settle}).
         */
        void keep(LocalDate day, long attempt, String fingerprint, long rows, long by, boolean copiedAhead) throws SQLException {
            if (rows == 0) {
                return;
            }
            if (copiedAhead) {
                return; // settle makes the copy a set, or marks the set kept already
            }
            Long same = kept.getOrDefault(day, Map.of()).get(fingerprint);
            if (same != null) {
                run(touch, by, job, day, same);
                return;
            }
            run(copy, attempt, day);
            run(index, job, day, attempt, by, rows);
            kept.computeIfAbsent(day, k -> new HashMap<>()).put(fingerprint, attempt);
        }

        private void run(PreparedStatement st, Object... params) throws SQLException {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            cancellation.executeUpdate(st);
        }

        @Override
        public void close() {
            for (PreparedStatement st : new PreparedStatement[] {copy, index, touch}) {
                try {
                    st.close();
                } catch (SQLException ignored) {
                    // a cancelled statement may already be closed
                }
            }
        }
    }
}
