package dev.backfillstudio.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The prepared statements of one connection's most recent query texts, so a query asked again (the
 * calendar reads the same dozen metadata queries for every month it shows) skips DuckDB's parse, bind and
 * plan, which cost more than running most of them.
 *
 * <p>Why it is safe: DuckDB binds a prepared statement again by itself when the catalog changed since it
 * was prepared (a column added, a view replaced, a table dropped and made anew); a statement whose run
 * failed is closed by the driver, so it is never handed back. A statement is taken out while it runs and
 * returned after, so two threads never share one. A statement that reads or writes files is never kept:
 * its plan holds what DuckDB read of the file to plan it, and the file is a different one next time.
 */
final class StatementCache {

    private static final Map<String, Boolean> KEEPS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern FILES = Pattern.compile("(?i)\\bread_\\w+\\s*\\(|\\bcopy\\b|\\bglob\\s*\\(");

    private final Connection connection;
    private final int capacity;
    private final LinkedHashMap<String, PreparedStatement> idle;

    StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.idle = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Whether a statement of this text is kept for the next time: not when it touches files. */
    static boolean keeps(String sql) {
        // asked at every take and give: the answer for a text never changes; texts made afresh (day lists,
        // file names) are not remembered once a few hundred are
        Boolean known = KEEPS.get(sql);
        if (known == null) {
            known = !FILES.matcher(sql).find();
            if (KEEPS.size() < 512) {
                KEEPS.put(sql, known);
            }
        }
        return known;
    }

    /** A statement for {@code sql}: an idle one prepared before, or a new one. */
    PreparedStatement take(String sql) throws SQLException {
        return take(sql, false);
    }

    /** As {@link #take(String)}; {@code always}: kept whatever the text (a COPY whose file name the caller keeps the same). */
    PreparedStatement take(String sql, boolean always) throws SQLException {
        if (!always && !keeps(sql)) {
            return connection.prepareStatement(sql);
        }
        synchronized (idle) {
            PreparedStatement st = idle.remove(sql);
            if (st != null && !st.isClosed()) {
                return st;
            }
        }
        return connection.prepareStatement(sql);
    }

    /** Hands back a statement that ran without error; the least recently used one beyond capacity is closed. */
    void give(String sql, PreparedStatement st) {
        give(sql, st, false);
    }

    /** As {@link #give(String, PreparedStatement)}; {@code always}: kept whatever the text. */
    void give(String sql, PreparedStatement st, boolean always) {
        if (!always && !keeps(sql)) {
            closeQuietly(st);
            return;
        }
        List<PreparedStatement> evicted = new ArrayList<>();
        synchronized (idle) {
            PreparedStatement other = idle.put(sql, st);
            if (other != null && other != st) {
                evicted.add(other);
            }
            var it = idle.entrySet().iterator();
            while (idle.size() > capacity && it.hasNext()) {
                Map.Entry<String, PreparedStatement> oldest = it.next();
                evicted.add(oldest.getValue());
                it.remove();
            }
        }
        evicted.forEach(StatementCache::closeQuietly);
    }

    /** How many statements wait idle, for tests. */
    int idle() {
        synchronized (idle) {
            return idle.size();
        }
    }

    /** Closes a statement that is not handed back (its run failed, or it was evicted). */
    static void closeQuietly(PreparedStatement st) {
        try {
            st.close();
        } catch (SQLException ignored) {
            // closing twice or after the connection closed: nothing is held any more
        }
    }
}
