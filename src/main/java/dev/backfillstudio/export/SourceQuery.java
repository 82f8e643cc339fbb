package dev.backfillstudio.export;

import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableColumns;
import dev.backfillstudio.workspace.TableKind;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The SELECT an export copies, with its parameters and the date column it is ordered (and may be
 * partitioned) by. Building it checks the source and refuses, with one sentence, a job that never
 * ran or days without output.
 */
record SourceQuery(String select, List<Object> params, Optional<String> dateColumn, Optional<ExportSource.JobOutput> checkAfter) {

    static final String PARTITION_DATE = "partition_date";

    /**
     * The same rows read from where another engine holds them: the engine writes them to Parquet in
     * {@code folder} (inside the IoFolder, where DuckDB may read), and the export copies from there.
     */
    SourceQuery readFrom(DayEngine engine, Path folder) {
        // the names were checked as plain identifiers, quoted here as Spark quotes them; the parameters are
        // days this class bound itself, written in as DATE literals
        String sql = select.replace('"', '`');
        for (Object p : params) {
            sql = sql.replaceFirst("\\?", "DATE '" + p + "'");
        }
        engine.writeParquet(sql, folder);
        String order = dateColumn.map(c -> " ORDER BY " + Db.ident(c)).orElse("");
        return new SourceQuery("SELECT * FROM read_parquet(" + Db.literal(folder + "/*.parquet") + ")" + order, List.of(), dateColumn,
                Optional.empty());
    }

    static SourceQuery resolve(Db db, ExportSource source) throws SQLException {
        if (source instanceof ExportSource.JobOutput job) {
            return forJob(db, job);
        }
        return forTable(db, ((ExportSource.Table) source).table());
    }

    /**
     * As {@link #resolve}, but the output of a whole job is checked after its COPY instead of before: on the way
     * an export nearly always takes, one metadata statement instead of three (each costs an export 0.6 ms of its
     * ~50 on a small table). A COPY that failed is explained by {@link #explain}, one that copied no rows by
     * {@link #requireRan}. For DuckDB only: another engine's error on a missing table is not as plain.
     */
    static SourceQuery resolveCheckingAfter(Db db, ExportSource source) throws SQLException {
        if (source instanceof ExportSource.JobOutput job && job.days().isEmpty()) {
            String target = db.queryOne("SELECT target FROM bfs.jobs WHERE name = ?", rs -> rs.getString(1), job.job())
                    .orElseThrow(() -> BackfillException.badInput("There is no job " + job.job() + " in the workspace."));
            TableCatalog.requireValidName(target);
            return new SourceQuery("SELECT * FROM " + Db.ident(target) + " ORDER BY " + PARTITION_DATE, List.of(),
                    Optional.of(PARTITION_DATE), Optional.of(job));
        }
        return resolve(db, source);
    }

    /** After a COPY that failed: the sentence the checks {@link #resolve} runs first give, if one of them fails. */
    void explain(Db db) throws SQLException {
        if (checkAfter.isPresent()) {
            forJob(db, checkAfter.get());
        }
    }

    /** After a COPY that wrote no rows: refuses a job that never ran, as {@link #resolve} does before. */
    void requireRan(Db db) throws SQLException {
        if (checkAfter.isPresent() && !everSucceeded(db, checkAfter.get().job())) {
            throw neverRan(checkAfter.get().job());
        }
    }

    private static BackfillException neverRan(String job) {
        return BackfillException.badInput("Job " + job + " has never run: there is no output to export yet.");
    }

    private static SourceQuery forTable(Db db, String table) throws SQLException {
        TableCatalog.requireValidName(table);
        Optional<TableKind> kind = TableCatalog.kindOf(db, table);
        if (kind.isEmpty()) {
            throw BackfillException.badInput("There is no table " + table + " in the workspace.");
        }
        Optional<String> dateColumn = db.queryOne("SELECT date_column FROM bfs.tables WHERE name = ?", rs -> rs.getString(1), table);
        if (dateColumn.isEmpty() && kind.get() == TableKind.JOB_OUTPUT && hasColumn(db, table, PARTITION_DATE)) {
            dateColumn = Optional.of(PARTITION_DATE);
        }
        String order = dateColumn.map(c -> " ORDER BY " + Db.ident(c)).orElse("");
        return new SourceQuery("SELECT * FROM " + Db.ident(table) + order, List.of(), dateColumn, Optional.empty());
    }

