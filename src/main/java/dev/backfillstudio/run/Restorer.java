package dev.backfillstudio.run;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.LiveRuns;
import dev.backfillstudio.workspace.RowHash;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts earlier rows back: {@link #undo} returns every day a run changed to what it held before that run,
 * {@link #restore} returns one day to the rows of one of its attempts. The rows come from
 * {@link KeptRows}; the rows they replace are kept in turn, so an undo can itself be undone. Each is a run
 * of its own (kind UNDO or RESTORE) and each day one transaction that keeps the current rows, swaps the
 * day's rows inside DuckDB and appends an attempt with the fingerprint of what the day now holds, the
 * version and lineage of the attempt whose rows it holds again, and that attempt's id.
 */
public final class Restorer {

    /** A day's attempt as recorded: enough to compare it and to put its rows back. */
    private record Recorded(long runId, LocalDate day, int version, String outcome, long rows, String fingerprint, String inputs) {

        boolean cleared() {
            return outcome.equals("CLEARED");
        }

        /** Whether a day holding {@code other} holds exactly this: the same rows, version and lineage. */
        boolean sameAs(Recorded other) {
            return other != null && outcome.equals(other.outcome) && rows == other.rows
                    && Objects.equals(fingerprint, other.fingerprint) && version == other.version
                    && Objects.equals(inputs, other.inputs);
        }

        boolean sameRows(Recorded other) {
            return other != null && rows == other.rows && Objects.equals(fingerprint, other.fingerprint);
        }
    }

    /**
     * One day to put back: to the rows of {@code source} (an empty day when it is CLEARED or absent), from
     * the kept set {@code keptSet} when the rows are not held now; {@code version} labels a cleared day.
     */
    private record Step(LocalDate day, Optional<Recorded> source, Optional<Long> keptSet, int version) {
    }

    /** What a restore would do to a day, shown before it is done: the rows it would add and remove, with samples. */
    public record Preview(long added, long removed, RowSample addedSample, RowSample removedSample) {
    }

    private static final int SAMPLE_ROWS = 100;

    private final Workspace ws;
    private final Cancellation cancellation = new Cancellation();

    public Restorer(Workspace ws) {
        this.ws = ws;
    }

    /** Stops an undo between days and inside the statement running now; the day in flight rolls back. */
    public void cancel() {
        cancellation.cancel();
    }

    /**
     * Puts every day run {@code runId} changed back to what it held before that run, day by day, each
     * atomic. Refused (nothing changed) when the run is unknown, still under way, or the rows of a day
     * were pruned. A run that changed nothing gives a summary without days.
     */
    public RunSummary undo(long runId, RunListener listener) {
        Optional<DayEngine> engine = Engines.open(ws);
        if (engine.isPresent()) {
            try (DayEngine e = engine.get()) {
                return new EngineRestorer(ws, e).undo(runId, listener);
            }
        }
        ws.requireWritable();
        Db db = ws.db();
        try {
            Object[] run = db.queryOne("SELECT job, outcome FROM bfs.runs WHERE run_id = ?",
                    rs -> new Object[] {rs.getString(1), rs.getString(2)}, runId)
                    .orElseThrow(() -> BackfillException.badInput("There is no run " + runId + " in " + ws.file()
                            + "; `runs --db " + ws.file() + "` lists them."));
            String jobName = (String) run[0];
            if (run[1].equals("RUNNING") && LiveRuns.isLive(ws.file(), runId)) {
                throw BackfillException.badInput("Run " + runId + " of job " + jobName + " is still under way; undo it once it ends.");
            }
            Job job = new JobStore(ws).get(jobName);
            List<Step> steps = undoSteps(db, job, runId);
            return execute(job, RunKind.UNDO, runId, steps, listener);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot undo run " + runId + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** The days {@code runId} changed, each with what it held before (the attempts are read once for all days). */
    private List<Step> undoSteps(Db db, Job job, long runId) throws SQLException {
        Map<LocalDate, Recorded> made = new HashMap<>();
        for (Recorded r : db.query(SELECT_ATTEMPT + " WHERE run_id = ? AND job = ? AND outcome IN ('SUCCEEDED', 'CLEARED') ORDER BY day",
                Restorer::recorded, runId, job.name())) {
            made.put(r.day(), r);
        }
        if (made.isEmpty()) {
            return List.of();
        }
        Map<LocalDate, Recorded> before = new HashMap<>();
        for (Recorded r : db.query(SELECT_ATTEMPT + " a WHERE job = ? AND run_id = (SELECT max(run_id) FROM bfs.attempts p"
                        + " WHERE p.job = a.job AND p.day = a.day AND p.run_id < ? AND p.outcome IN ('SUCCEEDED', 'CLEARED'))"
                        + " AND day IN (SELECT day FROM bfs.attempts WHERE run_id = ?)",
                Restorer::recorded, job.name(), runId, runId)) {
            before.put(r.day(), r);
        }
        List<Step> steps = new ArrayList<>();
        List<LocalDate> pruned = new ArrayList<>();
        LocalDate from = made.keySet().stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate to = made.keySet().stream().max(LocalDate::compareTo).orElseThrow();
        Map<LocalDate, Recorded> heldNow = heldBetween(db, job.name(), from, to);
        Map<LocalDate, List<KeptRows.KeptSet>> sets = KeptRows.setsBetween(db, job.name(), from, to);
        for (Recorded r : made.values().stream().sorted((a, b) -> a.day().compareTo(b.day())).toList()) {
            Recorded was = before.get(r.day());
            boolean wasEmpty = was == null || was.cleared();
            if (wasEmpty ? r.cleared() : was.sameAs(r)) {
                continue; // the run left this day as it found it
            }
            Optional<Recorded> now = Optional.ofNullable(heldNow.get(r.day()));
            if (wasEmpty ? now.isEmpty() : now.map(was::sameAs).orElse(false)) {
                continue; // the day holds what it held before the run already (an undo done once, or cut short)
            }
            Optional<Recorded> source = wasEmpty ? Optional.empty() : Optional.of(was);
            Optional<Long> set = Optional.empty();
            if (source.isPresent() && source.get().rows() > 0) {
                set = KeptRows.setFor(sets.getOrDefault(r.day(), List.of()), was.runId(), was.fingerprint(), was.rows());
                if (set.isEmpty() && !now.map(was::sameRows).orElse(false)) {
                    pruned.add(r.day());
                    continue;
                }
            }
            steps.add(new Step(r.day(), source, set, r.version()));
        }
        if (!pruned.isEmpty()) {
            throw BackfillException.badInput("Run " + runId + " of job " + job.name() + " cannot be undone: the rows "
                    + (pruned.size() == 1 ? pruned.get(0) + " held" : "of " + DaySet.of(pruned) + " held") + " before it were"
                    + " pruned (the workspace keeps the last " + KeptRows.retention(db) + " replaced versions of each day).");
        }
        return steps;
    }

    /** Whether the day holds the rows of {@code r} now (then a restore needs no kept set). */
    private static boolean heldNow(Db db, String job, Recorded r) throws SQLException {
        return held(db, job, r.day()).map(h -> h.sameRows(r)).orElse(false);
    }

    /**
     * Puts the rows of attempt {@code attempt} back into day {@code day} of job {@code job}, atomically.
     * Refused (nothing changed) when the attempt is unknown, wrote no rows, or its rows were pruned. When
     * the day already holds exactly that attempt's output, nothing is written and the summary has no days.
     */
    public RunSummary restore(String jobName, LocalDate day, long attempt, RunListener listener) {
        Optional<DayEngine> engine = Engines.open(ws);
        if (engine.isPresent()) {
            try (DayEngine e = engine.get()) {
                return new EngineRestorer(ws, e).restore(jobName, day, attempt, listener);
            }
        }
        ws.requireWritable();
        Job job = new JobStore(ws).get(jobName);
        Db db = ws.db();
        try {
            Recorded source = db.queryOne(SELECT_ATTEMPT + " WHERE job = ? AND day = ? AND run_id = ?", Restorer::recorded,
                    jobName, day, attempt)
                    .orElseThrow(() -> BackfillException.badInput("Job " + jobName + " has no attempt " + attempt + " on " + day
                            + "; `attempts --job " + jobName + " --day " + day + "` lists them."));
            if (!source.outcome().equals("SUCCEEDED") && !source.cleared()) {
                throw BackfillException.badInput("Attempt " + attempt + " of job " + jobName + " on " + day + " "
                        + (source.outcome().equals("BLOCKED") ? "was blocked" : "failed") + " and wrote no rows; restore an attempt"
                        + " that succeeded.");
            }
            Optional<Recorded> now = held(db, jobName, day);
            boolean sameNow = source.cleared() ? now.isEmpty() : now.map(source::sameAs).orElse(false);
            if (sameNow) {
                return new RunSummary(0, jobName, job.currentVersion(), RunOutcome.SUCCEEDED, List.of());
            }
            Optional<Long> set = Optional.empty();
            if (!source.cleared() && source.rows() > 0 && !now.map(source::sameRows).orElse(false)) {
                set = KeptRows.setFor(db, jobName, day, attempt);
                if (set.isEmpty()) {
                    throw BackfillException.badInput("The rows of attempt " + attempt + " of job " + jobName + " on " + day
                            + " were pruned (the workspace keeps the last " + KeptRows.retention(db) + " replaced versions of each"
                            + " day), so it cannot be restored.");
                }
            }
            Step step = new Step(day, source.cleared() ? Optional.empty() : Optional.of(source), set, source.version());
            return execute(job, RunKind.RESTORE, null, List.of(step), listener);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot restore attempt " + attempt + " of job " + jobName + " on " + day + ": "
                    + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** What {@link #restore} would add to and remove from the day, without changing anything. */
    public Preview preview(String jobName, LocalDate day, long attempt) {
        Engines.requireDuckDb(ws, "A preview of a restore");
        Job job = new JobStore(ws).get(jobName);
        Db db = ws.db();
        try {
            Recorded source = db.queryOne(SELECT_ATTEMPT + " WHERE job = ? AND day = ? AND run_id = ?", Restorer::recorded,
                    jobName, day, attempt)
                    .orElseThrow(() -> BackfillException.badInput("Job " + jobName + " has no attempt " + attempt + " on " + day + "."));
            String cols = KeptRows.targetColumns(db, job.target());
            String shown = cols.replace(", " + Db.ident("partition_date"), "").replace(Db.ident("partition_date") + ", ", "");
            String current = "(SELECT " + shown + " FROM " + Db.ident(job.target()) + " WHERE partition_date = ?::DATE)";
            Optional<Recorded> now = held(db, jobName, day);
            String then;
            List<Object> thenParams = new ArrayList<>();
            if (source.cleared() || source.rows() == 0 || !source.outcome().equals("SUCCEEDED")) {
                then = "(SELECT " + shown + " FROM " + Db.ident(job.target()) + " WHERE false)";
            } else if (now.map(source::sameRows).orElse(false)) {
                then = current;
                thenParams.add(day);
            } else {
                long set = KeptRows.setFor(db, jobName, day, attempt).orElseThrow(() -> BackfillException.badInput(
                        "The rows of attempt " + attempt + " of job " + jobName + " on " + day + " were pruned, so it cannot be restored."));
                then = "(SELECT " + shown + " FROM " + KeptRows.table(job.target()) + " WHERE " + KeptRows.ATTEMPT_COLUMN
                        + " = ? AND partition_date = ?::DATE)";
                thenParams.add(set);
                thenParams.add(day);
            }
            List<Object> addParams = new ArrayList<>(thenParams);
            addParams.add(day);
            List<Object> removeParams = new ArrayList<>();
            removeParams.add(day);
            removeParams.addAll(thenParams);
            long[] counts = new long[2];
            RowSample added = db.sample("SELECT * FROM (SELECT * FROM " + then + " EXCEPT ALL SELECT * FROM " + current
                    + ") d ORDER BY ALL", SAMPLE_ROWS, addParams.toArray());
            RowSample removed = db.sample("SELECT * FROM (SELECT * FROM " + current + " EXCEPT ALL SELECT * FROM " + then
                    + ") d ORDER BY ALL", SAMPLE_ROWS, removeParams.toArray());
            counts[0] = db.queryLong("SELECT count(*) FROM (SELECT * FROM " + then + " EXCEPT ALL SELECT * FROM " + current + ")",
                    addParams.toArray());
            counts[1] = db.queryLong("SELECT count(*) FROM (SELECT * FROM " + current + " EXCEPT ALL SELECT * FROM " + then + ")",
                    removeParams.toArray());
            return new Preview(counts[0], counts[1], added, removed);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot compare attempt " + attempt + " of job " + jobName + " on " + day + " with what"
                    + " the day holds: " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    private static final String SELECT_ATTEMPT =
            "SELECT run_id, day, version, outcome, coalesce(rows, 0), fingerprint, inputs FROM bfs.attempts";

    private static Recorded recorded(ResultSet rs) throws SQLException {
        return new Recorded(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getInt(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7));
    }

    /** The attempt whose output the day holds now, empty when it holds none (never run, or cleared). */
    private static Optional<Recorded> held(Db db, String job, LocalDate day) throws SQLException {
        return db.queryOne(SELECT_ATTEMPT + " WHERE job = ? AND day = ? AND run_id = (SELECT attempt FROM bfs.partitions"
                + " WHERE job = ? AND day = ?)", Restorer::recorded, job, day, job, day);
    }

    /** The attempts whose output the days in [from, to] hold now, by day (days holding none are absent). */
    private static Map<LocalDate, Recorded> heldBetween(Db db, String job, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, Recorded> out = new HashMap<>();
        for (Recorded r : db.query(SELECT_ATTEMPT + " a WHERE job = ? AND day BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM bfs.partitions p"
                + " WHERE p.job = a.job AND p.day = a.day AND p.attempt = a.run_id)", Restorer::recorded, job, from, to)) {
            out.put(r.day(), r);
        }
        return out;
    }

    /** Runs the steps as one run of {@code kind}, each day its own transaction on a session of its own. */
    private RunSummary execute(Job job, RunKind kind, Long undoes, List<Step> steps, RunListener listener) throws SQLException {
        RunListener l = listener == null ? RunListener.NONE : listener;
        if (steps.isEmpty()) {
            return new RunSummary(0, job.name(), job.currentVersion(), RunOutcome.SUCCEEDED, List.of());
        }
        try (JobLock lock = JobLock.take(ws.file(), job.name())) {
            Db db = ws.newSession();
            cancellation.start(db);
            try {
                return new Execution(db, job, kind, undoes, steps, l).run();
            } catch (SQLException | BackfillException e) {
                if (cancellation.stopped(e)) {
                    // the days stop themselves and are recorded: only the steps before the first can end here
                    throw BackfillException.failed("The " + kind.name().toLowerCase(java.util.Locale.ROOT) + " of job " + job.name()
                            + " was cancelled before its first day; no day changed.", e);
                }
                throw e;
            } finally {
                cancellation.finish();
            }
        }
    }

    /** One undo or restore under way. */
    private final class Execution {
        private final Db db;
        private final Job job;
        private final RunKind kind;
        private final Long undoes;
        private final List<Step> steps;
        private final RunListener listener;
        private final Map<LocalDate, Step> byDay = new HashMap<>();
        private List<DayOutcome> outcomes = List.of();
        private DayLanes<Lane> lanes;
        private long runId;
        private String columns;
        private int retention;
        /** What each day holds, read once the job's lock is held (nothing else writes its days meanwhile). */
        private Map<LocalDate, Recorded> heldNow;

        Execution(Db db, Job job, RunKind kind, Long undoes, List<Step> steps, RunListener listener) {
            this.db = db;
            this.job = job;
            this.kind = kind;
            this.undoes = undoes;
            this.steps = steps;
            this.listener = listener;
            steps.forEach(s -> byDay.put(s.day(), s));
        }

        RunSummary run() throws SQLException {
            List<LocalDate> days = steps.stream().map(Step::day).toList();
            db.inTransaction(d -> {
                KeptRows.prepare(d, job.target());
                return null;
            });
            columns = KeptRows.targetColumns(db, job.target());
            retention = KeptRows.retention(db);
            // a killed rerun's copies made ahead: indexed where it replaced the day, dropped where it did not
            KeptRows.settle(db, job.name(), job.target());
            heldNow = heldBetween(db, job.name(), days.get(0), days.get(days.size() - 1));
            runId = db.queryLong("SELECT nextval('bfs.run_ids')");
            LiveRuns.started(ws.file(), runId);
            db.update("INSERT INTO bfs.runs (run_id, job, version, days, started_at, outcome, kind, undoes)"
                    + " VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?)", runId, job.name(), job.currentVersion(), DaySet.of(days).toString(),
                    LocalDateTime.now(), kind.name(), undoes);
            RunOutcome outcome = RunOutcome.FAILED;
            // each day puts back its own rows and reads nothing another day writes, so the days may overlap
            try (DayLanes<Lane> run = new DayLanes<>(ws, db, runId, days.size(), true, Lane::new, cancellation, listener, false)) {
                lanes = run;
                outcomes = run.outcomes();
                listener.runStarted(runId, days);
                outcome = run.run(days, this::runDay, this::recordFailure);
            } finally {
                // the days are done: what follows records them, and a cancel now must not leave that half done
                cancellation.closing();
                try {
                    // in a transaction of its own, as a rerun prunes: a process killed before it leaves a few sets more, each whole
                    db.inTransaction(d -> KeptRows.prune(d, job.name(), job.target(), retention, days.get(0), days.get(days.size() - 1)));
                } finally {
                    try {
                        db.update("UPDATE bfs.runs SET outcome = ?, ended_at = ? WHERE run_id = ?", outcome.name(), LocalDateTime.now(),
                                runId);
                    } finally {
                        LiveRuns.ended(ws.file(), runId);
                    }
                }
            }
            RunSummary summary = new RunSummary(runId, job.name(), job.currentVersion(), outcome, List.copyOf(outcomes));
            listener.runFinished(summary);
            return summary;
        }

        /** One day on its lane, left open for the run to commit when days overlap. */
        private Optional<DayLanes.Done> runDay(Lane lane, LocalDate day) throws SQLException {
            long t0 = System.nanoTime();
            LocalDateTime startedAt = LocalDateTime.now();
            try {
                lane.prepare();
                lane.conn.setAutoCommit(false);
                DayOutcome done = putBack(lane, byDay.get(day), startedAt, t0);
                if (lanes.overlapping()) {
                    return Optional.of(DayLanes.Done.open(done, startedAt, t0));
                }
                lane.conn.commit();
                lane.conn.setAutoCommit(true);
                return Optional.of(DayLanes.Done.committed(done));
            } catch (SQLException e) {
                lane.rollback();
                if (cancellation.requested()) {
                    return Optional.empty();
                }
                String error = QueryCheck.duckDbSentence(e.getMessage());
                return Optional.of(DayLanes.Done.later(() -> recordFailure(lane, day, startedAt, t0, error)));
            } catch (RuntimeException e) {
                lane.rollback();
                throw e;
            }
        }

        /** A session of the undo or restore with the day statements prepared on it. */
        private final class Lane extends DayLanes.Lane {
            private java.sql.PreparedStatement delete;
            private java.sql.PreparedStatement insertKept;
            private java.sql.PreparedStatement deleteHashed;
            private java.sql.PreparedStatement attempt;
            private KeptRows.Writer keeper;

            Lane(Db db) {
                super(db);
            }

            void prepare() throws SQLException {
                if (delete != null) {
                    return;
                }
                String target = Db.ident(job.target());
                String kept = KeptRows.table(job.target());
                String row = RowHash.rowSql(db, job.target());
                delete = conn.prepareStatement("DELETE FROM " + target + " WHERE partition_date = ?::DATE");
                // the swap's two writes hand back the hashes of the rows they take out and put in, from which the day's
                // rows added and removed are counted (DayHashes) without a statement of its own
                deleteHashed = conn.prepareStatement("DELETE FROM " + target + " WHERE partition_date = ?::DATE RETURNING "
                        + DayHashes.returned(row));
                insertKept = conn.prepareStatement("INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM " + kept
                        + " WHERE " + KeptRows.ATTEMPT_COLUMN + " = ? AND partition_date = ?::DATE RETURNING " + DayHashes.returned(row));
                attempt = conn.prepareStatement("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, rows, fingerprint,"
                        + " previous_rows, added, removed, started_at, duration_ms, inputs, restored_from)"
                        + " VALUES (?, ?, ?::DATE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                if (retention > 0) {
                    List<LocalDate> days = steps.stream().map(Step::day).toList();
                    keeper = new KeptRows.Writer(db, job.name(), job.target(), days.get(0), days.get(days.size() - 1), cancellation);
                }
            }

            @Override
            void closeStatements() {
                closeQuietly(keeper, delete, deleteHashed, insertKept, attempt);
                keeper = null;
                delete = null;
                deleteHashed = null;
                insertKept = null;
                attempt = null;
            }
        }

        /**
         * One day, inside its transaction: keep what it holds, swap in the source's rows, record the attempt.
         * The rows put back are a kept set of the source's fingerprint (or the rows held already), so the
         * attempt records that fingerprint without hashing the day again.
         */
        private DayOutcome putBack(Lane lane, Step step, LocalDateTime startedAt, long t0) throws SQLException {
            LocalDate day = step.day();
            Optional<Recorded> now = Optional.ofNullable(heldNow.get(day));
            if (lane.keeper != null && now.isPresent()) {
                lane.keeper.keep(day, now.get().runId(), now.get().fingerprint(), now.get().rows(), runId);
            }
            long previous = now.map(Recorded::rows).orElse(0L);
            long added = 0;
            long removed = previous;
            Recorded source = step.source().orElse(null);
            if (step.keptSet().isPresent()) {
                long set = step.keptSet().get();
                DayHashes held = hashes(lane.deleteHashed, previous, day);
                long[] change = hashes(lane.insertKept, source == null ? previous : source.rows(), set, day).changeFrom(held);
                added = change[0];
                removed = change[1];
            } else if (source != null && source.rows() > 0) {
                removed = 0; // the day holds the source's rows already: only its version and lineage change
            } else {
                run(lane.delete, day);
            }
            boolean cleared = source == null;
            long rows = cleared ? 0 : source.rows();
            String fingerprint = cleared ? null : source.fingerprint();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            run(lane.attempt, runId, job.name(), day, cleared ? step.version() : source.version(), cleared ? "CLEARED" : "SUCCEEDED",
                    rows, fingerprint, previous, added, removed, startedAt, millis, cleared ? null : source.inputs(),
                    cleared ? null : source.runId());
            if (cancellation.requested()) {
                throw new SQLException("cancelled");
            }
            return new DayOutcome(day, cleared ? DayStatus.MISSING : DayStatus.SUCCEEDED, rows, Optional.ofNullable(fingerprint),
                    Duration.ofNanos(System.nanoTime() - t0), Optional.empty(), Optional.of(previous), Optional.of(added),
                    Optional.of(removed));
        }

        private void bind(java.sql.PreparedStatement st, Object... params) throws SQLException {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
        }

        /** The row hashes a write handing them back wrote or took out; cancel can interrupt it. */
        private DayHashes hashes(java.sql.PreparedStatement st, long expected, Object... params) throws SQLException {
            bind(st, params);
            return DayHashes.returnedBy(st, cancellation, expected);
        }

        private void run(java.sql.PreparedStatement st, Object... params) throws SQLException {
            bind(st, params);
            cancellation.executeUpdate(st);
        }

        private DayOutcome recordFailure(Lane lane, LocalDate day, LocalDateTime startedAt, long t0, String error) throws SQLException {
            Step step = byDay.get(day);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            int version = step.source().map(Recorded::version).orElse(step.version());
            lane.db.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, error, started_at, duration_ms, restored_from)"
                    + " VALUES (?, ?, ?, ?, 'FAILED', ?, ?, ?, ?)", runId, job.name(), step.day(), version, error, startedAt, millis,
                    step.source().map(Recorded::runId).orElse(null));
            return new DayOutcome(step.day(), DayStatus.FAILED, 0, Optional.empty(), Duration.ofNanos(System.nanoTime() - t0),
                    Optional.of(error), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
