package dev.backfillstudio.ingest;

import java.time.LocalDate;

/** One day of a snapshot table that has rows, and how many. */
public record DayCoverage(LocalDate day, long rows) {
}
