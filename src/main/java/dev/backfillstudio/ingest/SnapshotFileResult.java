package dev.backfillstudio.ingest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The result of one file of a snapshot load: its day and rows when it loaded, otherwise the one
 * sentence saying why not. {@code sameRows} tells a replaced day that came back with the rows it
 * held (in whatever order or form), so nothing that read it changed.
 */
public record SnapshotFileResult(Path file, SnapshotOutcome outcome, Optional<LocalDate> day, long rows, String message,
        boolean sameRows) {

    static SnapshotFileResult loaded(Path file, boolean replaced, LocalDate day, long rows, boolean sameRows) {
        return new SnapshotFileResult(file, replaced ? SnapshotOutcome.REPLACED : SnapshotOutcome.LOADED,
                Optional.of(day), rows, "", replaced && sameRows);
    }

    static SnapshotFileResult refused(Path file, String sentence) {
        return new SnapshotFileResult(file, SnapshotOutcome.REFUSED, Optional.empty(), 0, sentence, false);
    }

    static SnapshotFileResult cancelled(Path file) {
        return new SnapshotFileResult(file, SnapshotOutcome.CANCELLED, Optional.empty(), 0,
                "Loading " + file.getFileName() + " was cancelled; nothing of it was written.", false);
    }

    public boolean ok() {
        return outcome == SnapshotOutcome.LOADED || outcome == SnapshotOutcome.REPLACED;
    }
}
