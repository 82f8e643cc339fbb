package dev.backfillstudio.ingest;

import java.time.LocalDate;
import java.util.List;

/**
 * What a history build did: how it built (from scratch, extended, or nothing to do), through which
 * snapshot day, and the compression (history rows against the snapshot rows they stand for).
 */
public record HistoryResult(String name, String sourceTable, List<String> keyColumns, Mode mode, LocalDate builtThrough,
        long daysFolded, long historyRows, long snapshotRows) {

    /** How the history table was brought up to date. */
    public enum Mode {
        /** Built from every snapshot day (first build, changed key, or an earlier day changed). */
        FULL,
        /** Only the days after the previous build were folded in. */
        EXTENDED,
        /** No snapshot day after the previous build: nothing changed. */
        UP_TO_DATE
    }

    public HistoryResult {
        keyColumns = List.copyOf(keyColumns);
    }

    /** Snapshot rows per history row: 1.0 when every row changes every day, higher the steadier the data. */
    public double compression() {
        return historyRows == 0 ? 0 : (double) snapshotRows / historyRows;
    }
}
