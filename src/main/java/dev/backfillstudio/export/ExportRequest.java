package dev.backfillstudio.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One export: what to read, in which format, to which file (or folder, when partitioned into one
 * {@code column=YYYY-MM-DD/} folder per day), and whether an existing file may be replaced.
 */
public record ExportRequest(ExportSource source, ExportFormat format, Path out, boolean partitioned, boolean overwrite) {

    public ExportRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
    }
}
