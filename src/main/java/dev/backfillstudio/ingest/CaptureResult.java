package dev.backfillstudio.ingest;

import java.time.LocalDate;
import java.util.List;

/**
 * A snapshot day taken from a table or a query: where it went, whether it replaced a day, its rows, the histories that
 * followed, and whether the day it replaced held these same rows (so nothing that read it changed).
 */
public record CaptureResult(String table, LocalDate day, boolean replaced, long rows, List<String> histories, boolean sameRows) {

    public CaptureResult {
        histories = List.copyOf(histories);
    }
}
