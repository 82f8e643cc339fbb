package dev.backfillstudio.run;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.JobVersion;
import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.job.QueryGuard;
import dev.backfillstudio.job.QueryReads;
import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Bookkeeping;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.LiveRuns;
import dev.backfillstudio.workspace.RowHash;
import dev.backfillstudio.workspace.Workspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a job's current version over a set of days, in ascending order, on sessions of its own so
 * the app can keep browsing: one, or up to four at once when the days cannot see each other's rows
 * ({@link CommitOverlap}, {@link DayLanes}). Each day is one transaction: delete the day's rows, insert the query's
 * rows with {@code partition_date}, record the attempt. A failing day rolls back (its old rows
 * stay) and its failed attempt is recorded on its own. A day that had output records how many rows
 * the rerun added and removed (see {@code replaceDay}), keeps the rows it replaces ({@link KeptRows}) in
 * the same transaction, and is not committed when that change exceeds the run's limit
 * ({@link RunOptions#maxChangePercent()}): it is recorded BLOCKED and keeps its rows.
 *
 * <p>The per-day statements are prepared once per run and the bookkeeping is one append to
 * {@code bfs.attempts} that also computes the fingerprint ({@code bfs.partitions} is a view over the
 * attempts), so a day costs about what its DELETE and INSERT cost, and overlapping days cost less.
 */
public final class Backfill {

    /**
     * The attempt of a day without earlier output; its rows and fingerprint come back from the insert
     * itself ({@code prepareStatements}), so recording it reads nothing.
     */
    private static final String ATTEMPT_SUCCEEDED = """
            INSERT INTO bfs.attempts (run_id, job, day, version, outcome, rows, fingerprint, previous_rows, added, removed,
                                      started_at, duration_ms, inputs)
            VALUES (?, ?, ?::DATE, ?, 'SUCCEEDED', ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** The attempt of a day that replaced earlier output, whose counts and fingerprint are already known. */
    private static final String ATTEMPT_REPLACED = """
            INSERT INTO bfs.attempts (run_id, job, day, version, outcome, rows, fingerprint, previous_rows, added, removed,
                                      started_at, duration_ms, inputs)
            VALUES (?, ?, ?::DATE, ?, 'SUCCEEDED', ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** A day refused by the change limit: it keeps its rows; the attempt records the change it would have made. */
    private static final String ATTEMPT_BLOCKED = """
            INSERT INTO bfs.attempts (run_id, job, day, version, outcome, previous_rows, added, removed, error, started_at,
                                      duration_ms)
            VALUES (?, ?, ?::DATE, ?, 'BLOCKED', ?, ?, ?, ?, ?, ?)
            """;

    /** A day's new rows, shaped like the target, while they are compared with the rows they replace. */
    private static final String FRESH = "bfs_rerun_fresh";

    private final Workspace ws;
    private final Cancellation cancellation = new Cancellation();
    private volatile EngineBackfill onEngineRun;

    public Backfill(Workspace ws) {
        this.ws = ws;
    }

    public RunSummary run(String job, DaySet days, RunListener listener) {
        return run(job, days, listener, RunOptions.DEFAULT);
    }

    /** Runs the days; with {@code failFast} the first failing day ends the run. */
    public RunSummary run(String job, DaySet days, RunListener listener, boolean failFast) {
        return run(job, days, listener, RunOptions.failFast(failFast));
    }

    /** Runs the days as the options say: stop at the first failure, and the limit on how much a rerun may change a day. */
    public RunSummary run(String job, DaySet days, RunListener listener, RunOptions options) {
        Optional<DayEngine> engine = Engines.open(ws);
        if (engine.isPresent()) {
            // the workspace's tables live in another engine: the same books, kept by the runner for engines
            try (DayEngine e = engine.get()) {
                EngineBackfill onEngine = new EngineBackfill(ws, e);
                onEngineRun = onEngine;
                return onEngine.run(job, days, listener, options);
            } finally {
                onEngineRun = null;
            }
        }
        ws.requireWritable();
        JobStore store = new JobStore(ws);
        Job j = store.get(job);
        if (days.isEmpty()) {
            throw BackfillException.badInput("No days to run for job " + job + ".");
        }
        JobVersion version = store.version(job, j.currentVersion());
        try (JobLock lock = JobLock.take(ws.file(), job)) {
            Db db = ws.newSession();
            cancellation.start(db);
            try {
                // the stored SQL, and what it reaches through the workspace's views and macros, as judged at save
                QueryGuard.requireSafeQuery(db, version.sql());
                return new Execution(db, j, version, days, listener == null ? RunListener.NONE : listener, options).run();
            } catch (SQLException | BackfillException e) {
                if (cancellation.stopped(e)) {
                    // the days stop themselves and are recorded: only the steps before the first can end here
                    throw BackfillException.failed("The run of job " + job + " was cancelled before its first day; no day changed.", e);
                }
                if (e instanceof BackfillException b) {
                    throw b;
                }
                throw BackfillException.failed("The run of job " + job + " failed: " + QueryCheck.duckDbSentence(e.getMessage()), e);
            } finally {
                cancellation.finish();
            }
        }
    }

    /** Stops the run from any thread: no further day starts, and the query running now is interrupted and rolled back. */
    public void cancel() {
        EngineBackfill e = onEngineRun;
        if (e != null) {
            e.cancel();
        }
        cancellation.cancel();
    }

    /** One run's state; lives for the duration of {@link #run}. */
    private final class Execution {
        private final Db db;
        private final Job job;
        private final JobVersion version;
        private final List<LocalDate> days;
        private final RunListener listener;
        private final RunOptions options;
        private List<DayOutcome> outcomes = List.of();
        private final Map<LocalDate, String> previousFingerprints = new HashMap<>();
        private final Map<LocalDate, Long> previousRows = new HashMap<>();
        /** The version whose rows each day holds: a day of another version is expected to change when rerun. */
        private final Map<LocalDate, Integer> previousVersions = new HashMap<>();
        /** The fingerprints of the rows the days with earlier output held when the run started ({@link #fingerprintStored}). */
        private final Map<LocalDate, Fingerprint> stored = new HashMap<>();
        /** The run's days that held rows in the target when it started. */
        private final Set<LocalDate> occupied = new HashSet<>();
        /** The attempt whose rows each day holds now: the key its rows are kept under when replaced. */
        private final Map<LocalDate, Long> heldAttempts = new HashMap<>();
        private int retention;
        /** The days {@link #keepAhead} listed before the first day: their rows copied, or found kept already. */
        private java.util.Set<LocalDate> keptAhead = java.util.Set.of();
        private JobInputs.Days inputs;
        /** The run's sessions and how its days go through them. */
        private DayLanes<Lane> lanes;
        private long runId;

        Execution(Db db, Job job, JobVersion version, DaySet days, RunListener listener, RunOptions options) {
            this.db = db;
            this.job = job;
            this.version = version;
            this.days = days.asList();
            this.listener = listener;
            this.options = options;
        }

        RunSummary run() throws SQLException {
            LocalDate first = days.get(0);
            LocalDate last = days.get(days.size() - 1);
            db.inTransaction(d -> {
                TargetTable.prepare(d, job.name(), version.version(), job.target(), version.sql(), first);
                KeptRows.prepare(d, job.target());
                return null;
            });
            // lineage and the input checks; left out only by the benchmark, to measure what they cost
            // one parse of the query for its lineage and for whether its days may overlap
            QueryReads reads = QueryReads.of(db, version.sql());
            inputs = Bookkeeping.lineage() ? JobInputs.of(db, reads, job.target()).over(first, last) : JobInputs.Days.UNRECORDED;
            retention = KeptRows.retention(db);
            for (Object[] p : db.query("SELECT day, fingerprint, rows, attempt, version FROM bfs.partitions WHERE job = ?"
                    + " AND day BETWEEN ? AND ?", rs -> new Object[] {rs.getObject(1, LocalDate.class), rs.getString(2),
                        rs.getObject(3, Long.class), rs.getObject(4, Long.class), rs.getObject(5, Integer.class)}, job.name(), first, last)) {
                if (p[4] != null) {
                    previousVersions.put((LocalDate) p[0], (Integer) p[4]);
                }
                previousFingerprints.put((LocalDate) p[0], (String) p[1]);
                previousRows.put((LocalDate) p[0], p[2] == null ? 0L : (Long) p[2]);
                if (p[3] != null) {
                    heldAttempts.put((LocalDate) p[0], (Long) p[3]);
                }
            }
            if (days.stream().anyMatch(d -> previousRows.getOrDefault(d, 0L) == 0)) {
                // Days the bookkeeping knows no rows of may still hold some (output from before it, rows put there by
                // hand): those, and only those, are cleared before their first insert. Nothing else writes this
                // job's target during the run: its JobLock admits one run, undo or restore at a time, the file lock other processes.
                occupied.addAll(db.query("SELECT DISTINCT " + QueryCheck.PARTITION_COLUMN + " FROM " + Db.ident(job.target())
                        + " WHERE " + QueryCheck.PARTITION_COLUMN + " BETWEEN ? AND ?", rs -> rs.getObject(1, LocalDate.class),
                        first, last));
            }
            boolean independent = days.size() > 1 && CommitOverlap.allowed(db, reads, job.target());
            runId = db.queryLong("SELECT nextval('bfs.run_ids')");
            LiveRuns.started(ws.file(), runId);
            db.update("INSERT INTO bfs.runs (run_id, job, version, days, started_at, outcome) VALUES (?, ?, ?, ?, ?, 'RUNNING')",
                    runId, job.name(), version.version(), DaySet.of(days).toString(), LocalDateTime.now());
            RunOutcome outcome = RunOutcome.FAILED;
            try (DayLanes<Lane> run = new DayLanes<>(ws, db, runId, days.size(), independent, Lane::new, cancellation, listener,
                    options.failFast())) {
                lanes = run;
                outcomes = run.outcomes();
                listener.runStarted(runId, days);
                outcome = fingerprintStored() && keepAhead() ? run.run(days, this::runDay, this::recordFailure) : RunOutcome.CANCELLED;
            } finally {
                // the days are done: what follows records them, and a cancel now must not leave that half done
                cancellation.closing();
                try {
                    KeptRows.settle(db, job.name(), job.target());
                    pruneKept(first, last);
                } finally {
                    try {
                        db.update("UPDATE bfs.runs SET outcome = ?, ended_at = ? WHERE run_id = ?", outcome.name(),
                                LocalDateTime.now(), runId);
                    } finally {
                        LiveRuns.ended(ws.file(), runId);
                    }
                }
            }
            RunSummary summary = new RunSummary(runId, job.name(), version.version(), outcome, List.copyOf(outcomes));
            listener.runFinished(summary);
            return summary;
        }

        /**
         * Copies ahead, in one bulk write, the rows of the days this run expects to replace: those holding rows
         * of another version (a new version is expected to change them), by the fingerprints of the rows they
         * hold ({@link #fingerprintStored}); rows kept already are not copied again. Days of the current version
         * are expected to come out the same and keep their rows one by one should they not. Returns false when
         * the run was cancelled during the copy (which then rolled back).
         */
        private boolean keepAhead() throws SQLException {
            Map<LocalDate, KeptRows.Held> changing = new HashMap<>();
            if (retention > 0) {
                for (LocalDate day : days) {
                    Integer held = previousVersions.get(day);
                    Long attempt = heldAttempts.get(day);
                    Fingerprint rows = stored.get(day);
                    if (rows != null && rows.rows() > 0 && attempt != null && held != null && held != version.version()) {
                        changing.put(day, new KeptRows.Held(attempt, rows.hash()));
                    }
                }
            }
            try {
                // one day gains nothing from a bulk write
                keptAhead = KeptRows.keepAhead(db, job.name(), job.target(), changing.size() > 1 ? changing : Map.of(), runId,
                        cancellation);
                return true;
            } catch (SQLException e) {
                if (cancellation.requested()) {
                    return false;
                }
                throw e;
            }
        }

        /**
         * Fingerprints, in one pass over the target before the first day, the rows held by each day the run
         * will replace: a day compares its new rows with them, and keeps them by them, without a statement
         * of its own to read them (one per day, a good part of a small day's cost). They stay exact for the
         * whole run: nothing else writes the target meanwhile ({@link JobLock}), and each day is replaced
         * once, after its fingerprint was read. Returns false when the run was cancelled during the pass.
         */
        private boolean fingerprintStored() throws SQLException {
            List<LocalDate> held = days.stream().filter(d -> previousRows.getOrDefault(d, 0L) > 0).toList();
            if (held.isEmpty()) {
                return true;
            }
            for (LocalDate day : held) {
                stored.put(day, new Fingerprint(0, "0"));
            }
            String values = held.stream().map(d -> "(DATE '" + d + "')").collect(java.util.stream.Collectors.joining(", "));
            // the range lets DuckDB skip row groups by their min and max; the list leaves out days between that the run skips
            try (PreparedStatement sums = db.connection().prepareStatement("SELECT partition_date, count(*), " + RowHash.sql(db, job.target())
                    + " FROM " + Db.ident(job.target()) + " WHERE partition_date BETWEEN ? AND ?"
                    + " AND partition_date IN (SELECT d FROM (VALUES " + values + ") v(d)) GROUP BY partition_date")) {
                sums.setObject(1, held.get(0));
                sums.setObject(2, held.get(held.size() - 1));
                cancellation.executing(sums);
                try (ResultSet rs = sums.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getObject(1, LocalDate.class), new Fingerprint(rs.getLong(2), rs.getString(3)));
                    }
                }
            } catch (SQLException e) {
                if (cancellation.requested()) {
                    return false;
                }
                throw e;
            } finally {
                cancellation.executing(null);
            }
            return true;
        }

        /**
         * Drops the kept sets of the run's days beyond the workspace's retention, in one transaction of its
         * own: a process killed before it only leaves a few sets more than retention, each whole.
         */
        private void pruneKept(LocalDate first, LocalDate last) throws SQLException {
            db.inTransaction(d -> KeptRows.prune(d, job.name(), job.target(), retention, first, last));
        }

        /**
         * The day done on {@code lane}: committed, or to be recorded as failed or blocked, or (when the days
         * overlap) with its transaction open for {@link DayLanes} to commit; empty when the run was cancelled
         * while it ran (the day rolled back, nothing recorded).
         */
        private Optional<DayLanes.Done> runDay(Lane lane, LocalDate day) throws SQLException {
            long t0 = System.nanoTime();
            LocalDateTime startedAt = LocalDateTime.now();
            Optional<String> missing = inputs.missing(day);
            if (missing.isPresent()) {
                return Optional.of(DayLanes.Done.later(() -> recordFailure(lane, day, startedAt, t0, missing.get())));
            }
            Connection conn = lane.conn;
            try {
                // before the day's transaction: the temp table it creates must outlive a day rolled back
                lane.prepare();
                conn.setAutoCommit(false);
                DayOutcome done = previousRows.getOrDefault(day, 0L) > 0 ? replaceDay(lane, day, startedAt, t0)
                        : fillDay(lane, day, startedAt, t0);
                if (cancellation.requested()) {
                    throw new CancelledDay();
                }
                if (lanes.overlapping()) {
                    return Optional.of(DayLanes.Done.open(done, startedAt, t0));
                }
                conn.commit();
                conn.setAutoCommit(true);
                return Optional.of(DayLanes.Done.committed(done));
            } catch (BlockedDay b) {
                lane.rollback();
                return Optional.of(DayLanes.Done.later(() -> recordBlocked(lane, day, startedAt, t0, b)));
            } catch (SQLException | CancelledDay e) {
                lane.rollback();
                lane.closeStatements();
                if (cancellation.requested()) {
                    return Optional.empty();
                }
                String error = QueryCheck.duckDbSentence(e.getMessage());
                return Optional.of(DayLanes.Done.later(() -> recordFailure(lane, day, startedAt, t0, error)));
            }
        }

        /**
         * A day without earlier output: its rows go straight into the target (after a DELETE only when the
         * target held rows for it at the start), and the same statement counts and fingerprints the rows it
         * inserted (a DML common table expression with RETURNING), so the day costs its INSERT and one small
         * append to the attempts.
         */
        private DayOutcome fillDay(Lane l, LocalDate day, LocalDateTime startedAt, long t0) throws SQLException {
            long removed = occupied.contains(day) ? execute(l.delete, day) : 0;
            SqlTemplate.bindDay(l.insert, day);
            Fingerprint written = row(l.insert, rs -> new Fingerprint(rs.getLong(1), rs.getString(2)));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String before = previousFingerprints.get(day);
            // +added -removed: none when the rows fingerprint as before; all of them when the day was empty
            boolean same = written.hash().equals(before);
            Long added = same ? Long.valueOf(0) : removed == 0 ? Long.valueOf(written.rows()) : null;
            Long gone = same || removed == 0 ? Long.valueOf(0) : written.rows() == 0 ? Long.valueOf(removed) : null;
            executeUpdate(l.attempt, runId, job.name(), day, version.version(), written.rows(), written.hash(), removed, added, gone,
                    startedAt, millis, inputs.encoded(day));
            return new DayOutcome(day, DayStatus.SUCCEEDED, written.rows(), Optional.of(written.hash()),
                    Duration.ofNanos(System.nanoTime() - t0), Optional.empty(), Optional.of(removed), Optional.ofNullable(added),
                    Optional.ofNullable(gone));
        }

        /**
         * A day that had output. A day whose rows came from another version is expected to change and is
         * replaced in place ({@link #replaceChanging}); a day of this version is expected to come out the same
         * and is compared first ({@link #replaceComparing}). Either way the outcome is exact: only the cost
         * differs when the guess is wrong.
         */
        private DayOutcome replaceDay(Lane l, LocalDate day, LocalDateTime startedAt, long t0) throws SQLException, BlockedDay {
            Integer held = previousVersions.get(day);
            return held == null || held != version.version() ? replaceChanging(l, day, startedAt, t0) : replaceComparing(l, day, startedAt, t0);
        }

        /**
         * The new rows go to a temporary table first, hashed by the insert that puts them there; when they
         * fingerprint like the rows stored ({@link #fingerprintStored}), the stored rows already are the day's
         * output and are left as they are (+0 -0), so an identical rerun costs its query and no more than a
         * DELETE and INSERT would. Otherwise the old rows are kept and deleted, the delete handing back their
         * hashes to count the rows added and removed, and the new rows are copied in.
         */
        private DayOutcome replaceComparing(Lane l, LocalDate day, LocalDateTime startedAt, long t0) throws SQLException, BlockedDay {
            executeUpdate(l.clearFresh);
            Fingerprint stored = stored(day);
            DayHashes fresh = hashes(l.insertFresh, day, stored.rows());
            if (fresh.fingerprint().equals(stored)) {
                return unchanged(l, day, stored, startedAt, t0);
            }
            keep(l, day, stored);
            long[] change = fresh.changeFrom(hashes(l.deleteHashed, day, stored.rows()));
            if (options.blocks(stored.rows(), change[0], change[1])) {
                throw new BlockedDay(stored.rows(), change[0], change[1]);
            }
            executeUpdate(l.insertFromFresh);
            return replaced(l, day, fresh.fingerprint(), stored, change, startedAt, t0);
        }

        /**
         * The day is replaced as a plain rerun would, by a DELETE and an INSERT that each hand back the hashes
         * of the rows they took out and put in, from which the new fingerprint and the rows added and removed
         * are counted. Should the new rows fingerprint as the old ones after all, the day is rolled back: its
         * stored rows stay untouched.
         */
        private DayOutcome replaceChanging(Lane l, LocalDate day, LocalDateTime startedAt, long t0) throws SQLException, BlockedDay {
            Fingerprint stored = stored(day);
            keep(l, day, stored);
            DayHashes old = hashes(l.deleteHashed, day, stored.rows());
            DayHashes fresh = hashes(l.insertHashed, day, stored.rows());
            if (fresh.fingerprint().equals(stored)) {
                l.conn.rollback();
                return unchanged(l, day, stored, startedAt, t0);
            }
            long[] change = fresh.changeFrom(old);
            if (options.blocks(stored.rows(), change[0], change[1])) {
                throw new BlockedDay(stored.rows(), change[0], change[1]);
            }
            return replaced(l, day, fresh.fingerprint(), stored, change, startedAt, t0);
        }

        /** The fingerprint of the rows the day held when the run started. */
        private Fingerprint stored(LocalDate day) {
            Fingerprint f = stored.get(day);
            if (f == null) {
                throw new IllegalStateException("No stored fingerprint was taken for " + day + " before the run's first day.");
            }
            return f;
        }

        /** The row hashes a write handing them back (RETURNING) wrote or took out, with the day bound; cancel can interrupt it. */
        private DayHashes hashes(PreparedStatement st, LocalDate day, long expected) throws SQLException {
            SqlTemplate.bindDay(st, day);
            return DayHashes.returnedBy(st, cancellation, expected);
        }

        /** The one row a bound statement returns, read while cancel can interrupt it. */
        private <T> T row(PreparedStatement st, dev.backfillstudio.workspace.RowMapper<T> read) throws SQLException {
            cancellation.executing(st);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return read.map(rs);
            } finally {
                cancellation.executing(null);
            }
        }

        private void keep(Lane l, LocalDate day, Fingerprint stored) throws SQLException {
            Long held = heldAttempts.get(day);
            if (l.keeper != null && held != null) {
                l.keeper.keep(day, held, stored.hash(), stored.rows(), runId, keptAhead.contains(day));
            }
        }

        /** Records a rerun whose rows are those stored: +0 -0, the stored rows untouched. */
        private DayOutcome unchanged(Lane l, LocalDate day, Fingerprint rows, LocalDateTime startedAt, long t0) throws SQLException {
            executeUpdate(l.replaced, runId, job.name(), day, version.version(), rows.rows(), rows.hash(), rows.rows(), 0L, 0L,
                    startedAt, (System.nanoTime() - t0) / 1_000_000, inputs.encoded(day));
            return new DayOutcome(day, DayStatus.SUCCEEDED, rows.rows(), Optional.of(rows.hash()),
                    Duration.ofNanos(System.nanoTime() - t0), Optional.empty(), Optional.of(rows.rows()), Optional.of(0L),
                    Optional.of(0L));
        }

        private DayOutcome replaced(Lane l, LocalDate day, Fingerprint fresh, Fingerprint stored, long[] change, LocalDateTime startedAt,
                long t0) throws SQLException {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            executeUpdate(l.replaced, runId, job.name(), day, version.version(), fresh.rows(), fresh.hash(), stored.rows(), change[0],
                    change[1], startedAt, millis, inputs.encoded(day));
            return new DayOutcome(day, DayStatus.SUCCEEDED, fresh.rows(), Optional.of(fresh.hash()),
                    Duration.ofNanos(System.nanoTime() - t0), Optional.empty(), Optional.of(stored.rows()), Optional.of(change[0]),
                    Optional.of(change[1]));
        }

        private long executeUpdate(PreparedStatement st, Object... params) throws SQLException {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return cancellation.executeUpdate(st);
        }

        private long execute(PreparedStatement st, LocalDate day) throws SQLException {
            SqlTemplate.bindDay(st, day);
            return cancellation.executeUpdate(st);
        }

        private DayOutcome recordFailure(Lane l, LocalDate day, LocalDateTime startedAt, long t0, String error) throws SQLException {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Long before = previousRows.get(day);
            l.db.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, previous_rows, error, started_at, duration_ms)"
                    + " VALUES (?, ?, ?, ?, 'FAILED', ?, ?, ?, ?)", runId, job.name(), day, version.version(), before, error,
                    startedAt, millis);
            return new DayOutcome(day, DayStatus.FAILED, 0, Optional.empty(), Duration.ofNanos(System.nanoTime() - t0),
                    Optional.of(error), Optional.ofNullable(before), Optional.empty(), Optional.empty());
        }

        /** Records a day the change limit refused, in a transaction of its own; the day kept its rows. */
        private DayOutcome recordBlocked(Lane l, LocalDate day, LocalDateTime startedAt, long t0, BlockedDay b) throws SQLException {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String why = String.format("Blocked: the rerun would add %d and remove %d of the %d rows of %s, more than the"
                    + " %s %% limit; the day keeps its rows.", b.added, b.removed, b.stored, day,
                    RunOptions.percent(options.maxChangePercent().orElse(0)));
            executeUpdate(l.blocked, runId, job.name(), day, version.version(), b.stored, b.added, b.removed, why, startedAt, millis);
            return new DayOutcome(day, DayStatus.BLOCKED, b.stored, Optional.ofNullable(previousFingerprints.get(day)),
                    Duration.ofNanos(System.nanoTime() - t0), Optional.of(why), Optional.of(b.stored), Optional.of(b.added),
                    Optional.of(b.removed));
        }

        /** A session of the run with the day statements prepared on it; the run's days take turns on its lanes. */
        private final class Lane extends DayLanes.Lane {
            private PreparedStatement delete;
            private PreparedStatement insert;
            private PreparedStatement attempt;
            private PreparedStatement clearFresh;
            private PreparedStatement insertFresh;
            private PreparedStatement deleteHashed;
            private PreparedStatement insertFromFresh;
            private PreparedStatement replaced;
            private PreparedStatement insertHashed;
            private PreparedStatement blocked;
            private KeptRows.Writer keeper;

            Lane(Db db) {
                super(db);
            }

            void prepare() throws SQLException {
                if (delete != null) {
                    return;
                }
                String target = Db.ident(job.target());
                String fresh = Db.ident(FRESH);
                delete = conn.prepareStatement("DELETE FROM " + target + " WHERE partition_date = ?::DATE");
                String row = RowHash.rowSql(db, job.target());
                // RETURNING names the target's columns, so the hash is the one taken of the stored rows; returning the hash
                // alone rather than every column (RETURNING *) keeps the INSERT as fast as a plain one (7 % of a backfill here)
                insert = conn.prepareStatement(SqlTemplate.wrap("WITH inserted AS (INSERT INTO " + target + " BY NAME SELECT q.*, ?::DATE AS "
                        + QueryCheck.PARTITION_COLUMN + " FROM (", version.sql(), ") q RETURNING " + row + " AS h) SELECT count(*),"
                        + " " + RowHash.sumOf("h") + " FROM inserted"));
                attempt = conn.prepareStatement(ATTEMPT_SUCCEEDED);
                if (!previousRows.isEmpty()) {
                    // same columns in the same order as the target, so fingerprints compare and rows copy across
                    db.execute("CREATE OR REPLACE TEMP TABLE " + fresh + " AS SELECT * FROM " + target + " LIMIT 0");
                    clearFresh = conn.prepareStatement("DELETE FROM " + fresh);
                    // the writes of a replaced day hand back the hashes of the rows they put in and took out, which the day
                    // counts itself (DayHashes): a grouping in DuckDB cost a small day more than its INSERT
                    insertFresh = conn.prepareStatement(SqlTemplate.wrap("INSERT INTO " + fresh + " BY NAME SELECT q.*, ?::DATE AS "
                            + QueryCheck.PARTITION_COLUMN + " FROM (", version.sql(), ") q RETURNING " + DayHashes.returned(row)));
                    deleteHashed = conn.prepareStatement("DELETE FROM " + target + " WHERE partition_date = ?::DATE RETURNING " + DayHashes.returned(row));
                    insertHashed = conn.prepareStatement(SqlTemplate.wrap("INSERT INTO " + target + " BY NAME SELECT q.*, ?::DATE AS "
                            + QueryCheck.PARTITION_COLUMN + " FROM (", version.sql(), ") q RETURNING " + DayHashes.returned(row)));
                    insertFromFresh = conn.prepareStatement("INSERT INTO " + target + " SELECT * FROM " + fresh);
                    replaced = conn.prepareStatement(ATTEMPT_REPLACED);
                    blocked = conn.prepareStatement(ATTEMPT_BLOCKED);
                    if (retention > 0) {
                        keeper = new KeptRows.Writer(db, job.name(), job.target(), days.get(0), days.get(days.size() - 1), cancellation);
                    }
                }
            }

            @Override
            void closeStatements() {
                closeQuietly(keeper, delete, insert, attempt, clearFresh, insertFresh, deleteHashed, insertFromFresh, replaced, blocked,
                        insertHashed);
                keeper = null;
                delete = null;
                insert = null;
                attempt = null;
                clearFresh = null;
                insertFresh = null;
                deleteHashed = null;
                insertFromFresh = null;
                replaced = null;
                blocked = null;
                insertHashed = null;
            }
        }
    }

    /** Raised inside a day whose rerun would change more of its rows than the run's limit allows. */
    private static final class BlockedDay extends Exception {
        private final long stored;
        private final long added;
        private final long removed;

        BlockedDay(long stored, long added, long removed) {
            super("blocked", null, false, false);
            this.stored = stored;
            this.added = added;
            this.removed = removed;
        }
    }

    /** Raised inside a day when cancel arrived after its statements but before its commit. */
    private static final class CancelledDay extends Exception {
        CancelledDay() {
            super("cancelled", null, false, false);
        }
    }
}
