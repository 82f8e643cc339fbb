package dev.backfillstudio.spark;

import static dev.backfillstudio.spark.SparkSample.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.cli.CliRunner;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample scenario driven through the command line twice, once on a DuckDB workspace and once on a
 * Spark one (Iceberg tables under a warehouse folder), and the jobs' output compared day by day, row for row.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkGoldenDayTest {

    static final String DAYS = "2024-09-01..2024-09-14";

    Path dir;
    String duck;
    String spark;

    @BeforeAll
    void bothWorkspaces(@TempDir Path tmp) throws Exception {
        dir = tmp;
        duck = dir.resolve("duck.duckdb").toString();
        spark = dir.resolve("spark.duckdb").toString();
        ok(CliRunner.run("init", "--db", duck));
        CliRunner.Result init = ok(CliRunner.run("init", "--db", spark, "--engine", "spark", "--warehouse", dir.resolve("wh").toString()));
        assertThat(init.out()).contains("runs on spark (local[2], warehouse " + dir.resolve("wh"));
        List<String> snapshots;
        try (Stream<Path> files = Files.list(Path.of("sample-data/item_snapshots"))) {
            snapshots = files.map(Path::toString).sorted().toList();
        }
        for (String db : List.of(duck, spark)) {
            ok(CliRunner.run("import", "--db", db, "--table", "item", "--csv", "sample-data/item.csv"));
            ok(CliRunner.run("import", "--db", db, "--table", "item_events", "--csv", "sample-data/item_events.csv"));
            List<String> args = new ArrayList<>(List.of("snapshot", "--db", db, "--table", "item_snapshot", "--date-column",
                    "snapshot_date", "--csv"));
            args.addAll(snapshots);
            ok(CliRunner.run(args.toArray(String[]::new)));
            ok(CliRunner.run("history", "--db", db, "--snapshot-table", "item_snapshot", "--key", "id"));
            save(db, SampleData.HISTORY_JOB, "active_item_events_history_out", SampleData.jobSql(SampleData.HISTORY_JOB));
            save(db, SampleData.SNAPSHOT_JOB, "active_item_events", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
            save(db, SampleData.NAIVE_JOB, "active_item_events_naive_out", SampleData.jobSql(SampleData.NAIVE_JOB));
        }
    }

    @Test
    @Order(1)
    void theSampleJobsGiveTheSameRowsPerDayOnBothEngines() throws Exception {
        for (String job : List.of(SampleData.SNAPSHOT_JOB, SampleData.NAIVE_JOB, SampleData.HISTORY_JOB, SampleData.DOWNSTREAM_JOB)) {
            if (job.equals(SampleData.DOWNSTREAM_JOB)) {
                // it reads the snapshot job's output, which exists once that job has run
                save(duck, job, "active_items_per_kind_out", SampleData.jobSql(job));
                save(spark, job, "active_items_per_kind_out", SampleData.jobSql(job));
            }
            ok(CliRunner.run("run", "--db", duck, "--job", job, "--dates", DAYS));
            CliRunner.Result run = ok(CliRunner.run("run", "--db", spark, "--job", job, "--dates", DAYS));
            assertThat(run.out()).contains("14 of 14 days succeeded");
        }
        for (String target : List.of("active_item_events", "active_item_events_naive_out", "active_item_events_history_out",
                "active_items_per_kind_out")) {
            List<String> onSpark = sparkRows(target);
            assertThat(onSpark).as(target).isNotEmpty().isEqualTo(duckRows(target));
        }
        for (String db : List.of(duck, spark)) {
            ok(CliRunner.run("export", "--db", db, "--job", SampleData.SNAPSHOT_JOB, "--dates", DAYS, "--format", "csv", "--out",
                    db + ".csv"));
        }
        assertThat(Files.readString(Path.of(spark + ".csv"))).as("the exported CSV").hasLineCount(Files.readAllLines(Path.of(duck + ".csv")).size())
                .startsWith("event_id,item_id,kind,date,partition_date\n");
        assertThat(sortedLines(spark + ".csv")).isEqualTo(sortedLines(duck + ".csv"));
        System.out.printf("median ms per day of the sample's jobs: duckdb %s, spark %s%n", medianDayMillis(duck), medianDayMillis(spark));
        CliRunner.Result status = CliRunner.run("status", "--db", spark, "--job", SampleData.SNAPSHOT_JOB, "--dates", DAYS);
        assertThat(status.out()).contains("SUCCEEDED").doesNotContain("STALE").doesNotContain("MISSING");
        CliRunner.Result verify = CliRunner.run("verify", "--db", spark, "--job", SampleData.SNAPSHOT_JOB, "--dates", DAYS);
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("14 reproducible");
    }

    @Test
    @Order(2)
    void aDayWhoseQueryNowReturnsNoRowsIsEmptiedOnBothEngines() throws Exception {
        String none = SampleData.jobSql(SampleData.SNAPSHOT_JOB).replace("AND e.date = {DATE}",
                "AND e.date = {DATE} AND {DATE} <> DATE '2024-09-03'");
        for (String db : List.of(duck, spark)) {
            save(db, SampleData.SNAPSHOT_JOB, "active_item_events", none);
            assertThat(CliRunner.run("status", "--db", db, "--job", SampleData.SNAPSHOT_JOB, "--dates", "2024-09-03").out())
                    .contains("STALE");
            ok(CliRunner.run("run", "--db", db, "--job", SampleData.SNAPSHOT_JOB, "--dates", "2024-09-02..2024-09-04"));
        }
        List<String> onSpark = sparkRows("active_item_events");
        assertThat(onSpark).isEqualTo(duckRows("active_item_events"));
        assertThat(onSpark).noneMatch(r -> r.endsWith("'partition_date': 2024-09-03}")).anyMatch(r -> r.endsWith("'partition_date': 2024-09-02}"));
        CliRunner.Result status = CliRunner.run("status", "--db", spark, "--job", SampleData.SNAPSHOT_JOB, "--dates", "2024-09-03");
        assertThat(status.out()).contains("SUCCEEDED");
        assertThat(CliRunner.run("verify", "--db", spark, "--job", SampleData.SNAPSHOT_JOB, "--dates", "2024-09-02..2024-09-04").out())
                .contains("3 reproducible");
    }

    @Test
    @Order(3)
    void aReplacedSnapshotDayTurnsItsDaysStaleAndTheRerunFollowsIt() throws Exception {
        String passive = Files.readString(Path.of("sample-data/item_snapshots/item_2024-09-05.csv")).replace(",ACTIVE,", ",PASSIVE,");
        Path file = Files2.write(dir, "item_2024-09-05.csv", passive);
        for (String db : List.of(duck, spark)) {
            ok(CliRunner.run("snapshot", "--db", db, "--table", "item_snapshot", "--csv", file.toString(), "--date-column",
                    "snapshot_date", "--replace"));
            CliRunner.Result status = CliRunner.run("status", "--db", db, "--job", SampleData.SNAPSHOT_JOB, "--dates", "2024-09-05");
            assertThat(status.out()).contains("STALE").contains("item_snapshot");
        }
        CliRunner.Result drift = CliRunner.run("verify", "--db", spark, "--job", SampleData.SNAPSHOT_JOB, "--dates", "2024-09-05");
        assertThat(drift.out()).contains("DRIFTED");
        for (String db : List.of(duck, spark)) {
            ok(CliRunner.run("run", "--db", db, "--job", SampleData.SNAPSHOT_JOB, "--stale"));
        }
        assertThat(sparkRows("active_item_events")).isEqualTo(duckRows("active_item_events"))
                .noneMatch(r -> r.endsWith("'partition_date': 2024-09-05}"));
        assertThat(CliRunner.run("verify", "--db", spark, "--job", SampleData.SNAPSHOT_JOB, "--dates", "2024-09-05").out())
                .contains("1 reproducible");
    }

    @Test
    @Order(4)
    void lintNamesWhatSparkCannotRunWithThePortableForm() throws Exception {
        Path duckOnly = Files2.write(dir, "duck_only.sql", """
                SELECT e.item_id::VARCHAR AS item, e.kind
                FROM item_events e
                WHERE e.date = {DATE}
                QUALIFY row_number() OVER (PARTITION BY e.item_id ORDER BY e.event_id) = 1
                """);
        CliRunner.Result onDuck = CliRunner.run("lint", "--db", duck, "--sql-file", duckOnly.toString());
        assertThat(onDuck.out()).doesNotContain("NOT_PORTABLE");
        CliRunner.Result onSpark = CliRunner.run("lint", "--db", spark, "--sql-file", duckOnly.toString());
        assertThat(onSpark.exitCode()).as(onSpark.out() + onSpark.err()).isEqualTo(1);
        assertThat(onSpark.err()).as("lint reports on standard output").isEmpty();
        assertThat(onSpark.out()).contains("ERROR NOT_PORTABLE: the cast \"e.item_id::VARCHAR\"")
                .contains("fix: CAST(e.item_id AS VARCHAR)").contains("QUALIFY is not Spark SQL");
        Path portable = Files2.write(dir, "portable.sql", """
                SELECT item, kind FROM (
                  SELECT CAST(e.item_id AS STRING) AS item, e.kind,
                         row_number() OVER (PARTITION BY e.item_id ORDER BY e.event_id) AS rn
                  FROM item_events e WHERE e.date = {DATE}) WHERE rn = 1
                """);
        assertThat(CliRunner.run("lint", "--db", spark, "--sql-file", portable.toString()).out()).doesNotContain("NOT_PORTABLE");
    }


    private static void save(String db, String job, String target, String sql) throws Exception {
        Path file = Files.createTempFile("job", ".sql");
        Files.writeString(file, sql);
        ok(CliRunner.run("job", "save", "--db", db, "--name", job, "--target", target, "--sql-file", file.toString()));
        Files.delete(file);
    }

    private static List<String> sortedLines(String file) throws Exception {
        return Files.readAllLines(Path.of(file)).stream().sorted().toList();
    }

    /** The median time a day took, as the attempts record it (for the README's figures; not asserted). */
    private static long medianDayMillis(String db) throws Exception {
        try (Workspace ws = Workspace.open(Path.of(db))) {
            return ws.db().queryLong("SELECT CAST(median(duration_ms) AS BIGINT) FROM bfs.attempts WHERE outcome = 'SUCCEEDED'");
        }
    }

    /** Every row of a job output on the DuckDB workspace, as text, in one order. */
    private List<String> duckRows(String target) throws Exception {
        try (Workspace ws = Workspace.open(Path.of(duck))) {
            return ws.db().query("SELECT CAST(t AS VARCHAR) FROM (SELECT * FROM " + target + ") t ORDER BY ALL", rs -> rs.getString(1));
        }
    }

    /** Every row of the same job output on the Spark workspace, read back through Parquet, in the same order. */
    private List<String> sparkRows(String target) throws Exception {
        Path out = dir.resolve("read-" + System.nanoTime());
        try (Workspace ws = Workspace.open(Path.of(spark)); DayEngine engine = Engines.open(ws).orElseThrow()) {
            engine.writeParquet("SELECT * FROM " + target, out);
        }
        String columns;
        try (Workspace ws = Workspace.open(Path.of(duck))) {
            // the same column order as the DuckDB table, so both sides print their rows alike
            columns = String.join(", ", ws.db().query("SELECT column_name FROM duckdb_columns() WHERE table_name = ?"
                    + " ORDER BY column_index", rs -> '"' + rs.getString(1) + '"', target));
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            return new Db(c).query("SELECT CAST(t AS VARCHAR) FROM (SELECT " + columns + " FROM read_parquet('" + out
                    + "/*.parquet')) t ORDER BY ALL", rs -> rs.getString(1));
        }
    }
}
