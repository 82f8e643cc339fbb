package dev.backfillstudio.run;

import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowHash;
import java.sql.SQLException;

/**
 * A day's output summed up: its row count and an order-independent hash of its rows. Two runs of a
 * day that produce the same rows produce the same fingerprint. The engine records it with every
 * attempt; verify and the rerun diff compare with it, so it is written here once.
 *
 * <p>The hash ({@link RowHash}) is over whole rows of a relation shaped like the job's target table (partition_date
 * included), so only relations with the same columns in the same order are comparable.
 */
public record Fingerprint(long rows, String hash) {

    /** The fingerprint of the rows of job output {@code table} whose partition_date is {@code day}. */
    public static Fingerprint ofDay(Db db, String table, java.time.LocalDate day) throws SQLException {
        return db.queryOne("SELECT count(*), " + RowHash.sql(db, table) + " FROM " + Db.ident(table) + " WHERE partition_date = ?::DATE",
                rs -> new Fingerprint(rs.getLong(1), rs.getString(2)), day).orElseThrow();
    }

    /**
     * The rows {@code newer} has beyond {@code older} and the rows it lacks, counted with EXCEPT ALL both
     * ways (duplicates count): a SELECT returning two BIGINTs, added then removed. Both arguments are
     * relations of the same shape (a quoted table name or a parenthesised query); their parameters, if
     * any, are bound in order of appearance: newer, older, older, newer.
     */
    public static String changesSql(String newer, String older) {
        // verify keeps the exact row comparison: it is the check that reports, not a run's bookkeeping
        return "SELECT (SELECT count(*) FROM (SELECT * FROM " + newer + " EXCEPT ALL SELECT * FROM " + older + ")),"
                + " (SELECT count(*) FROM (SELECT * FROM " + older + " EXCEPT ALL SELECT * FROM " + newer + "))";
    }
}
