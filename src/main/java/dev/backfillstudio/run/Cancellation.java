package dev.backfillstudio.run;

import dev.backfillstudio.workspace.Db;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets another thread stop work that goes day by day on a session of its own (a run, a verify): the
 * flag keeps the next day from starting, and the statement executing now and the session's query are
 * interrupted, so DuckDB rolls the day back.
 */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** The sessions the work uses (a run's lanes), interrupted by a cancel and closed by {@link #finish()}. */
    private final List<Db> sessions = new CopyOnWriteArrayList<>();
    /** The statement each thread of the work executes now (a run's lanes execute theirs at the same time). */
    private final Map<Thread, PreparedStatement> executing = new ConcurrentHashMap<>();

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
        cancelled.set(false);
    }

    /** Whether {@link #cancel()} was called since {@link #start}. */
    public boolean requested() {
        return cancelled.get();
    }

    /** The statement of the calling thread a cancel interrupts now; null once it has returned. */
    public void executing(PreparedStatement st) {
        if (st == null) {
            executing.remove(Thread.currentThread());
        } else {
            executing.put(Thread.currentThread(), st);
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
        for (PreparedStatement st : executing.values()) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // it finished meanwhile; the flag stops the work before the next day
            }
        }
        sessions.forEach(Db::cancel);
    }
}
