package dev.backfillstudio.run;

import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableColumn;
import dev.backfillstudio.workspace.TableColumns;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A job's output table, shaped by its query: created on the first run, widened when a new version adds
 * columns. A version that drops or retypes a column is refused, since the table's older days hold it.
 */
final class TargetTable {

    private static final String PROBE = "bfs_probe_columns";

    private TargetTable() {
    }

    /** Creates or widens {@code target} for the query's columns; refuses (BAD_INPUT) a change it cannot make. */
    static void prepare(Db db, String job, int version, String target, String sql, LocalDate day) throws SQLException {
        boolean exists = db.queryLong("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'"
                + " AND database_name = current_database() AND NOT temporary AND table_name = ?", target) > 0;
        if (!exists) {
            execute(db, SqlTemplate.wrap("CREATE TABLE " + Db.ident(target) + " AS SELECT q.*, NULL::DATE AS "
                    + QueryCheck.PARTITION_COLUMN + " FROM (", sql, ") q LIMIT 0"), day);
            return;
        }
        execute(db, SqlTemplate.wrap("CREATE OR REPLACE TEMP TABLE " + PROBE + " AS SELECT * FROM (", sql, ") q LIMIT 0"), day);
        try {
            Map<String, String> query = columns(db, PROBE, true);
            Map<String, String> stored = columns(db, target, false);
            if (query.containsKey(QueryCheck.PARTITION_COLUMN)) {
                throw BackfillException.badInput("Version " + version + " of job " + job + " returns a column named "
                        + QueryCheck.PARTITION_COLUMN + ", which the app adds itself; rename that column.");
            }
            for (Map.Entry<String, String> col : stored.entrySet()) {
                if (col.getKey().equals(QueryCheck.PARTITION_COLUMN)) {
                    continue;
                }
                String type = query.get(col.getKey());
                if (type == null) {
                    throw BackfillException.badInput("Version " + version + " of job " + job + " no longer returns column "
                            + col.getKey() + " that " + target + " holds; return it again, save the query as a new job with"
                            + " a new target, or drop table " + target + " and rerun every day.");
                }
                if (!type.equals(col.getValue())) {
                    throw BackfillException.badInput("Version " + version + " of job " + job + " returns column "
                            + col.getKey() + " as " + type + " but " + target + " stores it as " + col.getValue()
                            + "; cast it back to " + col.getValue() + ", save the query as a new job with a new target,"
                            + " or drop table " + target + " and rerun every day.");
                }
            }
            for (Map.Entry<String, String> col : query.entrySet()) {
                if (!stored.containsKey(col.getKey())) {
                    db.execute("ALTER TABLE " + Db.ident(target) + " ADD COLUMN " + Db.ident(col.getKey()) + " " + col.getValue());
                }
            }
        } finally {
            db.execute("DROP TABLE IF EXISTS " + PROBE);
        }
    }

    private static Map<String, String> columns(Db db, String table, boolean temporary) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (TableColumn c : temporary ? TableColumns.ofTemporary(db, table) : TableColumns.of(db, table)) {
            out.put(c.name().toLowerCase(Locale.ROOT), c.type()); // DuckDB's identifiers are case-insensitive: ID and id are one column
        }
        return out;
    }

    private static void execute(Db db, String sql, LocalDate day) throws SQLException {
        try (PreparedStatement st = db.connection().prepareStatement(sql)) {
            SqlTemplate.bindDay(st, day);
            st.execute();
        }
    }
}
