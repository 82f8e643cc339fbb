package dev.backfillstudio.export;

import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.IoFolder;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * Writes a job's output or a table to CSV, Parquet or JSON with DuckDB's {@code COPY}, so no row
 * passes through the Java heap. DuckDB writes it in the process's {@link IoFolder} (the only folder it
 * may write to), from where it moves to a hidden temporary beside the target (a rename on the same
 * disk) and is
 * renamed only when complete: a failed, cancelled or killed export leaves no file at the target, and
 * a failed or cancelled one leaves no temporary either.
 *
 * <p>One exporter runs one export at a time, on its own connection (so the app can keep browsing);
 * {@link #cancel()} may be called from any thread. Nothing is written to the workspace, so a
 * read-only workspace exports too.
 */
public final class Exporter {

    private static final long PROGRESS_EVERY_MS = 200;
    /**
     * One thread asks every running export for its progress: a thread started and joined per export cost ~1 ms
     * of a small one's ~50. Made on the first export, a daemon.
     */
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "export-progress");
        t.setDaemon(true);
        return t;
    });

    private final Workspace workspace;
    private final AtomicReference<PreparedStatement> running = new AtomicReference<>();
    private volatile boolean cancelled;
    /**
     * Whether a cancel may interrupt the COPY now running. DuckDB 2.0.0.1 can hang for good when a COPY to
     * CSV or JSON is interrupted (its ordered text writer; here one interrupted COPY in 3 to 25 never
     * returned, with or without progress polling, and none to Parquet in 25): such a COPY is left to
     * finish, and what it wrote is dropped like any cancelled export's.
     */
    private volatile boolean interruptible;
    private final Object progressLock = new Object();
    /** Held while a progress report is with the listener (outside {@link #progressLock}: the listener may cancel). */
    private final Object reportLock = new Object();

    public Exporter(Workspace workspace) {
        this.workspace = workspace;
    }

    public ExportResult export(ExportRequest request) {
        return export(request, ExportListener.NONE);
    }

    /**
     * Runs the export on the calling thread and returns what it wrote.
     *
     * @throws BackfillException BAD_INPUT with one sentence for an unknown job or table, a job that
     *     never ran, days without output, a missing folder or an existing target without overwrite;
     *     {@link ExportCancelledException} when cancelled; FAILED when DuckDB or the disk fails.
     */
    public ExportResult export(ExportRequest request, ExportListener listener) {
        long began = System.nanoTime();
        cancelled = false;
        OutputTarget target = OutputTarget.check(request.out(), request.overwrite(), workspace.file());
        Path temporary = null;
        Path output = null;
        Db db = workspace.borrowSession();
        boolean clean = false;
        Optional<DayEngine> engine = Optional.empty();
        Path fromEngine = null;
        try {
            // on DuckDB the output of a whole job is checked after its COPY, where the checks cost nothing when they
            // pass; on another engine before it, so that a wrong name is refused before that engine starts
            SourceQuery query = Engines.settings(workspace).isDuckDb() ? SourceQuery.resolveCheckingAfter(db, request.source())
                    : SourceQuery.resolve(db, request.source());
            engine = Engines.open(workspace);
            if (engine.isPresent()) {
                fromEngine = IoFolder.get().newOutput("from-engine");
                query = query.readFrom(engine.get(), fromEngine);
            }
            String partitionBy = "";
            if (request.partitioned()) {
                String column = query.dateColumn().orElseThrow(() -> BackfillException.badInput("Cannot partition "
                        + request.source().describe() + " by day: it has no date column; export it without --partitioned."));
                partitionBy = ", PARTITION_BY (" + Db.ident(column) + ")";
            }
            temporary = target.newTemporary();
            // DuckDB may write only inside the process's IoFolder: the COPY goes there, then moves beside the target. The
            // path is the session's own, the same at every export, so the COPY of a source stays prepared with the session.
            output = IoFolder.get().sessionOutput(db.serial());
            String copy = "COPY (" + query.select() + ") TO " + Db.literal(output.toString())
                    + " (" + request.format().copyOptions() + partitionBy + ")";
            listener.started(target.path(), temporary);
            interruptible = request.format() == ExportFormat.PARQUET;
            long rows;
            try {
                rows = copy(db, copy, query.params(), listener);
            } catch (SQLException e) {
                if (!cancelled) {
                    query.explain(db);
                }
                throw e;
            }
            if (cancelled) {
                throw cancelledException(request);
            }
            if (rows == 0) {
                query.requireRan(db);
            }
            IoFolder.get().moveOut(output, temporary);
            output = null;
            listener.written(rows);
            if (cancelled) {
                throw cancelledException(request);
            }
            target.publish(temporary);
            temporary = null;
            ExportResult result = new ExportResult(target.path(), rows, request.format(), request.partitioned(),
                    Duration.ofNanos(System.nanoTime() - began));
            clean = true;
            listener.finished(result);
            return result;
        } catch (SQLException e) {
            if (cancelled) {
                throw cancelledException(request);
            }
            throw BackfillException.failed("Export of " + request.source().describe() + " to " + target.path() + " failed: "
                    + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw BackfillException.failed("Export of " + request.source().describe() + " to " + target.path()
                    + " failed: cannot write " + e.getMessage() + ".", e);
        } finally {
            IoFolder.get().release(output);
            IoFolder.get().release(fromEngine);
            IoFolder.deleteTree(temporary);
            engine.ifPresent(DayEngine::close);
            if (clean) {
                workspace.giveBack(db);
            } else {
                close(db);
            }
        }
    }

    private static void close(Db session) {
        try {
            session.connection().close();
        } catch (SQLException ignored) {
            // the session only read: nothing to commit or lose
        }
    }

    /** Stops the export now running, if any; it then leaves nothing behind. Safe from any thread. */
    public void cancel() {
        // never interrupt while the poller is asking DuckDB for progress on the same statement:
        // the two native calls racing on one statement is how a cancelled COPY can stall
        synchronized (progressLock) {
            cancelled = true;
            PreparedStatement st = running.get();
            if (st != null && interruptible) {
                try {
                    st.cancel();
                } catch (SQLException ignored) {
                    // the statement ended meanwhile; the cancelled flag still discards its output
                }
            }
        }
    }

    private long copy(Db db, String sql, List<Object> params, ExportListener listener) throws SQLException {
        // a session is kept for the next export, with its settings and its prepared COPY
        db.setOnce("enable_progress_bar = true");
        db.setOnce("enable_progress_bar_print = false");
        PreparedStatement st = db.prepareKept(sql);
        boolean ran = false;
        try {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            running.set(st);
            ScheduledFuture<?> polling = null;
            try {
                if (cancelled) {
                    throw new SQLException("cancelled before it started");
                }
                DuckDBPreparedStatement duck = st.unwrap(DuckDBPreparedStatement.class);
                polling = POLLER.scheduleWithFixedDelay(() -> report(duck, listener), PROGRESS_EVERY_MS, PROGRESS_EVERY_MS,
                        TimeUnit.MILLISECONDS);
                long rows = st.executeLargeUpdate();
                ran = true;
                return rows;
            } finally {
                if (polling != null) {
                    polling.cancel(false);
                }
                // taken while a report is with the listener, so none reaches it after the export returns
                synchronized (reportLock) {
                    synchronized (progressLock) {
                        running.set(null);
                    }
                }
            }
        } finally {
            if (ran) {
                db.keep(sql, st);
            } else {
                st.close();
            }
        }
    }

    private void report(DuckDBPreparedStatement st, ExportListener listener) {
        synchronized (reportLock) {
            double fraction;
            synchronized (progressLock) {
                if (cancelled || running.get() == null) {
                    return;
                }
                try {
                    QueryProgress p = st.getQueryProgress();
                    if (p == null || p.getPercentage() < 0) {
                        return;
                    }
                    fraction = Math.min(1.0, p.getPercentage() / 100.0);
                } catch (SQLException | RuntimeException ignored) {
                    // progress is a courtesy: the statement may have just finished or closed
                    return;
                }
            }
            // outside the progress lock: a listener may call cancel()
            listener.progress(fraction);
        }
    }

    private static ExportCancelledException cancelledException(ExportRequest request) {
        return new ExportCancelledException("Export of " + request.source().describe() + " to "
                + request.out().toAbsolutePath().normalize() + " was cancelled; nothing was written.");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error.";
        }
        String line = message.strip().split("\n", 2)[0].strip();
        return line.endsWith(".") ? line : line + ".";
    }
}
