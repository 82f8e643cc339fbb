package dev.backfillstudio.source;

import dev.backfillstudio.ingest.CaptureResult;
import dev.backfillstudio.ingest.RelationColumn;
import dev.backfillstudio.ingest.SnapshotCapture;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.InputDays;
import dev.backfillstudio.workspace.Workspace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBAppender;
import org.postgresql.PGConnection;

/**
 * Captures a day's snapshot from a query on another database (PostgreSQL through its official JDBC
 * driver), inside the one transaction that writes the day (see {@link SnapshotCapture}). From
 * PostgreSQL, when every column is of a common type, the rows come as PostgreSQL's own
 * {@code COPY ... TO STDOUT} writes them and DuckDB's CSV reader loads them while they stream
 * ({@link PgCopyFeed}): about twice as fast as reading them through the driver. Otherwise (another
 * driver, another column type, or a value DuckDB's reader does not take, which rolls the day back
 * first) they stream from a server-side cursor through the driver's typed reads into DuckDB's
 * appender. Whatever fails (the host, the login, the query, a column that does not fit, the
 * connection dropping midway) is one sentence naming the source, and the workspace is left as it was.
 */
public final class JdbcCapture {

    /** Rows fetched from the server per round trip: large enough to stream at full speed, small enough for the heap. */
    static final int FETCH_SIZE = 10_000;
    private static final int PROGRESS_EVERY = 50_000;

    private final Workspace workspace;
    private final SnapshotCapture capture;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final AtomicReference<PgCopyFeed> copying = new AtomicReference<>();
    private volatile LongConsumer progress = rows -> { };
    private boolean copy = true;
    private volatile Transfer used;

    /** How a capture's rows travelled. */
    enum Transfer {
        /** PostgreSQL's own COPY text, read by DuckDB's CSV reader. */
        COPY,
        /** The driver's typed reads, appended value by value. */
        ROWS
    }

    public JdbcCapture(Workspace workspace) {
        this.workspace = workspace;
        this.capture = new SnapshotCapture(workspace);
    }

    /** Told the number of rows read so far, every so many rows, on the capturing thread or the thread reading the source. */
    public JdbcCapture onRows(LongConsumer listener) {
        this.progress = listener;
        return this;
    }

    /** Takes the rows through the driver's typed reads even from PostgreSQL (for comparing the two transfers). */
    JdbcCapture rowByRow() {
        this.copy = false;
        return this;
    }

    /** How the last capture's rows travelled, null before one succeeded. */
    Transfer transfer() {
        return used;
    }

