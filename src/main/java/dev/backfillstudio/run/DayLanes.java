package dev.backfillstudio.run;

import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.LiveRuns;
import dev.backfillstudio.workspace.Workspace;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Takes a run's days (a backfill's, an undo's) through its sessions, the lanes: one, or up to
 * {@link #MAX} when the days are independent of each other. With several lanes a day's statements
 * run on one session while those of the days before it run, and they commit, on the others (a small
 * day's statements leave much of a second core idle, and its commit, mostly writing the WAL, costs
 * about what its query does: on two cores a run of small days took 25 % less time on four lanes).
 *
 * <p>Each day is still one transaction. The days are committed on the run's thread one at a time in
 * day order, each only once the day before it was reported, so a cancel or a fail-fast stop seen then
 * still rolls the later days back, and a later day that failed records its attempt only then too:
 * what a run leaves, and what its listener hears, is what running the days one after another would
 * have left and said, up to the moment it stopped.
 *
 * @param <L> the lanes, each with what the run prepared on its session
 */
final class DayLanes<L extends DayLanes.Lane> implements AutoCloseable {

    /** Lanes a run uses at most. */
    static final int MAX = 4;

    /** A session of a run; what the run prepares on it lives in a subclass. */
    abstract static class Lane {
        final Db db;
        final Connection conn;

        Lane(Db db) {
            this.db = db;
            this.conn = db.connection();
        }

        /** Closes what the run prepared on the session; it is prepared again when next needed. */
        abstract void closeStatements();

        /** Closes each of {@code prepared} that is there, quietly: a cancelled statement may be closed already. */
        static void closeQuietly(AutoCloseable... prepared) {
            for (AutoCloseable c : prepared) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing is best effort; the session's transaction is committed or rolled back already
                    }
                }
            }
        }

        /** Rolls back the day's transaction, if one is open, and returns the session to autocommit. */
        void rollback() throws SQLException {
            if (conn.getAutoCommit()) {
                return; // failed before the day's transaction began
            }
            try {
                conn.rollback();
            } finally {
                conn.setAutoCommit(true);
            }
        }
    }

    /** A day's work on a lane: its result, or empty when a cancel interrupted it (rolled back, nothing recorded). */
    @FunctionalInterface
    interface DayWork<L> {
        Optional<Done> run(L lane, LocalDate day) throws SQLException;
    }

    /** Records a day's failed attempt on the lane's session, in a transaction of its own. */
    @FunctionalInterface
    interface Failure<L> {
        DayOutcome record(L lane, LocalDate day, LocalDateTime startedAt, long t0, String error) throws SQLException;
    }

    /** Records a day's attempt in a transaction of its own, when the run reaches the day. */
    @FunctionalInterface
    interface Record {
        DayOutcome write() throws SQLException;
    }

    /**
     * A day whose work is done: its outcome, committed already, or {@code open} (its writes made, waiting for the
     * run to commit them), or to be recorded by {@code record} once the run reaches it (a day that failed or was
     * refused, rolled back).
     */
    record Done(DayOutcome outcome, boolean open, LocalDateTime startedAt, long t0, Record record) {

        static Done committed(DayOutcome outcome) {
            return new Done(outcome, false, null, 0, null);
        }

        static Done open(DayOutcome outcome, LocalDateTime startedAt, long t0) {
            return new Done(outcome, true, startedAt, t0, null);
        }

        static Done later(Record record) {
            return new Done(null, false, null, 0, record);
        }
    }

    /** A day handed to a lane: its work, running on the lane's thread or done already. */
    private record Slot<L>(L lane, LocalDate day, Future<Optional<Done>> work) {

        /** The day's work's result; what it raised, raised here. */
        Optional<Done> await() throws SQLException {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return work.get();
                    } catch (InterruptedException e) {
                        // the day holds its lane's session until it is done; a cancel interrupts its statement instead
                        interrupted = true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof SQLException q) {
                            throw q;
                        }
                        if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        }
                        if (e.getCause() instanceof Error err) {
                            throw err;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final Workspace ws;
    private final long runId;
    private final List<L> lanes;
    private final Cancellation cancellation;
    private final RunListener listener;
    private final boolean failFast;
    private final long started = System.nanoTime();
    /** Runs the days' work, a thread a lane; null with one lane, whose days run on the run's thread. */
    private final ExecutorService pool;
    /** The days handed to the lanes and not yet settled, in day order: one a lane at most. */
    private final ArrayDeque<Slot<L>> inFlight = new ArrayDeque<>();
    private final List<DayOutcome> outcomes = new ArrayList<>();
    private List<LocalDate> days = List.of();
    private boolean anyFailed;
    private boolean stop;
    private boolean cancelled;

    /**
     * Lanes for run {@code runId} of {@code dayCount} days on session {@code db}, and, when {@code independent},
     * on further sessions of {@code ws} (interrupted by {@code cancellation} and closed by its finish).
     */
    DayLanes(Workspace ws, Db db, long runId, int dayCount, boolean independent, Function<Db, L> lane,
            Cancellation cancellation, RunListener listener, boolean failFast) {
        this.ws = ws;
        this.runId = runId;
        this.cancellation = cancellation;
        this.listener = listener;
        this.failFast = failFast;
        List<L> made = new ArrayList<>();
        made.add(lane.apply(db));
        if (independent) {
            for (int k = 1; k < Math.min(dayCount, MAX); k++) {
                Db other = ws.newSession();
                cancellation.alsoInterrupt(other);
                made.add(lane.apply(other));
            }
        }
        this.lanes = List.copyOf(made);
        this.pool = lanes.size() < 2 ? null : Executors.newFixedThreadPool(lanes.size(), r -> {
            Thread t = new Thread(r, "run-" + runId + "-lane");
            t.setDaemon(true);
            return t;
        });
    }

    /** The days reported so far, in day order. */
    List<DayOutcome> outcomes() {
        return outcomes;
    }

    /** Runs {@code days} in order with {@code work}; a day left open whose commit fails is recorded by {@code failure}. */
    RunOutcome run(List<LocalDate> days, DayWork<L> work, Failure<L> failure) throws SQLException {
        this.days = days;
        int next = 0;
        while (true) {
            while (next < days.size() && inFlight.size() < lanes.size() && !stopping()) {
                LocalDate day = days.get(next);
                // days settle in order, so the lane of the day as many days back as there are lanes is free again
                L lane = lanes.get(next % lanes.size());
                next++;
                LiveRuns.computing(ws.file(), runId, day);
                listener.dayStarted(day, progress(day));
                inFlight.add(new Slot<>(lane, day, start(work, lane, day)));
            }
            Slot<L> head = inFlight.poll();
            if (head == null) {
                break;
            }
            try {
                settle(head, failure);
            } finally {
                LiveRuns.computed(ws.file(), runId, head.day());
            }
        }
        if (cancelled || cancellation.requested() && outcomes.size() < days.size()) {
            return RunOutcome.CANCELLED;
        }
        return anyFailed ? RunOutcome.FAILED : RunOutcome.SUCCEEDED;
    }

    private boolean stopping() {
        return stop || cancelled || cancellation.requested();
    }

    Progress progress(LocalDate day) {
        return Progress.of(outcomes.size(), days.size(), day, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Whether the days' work runs on lanes of their own, leaving its transaction open for the run to commit. */
    boolean overlapping() {
        return pool != null;
    }

    private Future<Optional<Done>> start(DayWork<L> work, L lane, LocalDate day) {
        if (pool != null) {
            return pool.submit(() -> work.run(lane, day));
        }
        try {
            return CompletableFuture.completedFuture(work.run(lane, day));
        } catch (SQLException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for the day's work; commits a day left open (or rolls it back when the run is stopping), and reports it. */
    private void settle(Slot<L> slot, Failure<L> failure) throws SQLException {
        Optional<Done> result = slot.await();
        if (result.isEmpty()) {
            cancelled = true;
            return;
        }
        Done done = result.get();
        DayOutcome outcome = done.outcome();
        if (done.record() != null) {
            if (stopping()) {
                // a day after the one that stopped the run: as if it had not started
                return;
            }
            outcome = done.record().write();
        }
        if (done.open()) {
            L lane = slot.lane();
            if (stopping()) {
                lane.rollback();
                return;
            }
            try {
                lane.conn.commit();
                lane.conn.setAutoCommit(true);
            } catch (SQLException e) {
                lane.rollback();
                if (cancellation.requested()) {
                    cancelled = true;
                    return;
                }
                outcome = failure.record(lane, outcome.day(), done.startedAt(), done.t0(), QueryCheck.duckDbSentence(e.getMessage()));
            }
        }
        outcomes.add(outcome);
        listener.dayFinished(outcome, progress(outcome.day()));
        if (outcome.status() == DayStatus.BLOCKED || outcome.status() == DayStatus.FAILED) {
            anyFailed = true;
        }
        if (outcome.status() == DayStatus.FAILED && failFast) {
            stop = true;
        }
    }

    /**
     * Waits for the days still running (the run ended by an error) and rolls back what they left open, stops the
     * lanes' threads and closes what the run prepared on each session.
     */
    @Override
    public void close() {
        if (!inFlight.isEmpty()) {
            // the run ends by an error: the days still running would not be committed, so they need not finish
            cancellation.cancel();
        }
        Slot<L> slot;
        while ((slot = inFlight.poll()) != null) {
            try {
                if (slot.await().filter(Done::open).isPresent()) {
                    slot.lane().rollback();
                }
            } catch (SQLException | RuntimeException ignored) {
                // the run already ends by the error that left the day behind; the day is not committed
            }
        }
        if (pool != null) {
            pool.shutdown();
        }
        lanes.forEach(Lane::closeStatements);
    }
}
