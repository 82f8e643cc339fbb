package dev.backfillstudio.export;

import dev.backfillstudio.workspace.BackfillException;
import java.util.Locale;

/** The file formats an export writes, each as DuckDB's COPY options. */
public enum ExportFormat {
    /** Comma-separated with a header line. */
    CSV("FORMAT csv, HEADER"),
    /** Parquet keeps the column types exactly. */
    PARQUET("FORMAT parquet"),
    /** Newline-delimited JSON: one object per line, DuckDB's default for COPY ... FORMAT json. */
    JSON("FORMAT json");

    private final String copyOptions;

    ExportFormat(String copyOptions) {
        this.copyOptions = copyOptions;
    }

    String copyOptions() {
        return copyOptions;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses csv, parquet or json (any case); anything else is a usage error. */
    public static ExportFormat parse(String text) {
        for (ExportFormat f : values()) {
            if (f.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return f;
            }
        }
        throw BackfillException.badInput("\"" + text + "\" is not an export format: use csv, parquet or json.");
    }
}
