package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which days of a range a snapshot table holds, with their row counts (days in order). */
public record SnapshotCoverage(String table, LocalDate from, LocalDate to, List<DayCoverage> days) {

    public SnapshotCoverage {
        days = List.copyOf(days);
    }

    /** Reads the coverage of {@code [from, to]} (inclusive) in one query. */
    public static SnapshotCoverage read(Db db, String table, LocalDate from, LocalDate to) {
        try {
            SnapshotTable t = SnapshotTable.find(db, table).orElseThrow(() ->
                    BackfillException.badInput("Table " + table + " is not a snapshot table of this workspace."));
            String col = Db.ident(t.dateColumn());
            List<DayCoverage> days = db.query("SELECT " + col + ", count(*) FROM " + Db.ident(t.name())
                    + " WHERE " + col + " BETWEEN ? AND ? GROUP BY 1 ORDER BY 1",
                    rs -> new DayCoverage(rs.getObject(1, LocalDate.class), rs.getLong(2)), from, to);
            return new SnapshotCoverage(t.name(), from, to, days);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the snapshot days of " + table + ": "
                    + e.getMessage().strip().split("\n", 2)[0], e);
        }
    }

    /** The coverage from the table's first loaded day to its last; empty for a table with no rows. */
    public static java.util.Optional<SnapshotCoverage> readAll(Db db, String table) {
        try {
            SnapshotTable t = SnapshotTable.find(db, table).orElseThrow(() ->
                    BackfillException.badInput("Table " + table + " is not a snapshot table of this workspace."));
            String col = Db.ident(t.dateColumn());
            java.util.Optional<LocalDate[]> range = db.queryOne("SELECT min(" + col + "), max(" + col + ") FROM " + Db.ident(t.name()),
                    rs -> rs.getObject(1) == null ? null
                            : new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)});
            return range.map(r -> read(db, table, r[0], r[1]));
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the snapshot days of " + table + ": "
                    + e.getMessage().strip().split("\n", 2)[0], e);
        }
    }

    /** "60 days, 2024-09-01 – 2024-10-31, 1 missing": for the sidebar and the command line. */
    public String summary() {
        int missing = missingDays().size();
        return days.size() + (days.size() == 1 ? " day, " : " days, ") + from + " – " + to
                + (missing == 0 ? "" : ", " + missing + " missing");
    }

    public boolean has(LocalDate day) {
        return days.stream().anyMatch(d -> d.day().equals(day));
    }

    /** The days of the range without a snapshot, in order. */
    public List<LocalDate> missingDays() {
        Set<LocalDate> present = new HashSet<>();
        days.forEach(d -> present.add(d.day()));
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!present.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }
}
