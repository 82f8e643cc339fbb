package dev.backfillstudio.export;

import java.nio.file.Path;
import java.time.Duration;

/** What a finished export wrote: the file (or folder), the row count, the format and the time it took. */
public record ExportResult(Path path, long rows, ExportFormat format, boolean partitioned, Duration duration) {
}
