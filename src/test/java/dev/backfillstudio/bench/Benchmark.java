package dev.backfillstudio.bench;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.demo.GeneratedWorkspace;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.export.ExportFormat;
import dev.backfillstudio.export.ExportListener;
import dev.backfillstudio.export.ExportRequest;
import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.export.Exporter;
import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.ingest.HistoryResult;
import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark: builds a generated workspace inside DuckDB, then measures each workload through
 * the app's engine and as the same statements sent straight through JDBC, in this process.
 */
final class Benchmark {

    static final String JOB = SampleData.SNAPSHOT_JOB;
    static final String TARGET = "bench_output";
    static final String RAW_TARGET = "raw_output";

    private final BenchScale scale;
    private final Path dir;
    private final PrintStream log;
    private Workspace ws;
    private LocalDate first;
    private LocalDate last;
    private String jobSql;

    Benchmark(BenchScale scale, Path dir, PrintStream log) {
        this.scale = scale;
        this.dir = dir;
        this.log = log;
    }

    List<BenchResult> run() throws Exception {
        long t0 = System.nanoTime();
        ws = Workspace.open(dir.resolve("bench.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
        try {
            new DemoBuilder(ws).buildGenerated(scale.size);
            first = GeneratedWorkspace.FIRST_DAY;
            last = GeneratedWorkspace.lastDay(scale.size);
            jobSql = SampleData.jobSql(JOB);
            new JobStore(ws).save(JOB, TARGET, jobSql);
            log.printf("workspace %s built in %.1f s (%,d items × %d days, %,d events)%n", scale, (System.nanoTime() - t0) / 1e9,
                    scale.size.items(), scale.size.days(), scale.size.events());
            BenchmarkRunner runner = new BenchmarkRunner(scale.runs, log);
            List<BenchResult> results = new ArrayList<>();
            results.add(runner.measure(new BackfillWorkload(false)));
            results.add(runner.measure(new BackfillWorkload(true)));
            results.add(runner.measure(new SnapshotLoadWorkload()));
            results.add(runner.measure(new HistoryBuildWorkload()));
            results.add(runner.measure(new HistoryExtendWorkload()));
            results.add(runner.measure(new ExportWorkload()));
            results.add(runner.measure(new StatusWorkload()));
            results.add(runner.measure(new CaptureJdbcWorkload(ws, scale.snapshotCsvRows)));
            return results;
        } finally {
            ws.close();
        }
    }

    String machine() {
        Runtime rt = Runtime.getRuntime();
        String mem;
        try {
            long kb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(0);
            mem = String.format("%.0f GiB", kb / 1024.0 / 1024.0);
        } catch (Exception e) {
            mem = "?";
        }
        return String.format("%d cores, %s memory, Java %s (heap max %d MB), DuckDB %s", rt.availableProcessors(), mem,
                System.getProperty("java.version"), rt.maxMemory() / (1024 * 1024), duckDbVersion());
    }

    private String duckDbVersion() {
        try (Workspace w = Workspace.open(dir.resolve("bench.duckdb"), Workspace.OpenMode.READ_ONLY)) {
            return w.duckDbVersion();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private Db db() {
        return ws.db();
    }

    /** The snapshot job over every day: first run (empty target) or rerun (replacing every day). */
    private final class BackfillWorkload implements Workload {
        private final boolean rerun;

        BackfillWorkload(boolean rerun) {
            this.rerun = rerun;
        }

        @Override
        public String name() {
            return rerun ? "rerun" : "backfill";
        }

        @Override
        public Double target() {
            return 1.10;
        }

        @Override
        public void prepareApp() throws SQLException {
            if (!rerun) {
                db().update("DELETE FROM bfs.attempts WHERE job = ?", JOB);
                db().update("DELETE FROM bfs.runs WHERE job = ?", JOB);
                db().execute("DROP TABLE IF EXISTS " + TARGET);
            } else if (db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", TARGET) == 0) {
                runApp();
            }
        }

        @Override
        public void runApp() {
            new Backfill(ws).run(JOB, DaySet.range(first, last), new RunListener() { });
        }

        @Override
        public void prepareRaw() throws SQLException {
            boolean exists = db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", RAW_TARGET) > 0;
            if (!rerun || !exists) {
                db().execute("DROP TABLE IF EXISTS " + RAW_TARGET);
                db().execute("CREATE TABLE " + RAW_TARGET + " AS SELECT * FROM " + TARGET + " LIMIT 0");
                if (rerun) {
                    runRaw();
                }
            }
        }

        /** What the engine does per day, stripped to the statements: BEGIN; DELETE; INSERT … SELECT; COMMIT. */
        @Override
        public void runRaw() throws SQLException {
            String insert = "INSERT INTO " + RAW_TARGET + " SELECT q.*, ?::DATE FROM (" + SqlTemplate.toParameterised(jobSql) + ") q";
            int dates = SqlTemplate.dateCount(jobSql);
            Db session = ws.newSession();
            try {
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    final LocalDate day = d;
                    Object[] params = new Object[dates + 1];
                    params[0] = day;
                    for (int i = 1; i <= dates; i++) {
                        params[i] = day;
                    }
                    session.inTransaction(s -> {
                        s.update("DELETE FROM " + RAW_TARGET + " WHERE partition_date = ?", day);
                        s.update(insert, params);
                        return null;
                    });
                }
            } finally {
                session.connection().close();
            }
        }
    }

    /** One day's snapshot of scale.snapshotCsvRows rows, through the loader into an existing table. */
    private final class SnapshotLoadWorkload implements Workload {
        private Path csv;
        private final LocalDate day = LocalDate.of(2030, 1, 1);

        @Override
        public String name() {
            return "snapshot_load";
        }

        @Override
        public Double target() {
            return 1.15;
        }

        private Path csv() throws SQLException {
            if (csv == null) {
                csv = dir.resolve("snapshot_" + day + ".csv");
                db().execute("COPY (SELECT range + 1 AS id, 'item ' || (range + 1) AS name,"
                        + " CASE WHEN range % 4 = 0 THEN 'PASSIVE' ELSE 'ACTIVE' END AS status, DATE '" + day + "' AS snapshot_date"
                        + " FROM range(" + scale.snapshotCsvRows + ")) TO " + Db.literal(csv.toString()) + " (HEADER)");
                // the table exists on both sides: the loader's first load creates and registers it
                new SnapshotLoader(ws).load("bench_snapshot", List.of(csv), SnapshotDateSource.column("snapshot_date"), false);
                db().execute("CREATE OR REPLACE TABLE raw_snapshot AS SELECT * FROM bench_snapshot LIMIT 0");
            }
            return csv;
        }

        @Override
        public void prepareApp() throws SQLException {
            csv();
            db().execute("DELETE FROM bench_snapshot");
            db().execute("CHECKPOINT");
        }

        @Override
        public void runApp() throws SQLException {
            new SnapshotLoader(ws).load("bench_snapshot", List.of(csv()), SnapshotDateSource.column("snapshot_date"), false)
                    .forEach(r -> {
                        if (!r.ok()) {
                            throw new IllegalStateException(r.message());
                        }
                    });
        }

        @Override
        public void prepareRaw() throws SQLException {
            csv();
            db().execute("DELETE FROM raw_snapshot");
            db().execute("CHECKPOINT");
        }

        @Override
        public void runRaw() throws SQLException {
            db().update("INSERT INTO raw_snapshot SELECT * FROM read_csv(" + Db.literal(csv().toString())
                    + ", header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false,"
                    + " columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'status': 'VARCHAR', 'snapshot_date': 'DATE'})");
        }
    }

    /** A full build of item_history from every snapshot day. */
    private final class HistoryBuildWorkload implements Workload {
        HistoryResult last;

        @Override
        public String name() {
            return "history_build";
        }

        @Override
        public Double target() {
            return null;
        }

        @Override
        public boolean hasRaw() {
            return false;
        }

        @Override
        public boolean targetIsSeconds() {
            return true;
        }

        @Override
        public void prepareApp() throws SQLException {
            db().execute("DROP MACRO TABLE IF EXISTS bench_history_asof");
            db().execute("DROP TABLE IF EXISTS bench_history");
            db().update("DELETE FROM bfs.tables WHERE name = 'bench_history'");
        }

        @Override
        public void runApp() {
            last = new HistoryBuilder(ws).build("item_snapshot", List.of("id"), "bench_history");
        }

        @Override
        public void prepareRaw() {
        }

        @Override
        public void runRaw() {
        }

        @Override
        public String note() {
            return last == null ? "" : String.format("%,d snapshot rows → %,d history rows (%.1f× smaller)",
                    last.snapshotRows(), last.historyRows(), last.compression());
        }
    }

    /** One more day folded into an existing history: the incremental path. */
    private final class HistoryExtendWorkload implements Workload {
        private double fullSeconds;
        private double lastSeconds;


        @Override
        public String name() {
            return "history_extend";
        }

        @Override
        public Double target() {
            return null;
        }

        /** "A small fraction of a full build": at most a quarter of it. */
        @Override
        public boolean metOwnTarget() {
            return lastSeconds <= 0.25 * fullSeconds;
        }

        @Override
        public boolean hasRaw() {
            return false;
        }

        @Override
        public boolean targetIsSeconds() {
            return true;
        }

        @Override
        public void prepareApp() throws SQLException {
            // a history built through the day before the last, then the last day's snapshot arrives
            db().execute("CREATE OR REPLACE TABLE ext_snapshot AS SELECT * FROM item_snapshot WHERE snapshot_date < DATE '" + last + "'");
            db().update("INSERT OR REPLACE INTO bfs.tables (name, kind, date_column) VALUES ('ext_snapshot', 'SNAPSHOT', 'snapshot_date')");
            db().execute("DROP MACRO TABLE IF EXISTS ext_history_asof");
            db().execute("DROP TABLE IF EXISTS ext_history");
            db().update("DELETE FROM bfs.tables WHERE name = 'ext_history'");
            long t0 = System.nanoTime();
            new HistoryBuilder(ws).build("ext_snapshot", List.of("id"), "ext_history");
            fullSeconds = (System.nanoTime() - t0) / 1e9;
            db().execute("INSERT INTO ext_snapshot SELECT * FROM item_snapshot WHERE snapshot_date = DATE '" + last + "'");
        }

        @Override
        public void runApp() {
            long t0 = System.nanoTime();
            HistoryResult r = new HistoryBuilder(ws).build("ext_snapshot", List.of("id"), "ext_history");
            lastSeconds = (System.nanoTime() - t0) / 1e9;
            if (r.mode() != HistoryResult.Mode.EXTENDED) {
                throw new IllegalStateException("expected an incremental extension, got " + r.mode());
            }
        }

        @Override
        public void prepareRaw() {
        }

        @Override
        public void runRaw() {
        }

        @Override
        public String note() {
            return String.format("%.0f%% of a full build of the same history (%.2f s)", 100 * lastSeconds / fullSeconds, fullSeconds);
        }
    }

    /** The job's whole output to Parquet, against a bare COPY of the same query. */
    private final class ExportWorkload implements Workload {
        private long rows;

        @Override
        public String name() {
            return "export_parquet";
        }

        @Override
        public Double target() {
            return 1.05;
        }

        @Override
        public void prepareApp() throws Exception {
            Files.deleteIfExists(dir.resolve("app.parquet"));
        }

        @Override
        public void runApp() {
            rows = new Exporter(ws).export(new ExportRequest(ExportSource.job(JOB), ExportFormat.PARQUET,
                    dir.resolve("app.parquet"), false, true), new ExportListener() { }).rows();
        }

        @Override
        public void prepareRaw() throws Exception {
            Files.deleteIfExists(dir.resolve("raw.parquet"));
        }

        @Override
        public void runRaw() throws SQLException {
            db().update("COPY (SELECT * FROM " + TARGET + " ORDER BY partition_date) TO "
                    + Db.literal(dir.resolve("raw.parquet").toString()) + " (FORMAT parquet)");
        }

        @Override
        public String note() {
            return String.format("%,d rows, heap max %d MB", rows, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    /** A year of day statuses, as the calendar asks for them. */
    private final class StatusWorkload implements Workload {
        @Override
        public String name() {
            return "status_365";
        }

        @Override
        public Double target() {
            return 0.05;
        }

        @Override
        public boolean targetIsSeconds() {
            return true;
        }

        @Override
        public boolean hasRaw() {
            return false;
        }

        @Override
        public void prepareApp() {
        }

        @Override
        public void runApp() {
            new StatusReader(ws).days(JOB, first, first.plusDays(364));
        }

        @Override
        public void prepareRaw() {
        }

        @Override
        public void runRaw() {
        }
    }
}
