package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Runs a job's SQL text for one day without writing anything: the first rows for a grid and how
 * long the query took. The text is checked by {@link QueryGuard} before any of it is prepared,
 * {@code {DATE}} is bound as a DATE parameter, and the query runs as a subquery with a LIMIT on a
 * session of its own, so a preview never waits for (or holds up) the workspace's main connection.
 *
 * <p>One preview at a time per instance; {@link #cancel()} stops it from another thread.
 */
public final class QueryPreview {

    /** How many rows a preview shows. */
    public static final int ROW_LIMIT = 1000;

    private final Workspace ws;
    private volatile Db session;
    private volatile boolean cancelled;

    public QueryPreview(Workspace ws) {
        this.ws = ws;
    }

    /** The first {@link #ROW_LIMIT} rows of the text run for {@code day}. */
    public RowSample run(String sql, LocalDate day) {
        return run(sql, day, ROW_LIMIT);
    }

    /**
     * The first {@code limit} rows of the text run for {@code day}.
     *
     * @throws BackfillException BAD_INPUT with one sentence when the text is refused or DuckDB rejects it
     *     (with the line, as DuckDB names it); FAILED when the preview was cancelled
     */
    public RowSample run(String sql, LocalDate day, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        cancelled = false;
        Db db = ws.newSession();
        session = db;
        try {
            // Before anything is prepared: DuckDB's driver runs all but the last of stacked statements while preparing.
            QueryGuard.requireSafeQuery(db, sql);
            String wrapped = SqlTemplate.wrap("SELECT * FROM (", sql, ") LIMIT " + (limit + 1));
            int parameters = parameterCount(db, wrapped);
            if (parameters > SqlTemplate.dateCount(sql)) {
                throw BackfillException.badInput("The query has a ? or $n parameter of its own; write {DATE} for the day instead.");
            }
            Object[] days = new Object[parameters];
            Arrays.fill(days, day);
            requireNotCancelled(day, null);
            RowSample sample = db.sample(wrapped, limit, days);
            requireNotCancelled(day, null);
            return sample;
        } catch (SQLException e) {
            requireNotCancelled(day, e);
            throw BackfillException.badInput("The query does not run for " + day + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        } catch (RuntimeException e) {
            requireNotCancelled(day, e); // a cancel during the guard's parse interrupts that instead
            throw e;
        } finally {
            session = null;
            try {
                db.connection().close();
            } catch (SQLException ignored) {
                // the session only read; closing it is best effort
            }
        }
    }

    /** Stops the preview now running, if any. Safe from any thread. */
    public void cancel() {
        cancelled = true;
        Db db = session;
        if (db != null) {
            db.cancel();
        }
    }

    private static int parameterCount(Db db, String wrapped) throws SQLException {
        try (PreparedStatement st = db.connection().prepareStatement(wrapped)) {
            return st.getParameterMetaData().getParameterCount();
        }
    }

    private void requireNotCancelled(LocalDate day, Throwable cause) {
        if (cancelled) {
            throw BackfillException.failed("The preview for " + day + " was cancelled.", cause);
        }
    }
}
