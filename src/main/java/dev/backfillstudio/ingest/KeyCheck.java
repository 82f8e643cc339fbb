package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A history tracks each key of a snapshot table through the days, so every snapshot row must have a
 * key: a NULL in a key column would make all such rows one entity (GROUP BY and window partitions
 * put NULLs together), silently merging rows that have nothing in common.
 */
final class KeyCheck {

    private KeyCheck() {
    }

    /**
     * Refuses (BAD_INPUT) the first snapshot row, in day order, with a NULL in a key column, naming
     * the table, the day, the column and the other key values of that row.
     */
    static void requireNoNullKey(Db d, String table, String dateColumn, List<String> keys, String where) throws SQLException {
        String date = Db.ident(dateColumn);
        List<String> nullTests = keys.stream().map(k -> Db.ident(k) + " IS NULL").toList();
        String cols = String.join(", ", keys.stream().map(Db::ident).toList());
        Optional<String> found = d.queryOne("SELECT CAST(" + date + " AS VARCHAR), " + cols + " FROM " + Db.ident(table)
                + " WHERE (" + where + ") AND (" + String.join(" OR ", nullTests) + ") ORDER BY " + date + ", " + cols
                + " NULLS FIRST LIMIT 1", rs -> {
                    List<String> empty = new ArrayList<>();
                    List<String> others = new ArrayList<>();
                    for (int i = 0; i < keys.size(); i++) {
                        String v = rs.getString(i + 2);
                        if (v == null) {
                            empty.add(keys.get(i));
                        } else {
                            others.add(keys.get(i) + "=" + v);
                        }
                    }
                    return "a row of " + rs.getString(1) + " has no value (NULL) in key column" + (empty.size() > 1 ? "s " : " ")
                            + String.join(", ", empty) + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")");
                });
        if (found.isPresent()) {
            throw BackfillException.badInput(table + ": " + found.get() + "; a history needs a key on every row, so fill it in"
                    + " or leave such rows out of the snapshot.");
        }
    }
}
