package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.InputDays;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The steps every snapshot day goes through, whatever its rows come from (a CSV file, a table of the
 * workspace, a query on another database), all inside the caller's one transaction: create the table
 * on its first day, refuse or clear a day already there, and after the rows are in, refuse an empty
 * day, record the day's identity for lineage and let the histories of the table follow it.
 */
final class SnapshotDay {

    private SnapshotDay() {
    }

    /**
     * Creates a snapshot table with these columns (in order) and registers it; {@code addedDateColumn}
     * is a DATE column added after them when the rows carry no date of their own (else null).
     */
    static void create(Db d, String table, Map<String, String> types, String addedDateColumn, String dateColumn)
            throws SQLException {
        String cols = types.entrySet().stream().map(e -> Db.ident(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        d.execute("CREATE TABLE " + Db.ident(table) + " (" + cols
                + (addedDateColumn == null ? "" : ", " + Db.ident(addedDateColumn) + " DATE") + ")");
        d.update("DELETE FROM bfs.tables WHERE name = ?", table);
        d.update("INSERT INTO bfs.tables (name, kind, date_column) VALUES (?, 'SNAPSHOT', ?)", table, dateColumn);
    }

    /** Whether the table already holds rows of {@code day}. */
    static boolean present(Db d, String table, String dateColumn, LocalDate day) throws SQLException {
        return d.queryLong("SELECT count(*) FROM (SELECT 1 FROM " + Db.ident(table) + " WHERE " + Db.ident(dateColumn)
                + " = ? LIMIT 1)", day) > 0;
    }

    /**
     * Makes room for the day: refuses when it is there and {@code replace} is off (naming what would
     * have replaced it), deletes its rows when it is on.
     *
     * @return whether the day was there
     */
    static boolean clear(Db d, String table, String dateColumn, LocalDate day, boolean replace, String replacement)
            throws SQLException {
        boolean present = present(d, table, dateColumn, day);
        if (present && !replace) {
            throw BackfillException.badInput(table + " already has the snapshot of " + day + "; add --replace to swap it for "
                    + replacement + ".");
        }
        if (present) {
            d.update("DELETE FROM " + Db.ident(table) + " WHERE " + Db.ident(dateColumn) + " = ?", day);
        }
        return present;
    }

    /**
     * Seals a day whose rows were just written: an empty day is refused with {@code emptySentence}; else
     * lineage records the day's fingerprint (the one it had, when {@code replaced} held the same rows) and
     * every history of the table follows it. Returns whether the day holds the rows it held before.
     */
    static boolean seal(Db d, String table, String dateColumn, LocalDate day, long rows, String emptySentence,
            InputDays.Origin origin, Optional<ReplacedDay> replaced) throws SQLException {
        if (rows == 0) {
            throw BackfillException.badInput(emptySentence);
        }
        InputDays.record(d, table, dateColumn, day, origin);
        boolean sameRows = false;
        if (replaced.isPresent()) {
            Optional<InputDays.Entry> fresh = InputDays.entry(d, table, day);
            if (fresh.isPresent()) {
                String kept = replaced.get().keep(d, fresh.get().rows(), fresh.get().fingerprint(), in -> fresh.get().fingerprint());
                if (!kept.equals(fresh.get().fingerprint())) {
                    InputDays.put(d, table, day, new InputDays.Entry(fresh.get().rows(), kept), origin);
                }
                sameRows = kept.equals(replaced.get().before().fingerprint());
            }
        }
        HistoryBuilder.follow(d, table, day);
        return sameRows;
    }
}
