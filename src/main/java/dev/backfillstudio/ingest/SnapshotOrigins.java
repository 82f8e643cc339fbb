package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How each day of a snapshot table arrived, from the lineage ledger ({@code bfs.input_days.origin}):
 * captured (from a table of the workspace or a database) or loaded from a file.
 */
public record SnapshotOrigins(String table, List<Day> days) {

    /** How one day arrived. */
    public enum Arrival {
        CAPTURED("captured"), FILE("from files"), EARLIER("loaded before lineage");

        private final String words;

        Arrival(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        static Arrival of(String origin) {
            return switch (origin.toLowerCase(Locale.ROOT)) {
                case "table", "jdbc" -> CAPTURED;
                case "file" -> FILE;
                default -> EARLIER;
            };
        }
    }

    /** A day and how it arrived. */
    public record Day(LocalDate day, Arrival arrival) {
    }

    public SnapshotOrigins {
        days = List.copyOf(days);
    }

    public static SnapshotOrigins read(Db db, String table) {
        try {
            return new SnapshotOrigins(table, db.query("SELECT day, origin FROM bfs.input_days WHERE lower(table_name) = lower(?)"
                    + " ORDER BY day", rs -> new Day(rs.getObject(1, LocalDate.class), Arrival.of(rs.getString(2))), table));
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read how the days of " + table + " arrived: "
                    + e.getMessage().strip().split("\n", 2)[0], e);
        }
    }

    /** "3 captured, 57 from files": the days counted by how they arrived, largest group last. */
    public String summary() {
        Map<Arrival, Integer> counts = new LinkedHashMap<>();
        for (Arrival a : Arrival.values()) {
            int n = (int) days.stream().filter(d -> d.arrival() == a).count();
            if (n > 0) {
                counts.put(a, n);
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((a, n) -> parts.add(n + " " + a.words()));
        return String.join(", ", parts);
    }

    /** One line per run of consecutive loaded days that arrived the same way: "2024-09-01 – 2024-09-03 captured". */
    public List<String> runs() {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).arrival() == days.get(i).arrival()) {
                j++;
            }
            LocalDate from = days.get(i).day();
            LocalDate to = days.get(j).day();
            out.add((from.equals(to) ? from.toString() : from + " – " + to) + " " + days.get(i).arrival().words());
            i = j + 1;
        }
        return out;
    }
}
