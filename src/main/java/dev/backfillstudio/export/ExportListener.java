package dev.backfillstudio.export;

import java.nio.file.Path;

/**
 * Hears how an export goes. Calls come from the exporting thread, except {@link #progress}, which
 * comes from a polling thread; a dialog marshals them to its own thread.
 */
public interface ExportListener {

    ExportListener NONE = new ExportListener() {
    };

    /** The source is checked and DuckDB starts writing {@code temporary}; {@code target} does not change yet. */
    default void started(Path target, Path temporary) {
    }

    /** DuckDB's estimate of the work done so far, from 0 to 1. */
    default void progress(double fraction) {
    }

    /** Every row is written to the temporary file, which is about to be renamed to the target. */
    default void written(long rows) {
    }

    /** The target now holds the complete export. */
    default void finished(ExportResult result) {
    }
}
