package dev.backfillstudio.workspace;

import java.sql.SQLException;

/** A unit of work run inside a transaction by {@link Db#inTransaction}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Db db) throws SQLException;
}
