package dev.backfillstudio.run;

import dev.backfillstudio.workspace.Db;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets another thread stop work that goes day by day on a session of its own (a run, a verify): the
 * flag keeps the next day from starting, and the statement executing now and the session's query are
 * interrupted, so DuckDB rolls the day back.
 *
 * <p>An interrupt reaches only a query already running: the driver's {@code cancel()} does nothing for a
 * statement that has not yet taken its lock, and DuckDB clears a connection's interrupt when a query begins.
 * A statement whose thread registered it just before a cancel could therefore start afterwards and run on
 * (a run's lanes start theirs while the others commit). So a statement registered once the flag is set is
 * refused, and the statements registered before it are interrupted again and again until each has returned.
 *
 * <p>Once the work's days are done it records how they went (a run's outcome, its kept rows settled), on the
 * session a cancel would interrupt. {@link #closing()} marks that point: from then on a cancel only sets the flag,
 * so a Ctrl-C pressed as the run ends cannot leave it half recorded.
 */
public final class Cancellation {

    private static final String REFUSED = "Cancelled before the statement started.";

    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** The sessions the work uses (a run's lanes), interrupted by a cancel and closed by {@link #finish()}. */
    private final List<Db> sessions = new CopyOnWriteArrayList<>();
    /** The statement each thread of the work executes now (a run's lanes execute theirs at the same time). */
    private final Map<Thread, PreparedStatement> executing = new ConcurrentHashMap<>();
    /** Held while a cancel interrupts, so that {@link #closing()} returns only once no interrupt is under way. */
    private final Object interrupting = new Object();
    /** Whether the work is recording its end, which no cancel interrupts; guarded by {@link #interrupting}. */
    private boolean closing;

    /** The session a cancel interrupts from now until {@link #finish()}. */
    public void start(Db db) {
        sessions.add(db);
    }

    /** Another session of the same work, interrupted by a cancel and closed by {@link #finish()} with the first. */
    public void alsoInterrupt(Db db) {
        sessions.add(db);
    }

    /** Forgets and closes the sessions, and clears the flag for the next use. */
    public void finish() {
        for (Db db : sessions) {
            try {
                db.connection().close();
            } catch (SQLException ignored) {
                // what the session did is already committed or rolled back; closing is best effort
            }
        }
        sessions.clear();
        synchronized (interrupting) {
            closing = false;
        }
        cancelled.set(false);
    }

    /**
     * The work's own statements are done and it begins to record its end: from now until {@link #finish()} a
     * cancel interrupts nothing. Returns once an interrupt under way has been delivered; DuckDB clears a
     * connection's interrupt when its next query begins, so none reaches the statements that follow.
     */
    public void closing() {
        synchronized (interrupting) {
            closing = true;
        }
    }

    /**
     * Whether {@code e} (or what it wraps) is this work's cancel stopping a statement before the work was closing: an
     * interrupt, or a statement refused after the cancel. Anything else, or anything once closing, is a failure of its own.
     */
    public boolean stopped(Throwable e) {
        synchronized (interrupting) {
            if (closing || !cancelled.get()) {
                return false;
            }
        }
        // a step may have wrapped the statement's exception in a sentence of its own
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTimeoutException || t instanceof SQLException && (String.valueOf(t.getMessage()).contains("INTERRUPT")
                    || REFUSED.equals(t.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #cancel()} was called since {@link #start}. */
    public boolean requested() {
        return cancelled.get();
    }

    /** How often the statements registered when a cancel came are interrupted again until they return. */
    private static final long RETRY_MILLIS = 20;
    /** How long they are at most: a statement that outlives this ignores interrupts. */
    private static final long RETRY_LIMIT_MINUTES = 10;

    /**
     * The statement of the calling thread a cancel interrupts now; null once it has returned. A statement
     * registered after a cancel is refused, so none starts once a cancel was asked for.
     */
    public void executing(PreparedStatement st) throws SQLException {
        if (st == null) {
            executing.remove(Thread.currentThread());
            return;
        }
        executing.put(Thread.currentThread(), st);
        // put before the flag is read, as cancel() sets the flag before it reads the statements: one of the two sees the other
        if (cancelled.get()) {
            executing.remove(Thread.currentThread());
            throw new SQLException(REFUSED);
        }
    }

    /** Executes an update that a cancel interrupts. */
    public long executeUpdate(PreparedStatement st) throws SQLException {
        executing(st);
        try {
            return st.executeLargeUpdate();
        } finally {
            executing(null);
        }
    }

    /** Stops the work from any thread: no further day starts, and the query running now is interrupted. */
    public void cancel() {
        cancelled.set(true);
        synchronized (interrupting) {
            if (closing) {
                return;
            }
            interruptRegistered();
            sessions.forEach(Db::cancel);
        }
        if (!executing.isEmpty()) {
            Thread retry = new Thread(this::interruptUntilReturned, "cancel-retry");
            retry.setDaemon(true);
            retry.start();
        }
    }

    private void interruptRegistered() {
        for (PreparedStatement st : executing.values()) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // it finished meanwhile; the flag stops the work before the next day
            }
        }
    }

    /** Interrupts the registered statements until none is left, or the work finished ({@link #finish()} clears the flag). */
    private void interruptUntilReturned() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(RETRY_LIMIT_MINUTES);
        while (cancelled.get() && !executing.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (interrupting) {
                if (closing) {
                    return;
                }
                interruptRegistered();
            }
        }
    }
}
