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

/**
 * Captures a day's snapshot from a query on another database (PostgreSQL through its official JDBC
 * driver): the rows stream from a server-side cursor straight into DuckDB's appender, inside the one
 * transaction that writes the day (see {@link SnapshotCapture}). Whatever fails (the host, the login,
 * the query, a column that does not fit, the connection dropping midway) is one sentence naming the
 * source, and the workspace is left as it was.
 */
public final class JdbcCapture {

    /** Rows fetched from the server per round trip: large enough to stream at full speed, small enough for the heap. */
    static final int FETCH_SIZE = 10_000;
    private static final int PROGRESS_EVERY = 50_000;

    private final Workspace workspace;
    private final SnapshotCapture capture;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private volatile LongConsumer progress = rows -> { };

    public JdbcCapture(Workspace workspace) {
        this.workspace = workspace;
        this.capture = new SnapshotCapture(workspace);
    }

    /** Told the number of rows read so far, every so many rows, on the capturing thread. */
    public JdbcCapture onRows(LongConsumer listener) {
        this.progress = listener;
        return this;
    }

    /** Stops the capture (the query on the source and the write on the workspace); nothing of the day is kept. */
    public void cancel() {
        capture.cancel();
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
        try (c) {
            // PostgreSQL streams through a cursor only inside a transaction; the capture never writes there
            c.setAutoCommit(false);
            c.setReadOnly(true);
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
                    return capture.fromRows(table, label, feed, day, replace, InputDays.Origin.JDBC, historyKeys);
                } finally {
                    running.set(null);
                }
            }
        } catch (SQLException e) {
            if (capture.cancelled()) {
                throw BackfillException.failed("Capturing " + label + " was cancelled; nothing was written.", e);
            }
            throw errors.querying(e);
        }
    }

    /** The rows of a result set, appended value by value with typed reads. */
    private final class Feed implements SnapshotCapture.RowFeed {
        private final ResultSet rs;
        private final SourceErrors errors;
        private final List<RelationColumn> columns = new ArrayList<>();
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
            for (int i = 1; i <= transfers.length; i++) {
                transfers[i - 1] = ColumnTransfer.of(md, i);
                columns.add(new RelationColumn(md.getColumnLabel(i), transfers[i - 1].duckType(md, i)));
            }
            List<String> seen = new ArrayList<>();
            for (RelationColumn col : columns) {
                if (seen.contains(col.name().toLowerCase(java.util.Locale.ROOT))) {
                    throw BackfillException.badInput("The query of " + errors.label() + " returns column " + col.name()
                            + " twice; give each column its own name.");
                }
                seen.add(col.name().toLowerCase(java.util.Locale.ROOT));
            }
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
