package dev.backfillstudio.spark;

import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.Fingerprint;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.EngineSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Apache Spark over Apache Iceberg tables: a workspace's tables live under its warehouse folder in the
 * namespace {@code main}, and jobs' SQL runs there unchanged (unqualified names resolve to that namespace).
 * Every write is one Iceberg commit: a day, named statically, or the whole table.
 */
final class SparkEngine implements DayEngine {

    private static final String PARTITION = QueryCheck.PARTITION_COLUMN;
    private static final String INPUT_VIEW = "bfs_incoming";

    private final SparkSession spark;
    private final String catalog;
    private final String master;

    SparkEngine(EngineSettings settings) {
        this.master = settings.master();
        try {
            this.spark = SparkSessions.get(master);
            this.catalog = SparkSessions.catalog(spark, settings.warehouse().orElseThrow());
            spark.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog + ".main");
        } catch (Exception e) {
            throw BackfillException.failed("Cannot start Spark on " + master + " with the warehouse "
                    + settings.warehouse().orElseThrow() + ": " + SparkErrors.sentence(e), e);
        }
    }

    @Override
    public String describe() {
        return "Spark " + spark.version() + " (" + master + ")";
    }

    @Override
    public synchronized void replace(String table, Optional<String> dateColumn, Optional<LocalDate> day, Path parquet) {
        run(() -> {
            use();
            spark.read().parquet(parquet.toString()).createOrReplaceTempView(INPUT_VIEW);
            String partitioned = dateColumn.map(c -> " PARTITIONED BY (" + ident(c) + ")").orElse("");
            if (day.isPresent() && holds(table)) {
                List<String> columns = columns(spark.table(INPUT_VIEW).schema());
                String others = columns.stream().filter(c -> !c.equalsIgnoreCase(dateColumn.get())).map(SparkEngine::ident)
                        .collect(Collectors.joining(", "));
                spark.sql("INSERT OVERWRITE " + qualified(table) + " PARTITION (" + ident(dateColumn.get()) + " = DATE '" + day.get()
                        + "') SELECT " + others + " FROM " + INPUT_VIEW);
            } else if (day.isPresent()) {
                spark.sql("CREATE TABLE " + qualified(table) + " USING iceberg" + partitioned + " AS SELECT * FROM " + INPUT_VIEW);
            } else {
                // one atomic replace of the whole table, its columns included
                spark.sql("CREATE OR REPLACE TABLE " + qualified(table) + " USING iceberg" + partitioned
                        + " AS SELECT * FROM " + INPUT_VIEW);
            }
            spark.catalog().dropTempView(INPUT_VIEW);
            return null;
        }, "Cannot write " + table + day.map(d -> " of " + d).orElse(""));
    }

    @Override
    public synchronized Fingerprint writeDay(String target, LocalDate day, String daySql) {
        return run(() -> {
            use();
            StructType query = spark.sql(daySql).schema();
            if (!holds(target)) {
                String columns = Arrays.stream(query.fields()).map(f -> ident(f.name()) + " " + f.dataType().sql())
                        .collect(Collectors.joining(", "));
                spark.sql("CREATE TABLE " + qualified(target) + " (" + columns + ", " + ident(PARTITION) + " DATE) USING iceberg"
                        + " PARTITIONED BY (" + ident(PARTITION) + ")");
            }
            List<String> stored = columns(spark.table(qualified(target)).schema()).stream()
                    .filter(c -> !c.equalsIgnoreCase(PARTITION)).toList();
            List<String> returned = columns(query);
            if (!stored.equals(returned)) {
                throw BackfillException.badInput("The query returns the columns " + String.join(", ", returned) + " but " + target
                        + " holds " + String.join(", ", stored) + ": a Spark workspace keeps a job's columns as they are.");
            }
            spark.sql("INSERT OVERWRITE " + qualified(target) + " PARTITION (" + ident(PARTITION) + " = DATE '" + day + "')\n"
                    + daySql);
            return storedDay(target, day);
        }, "Day " + day + " of " + target);
    }

    @Override
    public synchronized String commitOf(String table) {
        return run(() -> {
            Row r = spark.sql("SELECT snapshot_id FROM " + qualified(table) + ".refs WHERE name = 'main'").first();
            return Long.toString(r.getLong(0));
        }, "The history of " + table);
    }

    @Override
    public synchronized Fingerprint restoreDay(String target, LocalDate day, Optional<String> commit) {
        return run(() -> {
            use();
            String columns = columns(spark.table(qualified(target)).schema()).stream().filter(c -> !c.equalsIgnoreCase(PARTITION))
                    .map(SparkEngine::ident).collect(Collectors.joining(", "));
            String rows = commit.isPresent()
                    ? "SELECT " + columns + " FROM " + qualified(target) + " VERSION AS OF " + Long.parseLong(commit.get())
                            + " WHERE " + ident(PARTITION) + " = DATE '" + day + "'"
                    : "SELECT " + columns + " FROM " + qualified(target) + " WHERE false";
            spark.sql("INSERT OVERWRITE " + qualified(target) + " PARTITION (" + ident(PARTITION) + " = DATE '" + day + "') " + rows);
            return storedDay(target, day);
        }, "Day " + day + " of " + target);
    }

    @Override
    public synchronized Fingerprint fingerprintOf(String daySql) {
        return run(() -> {
            use();
            Dataset<Row> q = spark.sql(daySql);
            return fingerprint("(" + daySql + "\n) q", columns(q.schema()), "");
        }, "The query");
    }

    @Override
    public synchronized long[] changes(String target, LocalDate day, String daySql) {
        return run(() -> {
            use();
            return compare("SELECT * FROM (" + daySql + "\n) q", dayOf(target, day, ""));
        }, "Day " + day + " of " + target);
    }

    @Override
    public synchronized long[] changesSince(String target, LocalDate day, String commit) {
        return run(() -> compare(dayOf(target, day, ""), dayOf(target, day, " VERSION AS OF " + Long.parseLong(commit))),
                "Day " + day + " of " + target);
    }

    /** The stored rows of a job output's day (as of a commit when {@code asOf} names one), without the day column. */
    private String dayOf(String target, LocalDate day, String asOf) {
        String columns = columns(spark.table(qualified(target)).schema()).stream().filter(c -> !c.equalsIgnoreCase(PARTITION))
                .map(SparkEngine::ident).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + qualified(target) + asOf + " WHERE " + ident(PARTITION) + " = DATE '" + day + "'";
    }

    /** Rows of {@code newer} beyond {@code older}, and rows it lacks, duplicates counted. */
    private long[] compare(String newer, String older) {
        Row r = spark.sql("SELECT (SELECT count(*) FROM (" + newer + " EXCEPT ALL " + older + ")),"
                + " (SELECT count(*) FROM (" + older + " EXCEPT ALL " + newer + "))").first();
        return new long[] {r.getLong(0), r.getLong(1)};
    }

    @Override
    public synchronized Fingerprint storedDay(String target, LocalDate day) {
        return run(() -> {
            use();
            List<String> columns = columns(spark.table(qualified(target)).schema()).stream()
                    .filter(c -> !c.equalsIgnoreCase(PARTITION)).toList();
            return fingerprint(qualified(target), columns, " WHERE " + ident(PARTITION) + " = DATE '" + day + "'");
        }, "Day " + day + " of " + target);
    }

    @Override
    public synchronized void writeParquet(String query, Path parquet) {
        run(() -> {
            use();
            spark.sql(query).coalesce(1).write().parquet(parquet.toString());
            return null;
        }, "The query");
    }

    @Override
    public synchronized Optional<String> refusal(String daySql) {
        try {
            use();
            spark.sql(daySql).schema();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(SparkErrors.sentence(e));
        }
    }

    @Override
    public synchronized boolean holds(String table) {
        return spark.catalog().tableExists(qualified(table));
    }

    @Override
    public void close() {
        // the session is the process's; it ends with it
    }

    /**
     * Count and an order-independent sum of row hashes. Each column's hash is joined by whether it is NULL,
     * since Spark's hash skips NULLs: (NULL, 1) and (1, NULL) must not fingerprint alike. The sum is exact
     * (DECIMAL(38,0)): Spark's ANSI mode refuses a BIGINT sum that overflows.
     */
    private Fingerprint fingerprint(String relation, List<String> columns, String where) {
        String hashed = columns.stream().map(c -> ident(c) + ", " + ident(c) + " IS NULL").collect(Collectors.joining(", "));
        Row r = spark.sql("SELECT count(*), CAST(coalesce(sum(CAST(xxhash64(" + hashed + ") AS DECIMAL(38,0))), 0) AS STRING)"
                + " FROM " + relation + where).first();
        return new Fingerprint(r.getLong(0), r.getString(1));
    }

    private void use() {
        spark.sql("USE " + catalog + ".main");
    }

    private String qualified(String table) {
        return catalog + ".main." + ident(table);
    }

    private static List<String> columns(StructType schema) {
        return Arrays.stream(schema.fields()).map(StructField::name).toList();
    }

    static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private interface SparkWork<T> {
        T run();
    }

    private static <T> T run(SparkWork<T> work, String what) {
        try {
            return work.run();
        } catch (BackfillException e) {
            throw e;
        } catch (Exception e) {
            // Spark's AnalysisException is a checked exception that Scala throws undeclared
            throw BackfillException.failed(what + " failed on Spark: " + SparkErrors.sentence(e), e);
        }
    }
}