    /** Stops the capture (the query on the source and the write on the workspace); nothing of the day is kept. */
    public void cancel() {
        capture.cancel();
        PgCopyFeed feed = copying.get();
        if (feed != null) {
            feed.cancel();
        }
        Statement st = running.get();
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement ended meanwhile: the capture notices its cancelled flag anyway
            }
        }
    }

    /** Captures a saved source's day. */
    public CaptureResult capture(Source source, LocalDate day, boolean replace, Optional<String> password) {
        return capture(source.label(), source.jdbcUrl(), source.query(), source.table(), day, replace, password,
                source.keyColumns());
    }

    /**
     * Captures the rows of {@code query} at {@code url} as day {@code day} of snapshot table {@code table};
     * {@code label} names the source in every sentence.
     */
    public CaptureResult capture(String label, String url, String query, String table, LocalDate day, boolean replace,
            Optional<String> password) {
        return capture(label, url, query, table, day, replace, password, List.of());
    }

    private CaptureResult capture(String label, String url, String query, String table, LocalDate day, boolean replace,
            Optional<String> password, List<String> historyKeys) {
        JdbcUrl.requireSafe(url);
        workspace.requireWritable();
        SourceErrors errors = new SourceErrors(label, url);
        Connection c = connect(url, password, errors);
        try {
            if (copy) {
                try {
                    Optional<CaptureResult> copied = byCopy(c, label, query, table, day, replace, historyKeys, errors);
                    if (copied.isPresent()) {
                        return copied.get();
                    }
                } catch (SnapshotCapture.ChunkRefused | CopyRefused e) {
                    // a value DuckDB's reader does not take in PostgreSQL's text form, or a query COPY cannot wrap:
                    // the day was rolled back; take it again with the driver's typed reads
                    closeQuietly(c);
                    c = connect(url, password, errors);
                }
            }
            return byRows(c, label, query, table, day, replace, historyKeys, errors);
        } catch (SQLException e) {
            if (capture.cancelled()) {
                throw BackfillException.failed("Capturing " + label + " was cancelled; nothing was written.", e);
            }
            throw errors.querying(e);
        } finally {
            closeQuietly(c);
        }
    }

    private static Connection connect(String url, Optional<String> password, SourceErrors errors) {
        Properties props = new Properties();
        password.ifPresent(p -> props.setProperty("password", p));
        // an unreachable host fails within seconds instead of hanging a cron job
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "20");
        props.setProperty("ApplicationName", "Backfill Studio capture");
        Connection c;
        try {
            c = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw errors.connecting(e);
        }
        try {
            // PostgreSQL streams through a cursor only inside a transaction; the capture never writes there
            c.setAutoCommit(false);
            c.setReadOnly(true);
        } catch (SQLException e) {
            closeQuietly(c);
            throw errors.connecting(e);
        }
        return c;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the session is over either way; nothing of it is kept
        }
    }

    /**
     * On PostgreSQL, when every column of the query is of a type {@link PgCopyFeed} carries exactly: the
     * rows as PostgreSQL's own COPY writes them, loaded by DuckDB's reader while they stream. Empty when
     * the query has another column type (or the driver is not PostgreSQL's).
     */
    private Optional<CaptureResult> byCopy(Connection c, String label, String query, String table, LocalDate day, boolean replace,
            List<String> historyKeys, SourceErrors errors) throws SQLException {
        if (!c.isWrapperFor(PGConnection.class)) {
            return Optional.empty();
        }
        List<RelationColumn> columns;
        try (PreparedStatement st = c.prepareStatement(query)) {
            running.set(st);
            ResultSetMetaData md;
            try {
                // PostgreSQL describes the statement without running it
                md = st.getMetaData();
            } catch (SQLException e) {
                throw errors.querying(e);
            } finally {
                running.set(null);
            }
            if (md == null || md.getColumnCount() == 0 || !PgCopyFeed.carries(md)) {
                return Optional.empty();
            }
            columns = columnsOf(md, null, errors);
        }
        try (PgCopyFeed feed = PgCopyFeed.start(c.unwrap(PGConnection.class), withoutFinalSemicolons(query), columns, errors,
                progress, PROGRESS_EVERY)) {
            copying.set(feed);
            if (capture.cancelled()) {
                feed.cancel();
            }
            try {
                CaptureResult r = capture.fromChunks(table, label, feed, day, replace, InputDays.Origin.JDBC, historyKeys);
                used = Transfer.COPY;
                return Optional.of(r);
            } catch (BackfillException e) {
                if (!capture.cancelled() && feed.rowsRead() == 0 && PgCopyFeed.refusedStatement(e.getCause())) {
                    throw new CopyRefused();
                }
                throw e;
            } finally {
                copying.set(null);
            }
        }
    }

    /** The driver's typed reads of a result set, value by value into DuckDB's appender: any JDBC driver, any column type. */
    private CaptureResult byRows(Connection c, String label, String query, String table, LocalDate day, boolean replace,
            List<String> historyKeys, SourceErrors errors) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(FETCH_SIZE);
            running.set(st);
            ResultSet rs;
            try {
                rs = st.executeQuery();
            } catch (SQLException e) {
                throw errors.querying(e);
            }
            try (rs) {
                Feed feed = new Feed(rs, errors);
                CaptureResult r = capture.fromRows(table, label, feed, day, replace, InputDays.Origin.JDBC, historyKeys);
                used = Transfer.ROWS;
                return r;
            } finally {
                running.set(null);
            }
        }
    }

    /** A query ending in semicolons (as people write them) without them, so COPY ( ... ) can wrap it. */
    static String withoutFinalSemicolons(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }

    /**
     * The query's columns with the DuckDB types they arrive as (the same for both transfers, so the
     * snapshot table's check does not depend on the path), each name once.
     */
    private static List<RelationColumn> columnsOf(ResultSetMetaData md, ColumnTransfer[] transfers, SourceErrors errors)
            throws SQLException {
        List<RelationColumn> columns = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            ColumnTransfer t = ColumnTransfer.of(md, i);
            if (transfers != null) {
                transfers[i - 1] = t;
            }
            RelationColumn col = new RelationColumn(md.getColumnLabel(i), t.duckType(md, i));
            if (seen.contains(col.name().toLowerCase(java.util.Locale.ROOT))) {
                throw BackfillException.badInput("The query of " + errors.label() + " returns column " + col.name()
                        + " twice; give each column its own name.");
            }
            seen.add(col.name().toLowerCase(java.util.Locale.ROOT));
            columns.add(col);
        }
        return columns;
    }

    /** COPY refused the wrapped query before any row (class 42): the rows are taken row by row instead. */
    private static final class CopyRefused extends RuntimeException {
        CopyRefused() {
            super(null, null, false, false);
        }
    }

    /** The rows of a result set, appended value by value with typed reads. */
    private final class Feed implements SnapshotCapture.RowFeed {
        private final ResultSet rs;
        private final SourceErrors errors;
        private final List<RelationColumn> columns;
        private final ColumnTransfer[] transfers;

        Feed(ResultSet rs, SourceErrors errors) throws SQLException {
            this.rs = rs;
            this.errors = errors;
            ResultSetMetaData md;
            try {
                md = rs.getMetaData();
            } catch (SQLException e) {
                throw errors.querying(e);
            }
            transfers = new ColumnTransfer[md.getColumnCount()];
            columns = columnsOf(md, transfers, errors);
        }

        @Override
        public List<RelationColumn> columns() {
            return columns;
        }

        @Override
        public long appendTo(DuckDBAppender appender, SnapshotCapture owner, LocalDate day) throws SQLException {
            long rows = 0;
            int n = transfers.length;
            while (true) {
                boolean more;
                try {
                    more = rs.next();
                } catch (SQLException e) {
                    if (owner.cancelled()) {
                        throw e;
                    }
                    throw errors.reading(e, rows);
                }
                if (!more || owner.cancelled()) {
                    return rows;
                }
                appender.beginRow();
                for (int i = 0; i < n; i++) {
                    transfers[i].move(rs, i + 1, appender);
                }
                if (day != null) {
                    appender.append(day);
                }
                appender.endRow();
                rows++;
                if (rows % PROGRESS_EVERY == 0) {
                    progress.accept(rows);
                }
            }
        }
    }
}