    /**
     * An export's few metadata statements cost it more than they take to run (1–2 ms each): the job's target and
     * its columns take two, and whether the job ever succeeded is asked only of an empty output.
     */
    private static SourceQuery forJob(Db db, ExportSource.JobOutput source) throws SQLException {
        String job = source.job();
        String target = db.queryOne("SELECT target FROM bfs.jobs WHERE name = ?", rs -> rs.getString(1), job)
                .orElseThrow(() -> BackfillException.badInput("There is no job " + job + " in the workspace."));
        TableCatalog.requireValidName(target);
        // the app made the table: its columns are asked for directly (none when it is gone)
        boolean tableExists = TableColumns.ofRegistered(db, target).stream().anyMatch(c -> c.name().equalsIgnoreCase(PARTITION_DATE));
        String from = " FROM " + Db.ident(target) + " ";
        if (source.days().isEmpty()) {
            // whether it ever succeeded is asked only of an empty output: reading the attempts cost an export 1-2 ms
            if (nothingStored(db, tableExists, from) && !everSucceeded(db, job)) {
                throw neverRan(job);
            }
            requireTable(tableExists, job, target);
            return new SourceQuery("SELECT *" + from + "ORDER BY " + PARTITION_DATE, List.of(), Optional.of(PARTITION_DATE),
                    Optional.empty());
        }
        DaySet days = source.days().get();
        List<Object> params = new ArrayList<>();
        String dayFilter = rangeFilter(PARTITION_DATE, days, params);
        // A day has output when its last success is recorded, or (for output written before the
        // bookkeeping existed) when the target holds rows for it; a day that ran and produced no rows counts.
        List<Object> checkParams = new ArrayList<>();
        checkParams.add(job);
        String ranFilter = rangeFilter("day", days, checkParams);
        StringBuilder withOutput = new StringBuilder(
                "SELECT day FROM bfs.partitions WHERE job = ? AND succeeded_at IS NOT NULL AND (" + ranFilter + ")");
        if (tableExists) {
            withOutput.append(" UNION SELECT DISTINCT ").append(PARTITION_DATE).append(from).append("WHERE ").append(dayFilter);
            checkParams.addAll(params);
        }
        TreeSet<LocalDate> missing = new TreeSet<>(days.days());
        db.query(withOutput.toString(), rs -> rs.getObject(1, LocalDate.class), checkParams.toArray()).forEach(missing::remove);
        if (missing.size() == days.size() && nothingStored(db, tableExists, from) && !everSucceeded(db, job)) {
            throw neverRan(job);
        }
        if (!missing.isEmpty()) {
            throw BackfillException.badInput("Job " + job + " has no output for " + DaySet.of(missing)
                    + ": those days never ran successfully; run them first or leave them out of the day set.");
        }
        requireTable(tableExists, job, target);
        return new SourceQuery("SELECT *" + from + "WHERE " + dayFilter + " ORDER BY " + PARTITION_DATE, params,
                Optional.of(PARTITION_DATE), Optional.empty());
    }

    /** Whether any attempt of the job ever succeeded: a subquery that stops at the first success. */
    private static boolean everSucceeded(Db db, String job) throws SQLException {
        return db.queryLong("SELECT count(*) FROM (SELECT 1 FROM bfs.attempts WHERE job = ? AND outcome = 'SUCCEEDED' LIMIT 1)", job) > 0;
    }

    /** No rows in the target (or no target): with no recorded success, a job that never ran. */
    private static boolean nothingStored(Db db, boolean tableExists, String from) throws SQLException {
        return !tableExists || db.queryLong("SELECT count(*) FROM (SELECT 1" + from + "LIMIT 1)") == 0;
    }

    private static void requireTable(boolean tableExists, String job, String target) {
        if (!tableExists) {
            throw BackfillException.badInput("The output table " + target + " of job " + job
                    + " is missing or has no partition_date column; rerun the job to rebuild it.");
        }
    }

    /** One BETWEEN per run of consecutive days, so a month costs two parameters, not thirty. */
    private static String rangeFilter(String column, DaySet days, List<Object> params) {
        List<String> parts = new ArrayList<>();
        for (DaySet.Range r : days.ranges()) {
            parts.add(column + " BETWEEN ? AND ?");
            params.add(r.from());
            params.add(r.to());
        }
        return parts.isEmpty() ? "false" : String.join(" OR ", parts);
    }

    private static boolean hasColumn(Db db, String table, String column) throws SQLException {
        return TableColumns.of(db, table).stream().anyMatch(c -> c.name().equalsIgnoreCase(column));
    }
}
