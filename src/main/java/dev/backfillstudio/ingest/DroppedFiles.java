package dev.backfillstudio.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What CSV files dropped on the window are: daily snapshots when their names carry a day
 * ({@code item_2024-09-01.csv}) or a column says which day's snapshot a row is ({@code snapshot_date});
 * otherwise one plain table to import (events carry a {@code date} per row, not per file).
 */
public final class DroppedFiles {

    /** Which dialog takes the files. */
    public enum Kind { SNAPSHOTS, TABLE }

    /** Column names that date a whole snapshot rather than one event. */
    static final Set<String> SNAPSHOT_COLUMNS = Set.of("snapshot_date", "snapshot_day", "as_of", "asof");

    private DroppedFiles() {
    }

    /** The CSV files among {@code dropped}, in the order given. */
    public static List<Path> csvs(List<Path> dropped) {
        return dropped.stream().filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).toList();
    }

    /** Reads the first file's header when the names carry no day; several files always load as snapshots. */
    public static Kind kind(List<Path> csvs) {
        if (csvs.size() > 1 || csvs.stream().anyMatch(DroppedFiles::nameCarriesDay)) {
            return Kind.SNAPSHOTS;
        }
        try (CsvFile file = CsvFile.open(csvs.get(0))) {
            return file.header().stream().anyMatch(h -> SNAPSHOT_COLUMNS.contains(h.toLowerCase(Locale.ROOT)))
                    ? Kind.SNAPSHOTS : Kind.TABLE;
        }
    }

    static boolean nameCarriesDay(Path file) {
        try {
            new SnapshotDateSource.FromFileName().dayOf(file);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
