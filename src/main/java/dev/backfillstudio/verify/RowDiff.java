package dev.backfillstudio.verify;

import dev.backfillstudio.workspace.RowSample;

/**
 * How a recomputed day differs from its stored output: the rows a rerun would add and remove (EXCEPT
 * ALL both ways, so duplicates count), and the first rows of each, without {@code partition_date}.
 */
public record RowDiff(long added, long removed, RowSample addedSample, RowSample removedSample) {

    /** How many sample rows of each side a diff keeps. */
    public static final int SAMPLE_ROWS = 100;
}
