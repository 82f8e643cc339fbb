package dev.backfillstudio.workspace;

import java.util.Locale;

/** Where a workspace's tables live and its jobs' SQL runs. */
public enum EngineKind {
    /** The workspace file itself: tables in DuckDB, jobs run by DuckDB. */
    DUCKDB,
    /** Apache Iceberg tables under a warehouse folder, jobs run by Apache Spark; the file keeps the metadata. */
    SPARK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a user names on the command line, or a sentence listing the kinds there are. */
    public static EngineKind parse(String name) {
        for (EngineKind k : values()) {
            if (k.label().equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw BackfillException.badInput("There is no engine \"" + name + "\": use duckdb or spark.");
    }
}
