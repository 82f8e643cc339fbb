package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.util.List;

/**
 * Keeps a job's SQL to reading the workspace. Two layers: {@link #requireSafeQuery} refuses a text
 * before anything of it runs (DuckDB's parser decides: one SELECT, no file or network readers, no
 * other databases, no SQL built from text, also through the workspace's views and macros), and
 * DuckDB itself refuses any file access outside the process's
 * {@link dev.backfillstudio.workspace.IoFolder}, for whatever slipped past the first (set when the
 * workspace opens, see {@code Workspace}).
 *
 * <p>Call {@code requireSafeQuery} before preparing user text: DuckDB's JDBC driver <em>executes</em>
 * every statement but the last when it prepares a text holding several (checked on 2.0.0.1:
 * preparing {@code COPY t TO 'x.csv'; SELECT 1} writes x.csv).
 */
public final class QueryGuard {

    private QueryGuard() {
    }

    /**
     * Refuses, with the reason, a text that is not one read-only query over the workspace's tables.
     * {@code {DATE}} may appear in it; a text without it passes (that is a job rule, see {@link Lint}).
     *
     * @throws BackfillException BAD_INPUT with one sentence naming the statement, function or table
     */
    public static void requireSafeQuery(Db db, String sql) {
        List<LintFinding> errors = Lint.safetyErrors(db, sql);
        if (!errors.isEmpty()) {
            throw BackfillException.badInput(errors.get(0).sentence());
        }
    }

    /**
     * Locks the configuration of the workspace's DuckDB so no statement can change any setting again
     * (memory, threads, search path...), for a process that only runs queries from now on (the
     * command line's run and verify). Files are already out of reach: every workspace opens with
     * {@code enable_external_access = false} and DuckDB's file access limited to the process's
     * {@link dev.backfillstudio.workspace.IoFolder}, which no statement can undo while it is open.
     * Set whatever else the run needs (progress bar, threads) before, since nothing can be SET after.
     */
    public static void lockDown(Db db) {
        try {
            db.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot lock down the workspace's DuckDB: " + e.getMessage().split("\n", 2)[0], e);
        }
    }
}
