package dev.backfillstudio.demo;

import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Builds the sample's tables at any size, inside DuckDB, for benchmarks and trials: {@code item}
 * (today's state), {@code item_snapshot} (one copy a day), {@code item_events}. Statuses change in
 * stretches of weeks and items leave and come back, so history tables compress as real ones do.
 * Deterministic: the same sizes give the same rows.
 */
public final class GeneratedWorkspace {

    public static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    /** The size of a generated workspace. */
    public record Size(int items, int days, long events) {
        public Size {
            if (items < 1 || days < 1 || events < 0) {
                throw new IllegalArgumentException("items and days must be positive, events not negative");
            }
        }
    }

    private GeneratedWorkspace() {
    }

    public static LocalDate lastDay(Size size) {
        return FIRST_DAY.plusDays(size.days() - 1L);
    }

    /** Creates the three tables (replacing any of the same names) in one transaction. */
    public static void createTables(Db db, Size size) throws SQLException {
        db.inTransaction(d -> {
            d.execute("CREATE OR REPLACE TABLE item_snapshot AS "
                    + snapshotQuery(size.items(), size.days()) + " ORDER BY snapshot_date, id");
            d.execute("CREATE OR REPLACE TABLE item AS " + stateQuery(size.items(), size.days() + 3)
                    + " ORDER BY id");
            d.execute("CREATE OR REPLACE TABLE item_events AS SELECT i + 1 AS event_id,"
                    + " (1 + hash(i, 'item') % " + size.items() + ")::BIGINT AS item_id,"
                    + " (['view', 'view', 'view', 'click', 'purchase'])[(1 + hash(i, 'kind') % 5)::INTEGER] AS kind,"
                    + " (DATE '" + FIRST_DAY + "' + (i * " + size.days() + " // " + Math.max(1, size.events()) + ")::INTEGER) AS date"
                    + " FROM range(" + size.events() + ") t(i) ORDER BY i");
            return null;
        });
    }

    /** Every item's row on every day it exists. */
    static String snapshotQuery(int items, int days) {
        return "SELECT s.id, s.name, s.status, (DATE '" + FIRST_DAY + "' + s.d::INTEGER) AS snapshot_date FROM ("
                + rowsQuery(items, "range(0, " + days + ")") + ") s";
    }

    /** The state on day {@code day} (after the last snapshot: "today"), without a date column. */
    static String stateQuery(int items, int day) {
        return "SELECT s.id, s.name, s.status FROM (" + rowsQuery(items, "range(" + day + ", " + (day + 1) + ")") + ") s";
    }

    /**
     * An item is born on a day spread over the first third, is absent in some 40-day stretches,
     * and is PASSIVE in about a quarter of its 30-day stretches (offset per item so changes spread).
     */
    private static String rowsQuery(int items, String dayRange) {
        return "SELECT i.id, 'item ' || i.id AS name, dd.d,"
                + " CASE WHEN hash(i.id, (dd.d + i.id % 30) // 30) % 4 = 0 THEN 'PASSIVE' ELSE 'ACTIVE' END AS status"
                + " FROM (SELECT range AS id FROM range(1, " + items + " + 1)) i,"
                + " (SELECT range AS d FROM " + dayRange + ") dd"
                + " WHERE dd.d >= hash(i.id, 'born') % 120"
                + " AND hash(i.id, (dd.d + i.id % 40) // 40, 'gone') % 25 <> 0";
    }
}
