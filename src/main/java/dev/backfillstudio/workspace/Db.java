package dev.backfillstudio.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A narrow helper over one JDBC connection: parameterised queries and updates, and transactions
 * that roll back on any failure. Values always travel as {@code ?} parameters.
 *
 * <p>The statement being executed is kept so another thread can {@link #cancel()} it: DuckDB stops
 * a running query within milliseconds on {@code Statement.cancel()}, while thread interrupts are
 * ignored.
 */
public final class Db {

    private static final java.util.concurrent.atomic.AtomicLong SESSIONS = new java.util.concurrent.atomic.AtomicLong();

    private final Connection connection;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final StatementCache statements;
    private final long serial = SESSIONS.incrementAndGet();
    private final java.util.Set<String> settings = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Db(Connection connection) {
        this.connection = connection;
        this.statements = new StatementCache(connection, 64);
    }

    /** A number no other session of this process has: a name for what belongs to this one (its export's path). */
    public long serial() {
        return serial;
    }

    /** Runs {@code SET setting} on this session the first time it is asked for, and never again. */
    public void setOnce(String setting) throws SQLException {
        if (!settings.contains(setting)) {
            execute("SET " + setting);
            settings.add(setting);
        }
    }

    /**
     * A prepared statement for {@code sql} kept with this session although it names a file: for a statement
     * that only writes a file whose name its caller keeps the same (an export's COPY to the path of its session),
     * which nothing read to plan it. Hand it back with {@link #keep} after a run without error; close it otherwise.
     */
    public PreparedStatement prepareKept(String sql) throws SQLException {
        return statements.take(sql, true);
    }

    /** Hands back a statement from {@link #prepareKept} that ran without error, for the next run of the same text. */
    public void keep(String sql, PreparedStatement st) {
        statements.give(sql, st, true);
    }

    public Connection connection() {
        return connection;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return onCachedStatement(sql, params, st -> {
            List<T> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public long queryLong(String sql, Object... params) throws SQLException {
        return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** The first {@code limit} rows of a query, for a grid; the statement is cancellable like any other. */
    public RowSample sample(String sql, int limit, Object... params) throws SQLException {
        long started = System.nanoTime();
        try (PreparedStatement st = prepare(sql, params)) {
            st.setMaxRows(limit + 1);
            running.set(st);
            try (ResultSet rs = st.executeQuery()) {
                return RowSample.read(rs, limit, started);
            } finally {
                running.set(null);
            }
        }
    }

    /** Runs a statement with parameters and returns the affected row count. */
    public long update(String sql, Object... params) throws SQLException {
        return onCachedStatement(sql, params, PreparedStatement::executeLargeUpdate);
    }

    /**
     * Runs {@code sql} on a statement from the cache, bound to {@code params}, as the statement that
     * {@link #cancel()} stops; the statement goes back to the cache only when it ran without error.
     */
    private <T> T onCachedStatement(String sql, Object[] params, StatementRun<T> run) throws SQLException {
        PreparedStatement st = statements.take(sql);
        boolean ok = false;
        try {
            bind(st, params);
            running.set(st);
            T result;
            try {
                result = run.on(st);
            } finally {
                running.set(null);
            }
            ok = true;
            return result;
        } finally {
            if (ok) {
                statements.give(sql, st);
            } else {
                StatementCache.closeQuietly(st);
            }
        }
    }

    private interface StatementRun<T> {
        T on(PreparedStatement st) throws SQLException;
    }

    /** Runs a parameterless statement (DDL, SET, macros) that prepared statements may not accept. */
    public void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            running.set(st);
            try {
                st.execute(sql);
            } finally {
                running.set(null);
            }
        }
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws.
     * Nested calls join the outer transaction.
     */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        if (!connection.getAutoCommit()) {
            return work.run(this);
        }
        connection.setAutoCommit(false);
        try {
            T result = work.run(this);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Stops the statement now running on this connection, if any. Safe from any thread. */
    public void cancel() {
        Statement st = running.get();
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement finished or closed in the meantime: nothing left to stop
            }
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        try {
            bind(st, params);
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
    }

    /**
     * A text column read as its UTF-8 bytes ({@code SELECT encode(col)}, then {@code getBytes}). The driver's
     * {@code getString} decodes through a CharsetDecoder a character at a time: before the JIT compiles it,
     * that was half of a year's status (365 lineages of ~200 characters). Null stays null.
     */
    public static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Quotes an identifier for DuckDB (double quotes, inner quotes doubled). */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Quotes a string literal, for the few places (file paths in COPY/read_csv) where DuckDB takes no parameter. */
    public static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
