package dev.backfillstudio.run;

import dev.backfillstudio.job.QueryReads;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a run may start a day's statements while the day before it still commits, on a second
 * session: only when no day can read what an earlier day of the same run wrote. The day being
 * started does not see the rows of a day whose commit has not finished, so a query that reads its
 * own target (a running total), a view or a function that might, or the app's own books, runs its
 * days strictly one after another.
 */
final class CommitOverlap {

    /** Table functions that make rows out of their arguments alone. */
    private static final Set<String> GENERATORS = Set.of("range", "generate_series", "unnest");

    private CommitOverlap() {
    }

    /** True when every table {@code sql} reads is a table of the workspace other than {@code target}, read directly. */
    static boolean allowed(Db db, String sql, String target) throws SQLException {
        return allowed(db, QueryReads.of(db, sql), target);
    }

    /** As {@link #allowed(Db, String, String)}, for a run that has read its query already (for its lineage). */
    static boolean allowed(Db db, QueryReads reads, String target) throws SQLException {
        if (reads.readsOutsideMain()) {
            return false;
        }
        String own = target.toLowerCase(Locale.ROOT);
        Set<String> views = new HashSet<>(db.query("SELECT lower(view_name) FROM duckdb_views()"
                + " WHERE database_name = current_database() AND schema_name = 'main'", rs -> rs.getString(1)));
        for (String table : reads.tables().keySet()) {
            if (table.equals(own) || views.contains(table)) {
                return false;
            }
        }
        // the app's history functions read their history table and nothing else, the generators no table at all;
        // any other function might read anything (query_table, a file, another database)
        return reads.calls().stream().allMatch(c -> GENERATORS.contains(c.name())
                || c.name().endsWith("_asof") && !c.name().equals(own + "_asof"));
    }
}
