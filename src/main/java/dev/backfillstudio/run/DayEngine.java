package dev.backfillstudio.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An engine other than the workspace's own DuckDB that holds the tables and runs the jobs' SQL (Apache
 * Spark over Iceberg tables). The workspace file keeps what the app knows (jobs, versions, attempts,
 * lineage, the ledger of input days) and DuckDB still reads, checks and fingerprints every input file on
 * its way in; the engine holds the rows the jobs read and write. Each write is one commit of the engine:
 * a day is either its old rows or its new ones, never a mix.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} through {@link DayEngineProvider}, so
 * the desktop build can leave them out.
 */
public interface DayEngine extends AutoCloseable {

    /** For sentences: "Spark 4.1.1 (local[2])". */
    String describe();

    /**
     * Makes {@code table} hold exactly the rows of a Parquet file: the whole table, or, with a date
     * column and a day, only that day (the file then holds that day's rows only). The table is created,
     * partitioned by the date column, on its first write.
     */
    void replace(String table, Optional<String> dateColumn, Optional<LocalDate> day, Path parquet);

    /**
     * Writes one day of a job's output: the target's rows for {@code day} become exactly the rows of
     * {@code daySql} (the day written in), even when it returns none. Returns their fingerprint.
     */
    Fingerprint writeDay(String target, LocalDate day, String daySql);

    /** The engine's current commit of {@code table} (an Iceberg snapshot id): what {@link #restoreDay} can go back to. */
    String commitOf(String table);

    /**
     * Makes a day of a job output hold again the rows it held at {@code commit} (no rows when empty), in one
     * commit naming the day. Returns their fingerprint.
     */
    Fingerprint restoreDay(String target, LocalDate day, Optional<String> commit);

    /** The fingerprint the rows of {@code daySql} would have as a day of a job output (for verify). */
    Fingerprint fingerprintOf(String daySql);

    /**
     * How the rows of {@code daySql} differ from the stored rows of a job output's day, compared row for row
     * (duplicates count): rows the query has beyond the day's, then rows it lacks.
     */
    long[] changes(String target, LocalDate day, String daySql);

    /** How a job output's day differs now from what it held at {@code commit}: rows added, then rows removed. */
    long[] changesSince(String target, LocalDate day, String commit);

    /** The rows of a job output's day, fingerprinted as {@link #writeDay} does. */
    Fingerprint storedDay(String target, LocalDate day);

    /** Writes the rows of a query (a day of a table, the day written in) to a Parquet file, for export. */
    void writeParquet(String query, Path parquet);

    /** Why this engine cannot run {@code daySql}, in one sentence, or empty when its parser and analyzer accept it. */
    Optional<String> refusal(String daySql);

    /** Whether the engine holds a table of that name. */
    boolean holds(String table);

    @Override
    void close();
}
