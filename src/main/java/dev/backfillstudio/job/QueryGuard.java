package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.util.List;

/**
 * Keeps a job's SQL to reading the workspace. Two layers: {@link #requireSafeQuery} refuses a text
 * before anything of it runs (DuckDB's parser decides: one SELECT, no file or network readers, no
 * other databases, no SQL built from text), and {@link #lockDown} makes DuckDB itself refuse any
 * file access, for whatever slipped past the first.
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
     * Turns off DuckDB's access to files and the network, then locks the configuration so no
     * statement can turn it back on. Tables of the workspace, temporary tables and spills to the
     * workspace's own {@code .tmp} folder keep working.
     *
     * <p>Both settings are global on DuckDB 2.0.0.1: they hold for every connection of the
     * database instance (in one process, every connection to the same file), and stay until the
     * last connection closes. {@code enable_external_access} cannot be set per session, cannot be
     * turned back on while the database runs, and a second connection to the same file with a
     * different configuration is refused. So call this only in a process that will not import,
     * load snapshots or export afterwards (the command line's run and verify), and set whatever
     * else the run needs (progress bar, threads) before, since nothing can be SET after.
     */
    public static void lockDown(Db db) {
        try {
            db.execute("SET enable_external_access = false");
            db.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot lock down the workspace's DuckDB: " + e.getMessage().split("\n", 2)[0], e);
        }
    }
}
