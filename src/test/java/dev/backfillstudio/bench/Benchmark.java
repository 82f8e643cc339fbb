package dev.backfillstudio.bench;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.demo.GeneratedWorkspace;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.export.ExportFormat;
import dev.backfillstudio.export.ExportListener;
import dev.backfillstudio.export.ExportRequest;
import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.export.Exporter;
import dev.backfillstudio.ingest.FileFingerprint;
import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.ingest.HistoryResult;
import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.KeptRows;
import dev.backfillstudio.run.Restorer;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.run.RunOutcome;
import dev.backfillstudio.run.RunSummary;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.workspace.Bookkeeping;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.InputDays;
import dev.backfillstudio.workspace.Workspace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
            BenchmarkRunner runner = new BenchmarkRunner(scale.runs, scale.roundBudgetSeconds, log);
            List<BenchResult> results = new ArrayList<>();
            // -Dbench.only=a,b measures just those workloads; list with them the ones they build on (rerun needs backfill's days)
            Set<String> only = Set.of(System.getProperty("bench.only", "").split(",")).stream().map(String::strip)
                    .filter(x -> !x.isEmpty()).collect(java.util.stream.Collectors.toSet());
            for (Workload w : workloads()) {
                if (only.isEmpty() || only.contains(w.name())) {
                    results.add(runner.measure(w));
                }
            }
            return results;
        } finally {
            ws.close();
        }
    }

    /** Every workload, in the order they run (each may rely on the state the ones before it left). */
    List<Workload> workloads() {
        return List.of(new BackfillWorkload(false), new BackfillWorkload(true), new LineageCostWorkload(false),
                new LineageCostWorkload(true), new RerunChangedWorkload(), new KeptRowsWorkload(), new UndoWorkload(),
                new SnapshotLoadWorkload(), new InputDaysLoadWorkload(), new EventImportWorkload(), new HistoryBuildWorkload(),
                new HistoryExtendWorkload(), new HistoryRestateWorkload(), new ExportWorkload(), new StatusWorkload(),
                new CliStatusWorkload(), new WindowUpWorkload(), new CaptureJdbcWorkload(ws, captureRows()));
    }

    /** Issue #18 sets its target for a table of a million rows: every scale but the smoke test's captures that many. */
    private int captureRows() {
        return scale == BenchScale.TINY ? scale.snapshotCsvRows : 1_000_000;
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

    /** A file in the process's IoFolder, the one folder the workspace's DuckDB may read and write. */
    private static Path ioFile(String name) {
        return dev.backfillstudio.workspace.IoFolder.get().path().resolve("bench-" + name);
    }

    /**
     * The job over {@code sql} for every day, as a careful engineer would write it by hand: the DELETE
     * and INSERT … SELECT prepared once, then per day {@code BEGIN; DELETE; INSERT; COMMIT} on a
     * connection of its own, as the app runs.
     */
    private void rawRun(String table, String sql) throws SQLException {
        int dates = SqlTemplate.dateCount(sql);
        Db session = ws.newSession();
        Connection c = session.connection();
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE partition_date = ?::DATE");
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " SELECT q.*, ?::DATE FROM ("
                        + SqlTemplate.toParameterised(sql) + ") q")) {
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                c.setAutoCommit(false);
                delete.setObject(1, d);
                delete.executeUpdate();
                for (int i = 1; i <= dates + 1; i++) {
                    insert.setObject(i, d);
                }
                insert.executeUpdate();
                c.commit();
                c.setAutoCommit(true);
            }
        } finally {
            c.close();
        }
    }

    private boolean exists(String table) throws SQLException {
        return db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", table) > 0;
    }

    /**
     * Fails unless the two relations hold the same rows, duplicates included: counts, then EXCEPT ALL
     * both ways, inside DuckDB.
     */
    private void requireSameRows(String what, String app, String raw) throws SQLException {
        checkedRows += requireSameRows(db(), what, app, raw);
    }

    /** The rows compared; throws when they differ. */
    static long requireSameRows(Db db, String what, String app, String raw) throws SQLException {
        long appRows = db.queryLong("SELECT count(*) FROM (" + app + ")");
        long rawRows = db.queryLong("SELECT count(*) FROM (" + raw + ")");
        long onlyApp = db.queryLong("SELECT count(*) FROM ((" + app + ") EXCEPT ALL (" + raw + "))");
        long onlyRaw = db.queryLong("SELECT count(*) FROM ((" + raw + ") EXCEPT ALL (" + app + "))");
        if (appRows != rawRows || onlyApp != 0 || onlyRaw != 0) {
            throw new IllegalStateException(String.format("%s: the app and the raw statements wrote different rows"
                    + " (app %,d rows, raw %,d; %,d only in the app's, %,d only in the raw)", what, appRows, rawRows, onlyApp, onlyRaw));
        }
        return appRows;
    }

    private long checkedRows;

    /** The snapshot job over every day: first run (empty target) or rerun of the same version (replacing every day). */
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
        public Target target() {
            return Target.ratio(1.05);
        }

        @Override
        public void prepareApp() throws SQLException {
            if (!rerun) {
                db().update("DELETE FROM bfs.attempts WHERE job = ?", JOB);
                db().update("DELETE FROM bfs.runs WHERE job = ?", JOB);
                db().execute("DROP TABLE IF EXISTS " + TARGET);
            } else if (!exists(TARGET)) {
                runApp();
            }
        }

        @Override
        public void runApp() {
            RunSummary r = new Backfill(ws).run(JOB, DaySet.range(first, last), new RunListener() { });
            if (r.outcome() != RunOutcome.SUCCEEDED) {
                throw new IllegalStateException(name() + ": the run ended " + r.outcome());
            }
        }

        @Override
        public void prepareRaw() throws SQLException {
            if (!rerun || !exists(RAW_TARGET)) {
                db().execute("DROP TABLE IF EXISTS " + RAW_TARGET);
                db().execute("CREATE TABLE " + RAW_TARGET + " AS SELECT * FROM " + TARGET + " LIMIT 0");
                if (rerun) {
                    runRaw();
                }
            }
        }

        @Override
        public void runRaw() throws SQLException {
            rawRun(RAW_TARGET, jobSql);
        }

        @Override
        public void check() throws SQLException {
            requireSameRows(name(), "SELECT * FROM " + TARGET, "SELECT * FROM " + RAW_TARGET);
        }
    }

    /**
     * What lineage costs a run (issue 12, "Cost"): the same run through the app with lineage (what each day
     * read, recorded with its attempt, and the input checks before each day) and with it switched off by
     * {@link Bookkeeping#SKIP_LINEAGE}, a switch only the benchmark sets. "raw" is the app without lineage.
     */
    private final class LineageCostWorkload implements Workload {
        private final boolean rerun;

        LineageCostWorkload(boolean rerun) {
            this.rerun = rerun;
        }

        @Override
        public String name() {
            return rerun ? "lineage_rerun" : "lineage_backfill";
        }

        @Override
        public Target target() {
            return Target.ratio(1.03);
        }

        private void prepare() throws SQLException {
            if (!rerun) {
                db().update("DELETE FROM bfs.attempts WHERE job = ?", JOB);
                db().update("DELETE FROM bfs.runs WHERE job = ?", JOB);
                db().execute("DROP TABLE IF EXISTS " + TARGET);
            } else if (!exists(TARGET)) {
                run(true);
            }
        }

        private void run(boolean lineage) {
            System.setProperty(Bookkeeping.SKIP_LINEAGE, String.valueOf(!lineage));
            try {
                RunSummary r = new Backfill(ws).run(JOB, DaySet.range(first, last), new RunListener() { });
                if (r.outcome() != RunOutcome.SUCCEEDED) {
                    throw new IllegalStateException(name() + ": the run ended " + r.outcome());
                }
            } finally {
                System.clearProperty(Bookkeeping.SKIP_LINEAGE);
            }
        }

        @Override
        public void prepareApp() throws SQLException {
            prepare();
        }

        @Override
        public void runApp() {
            run(true);
        }

        @Override
        public void prepareRaw() throws SQLException {
            prepare();
        }

        @Override
        public void runRaw() {
            run(false);
        }

        @Override
        public void check() throws SQLException {
            // the same rows either way; and the workloads after this one read a workspace whose days have lineage
            requireSameRows(name(), "SELECT * FROM " + TARGET, "SELECT * FROM " + RAW_TARGET);
            run(true);
            if (db().queryLong("SELECT count(*) FROM bfs.partitions WHERE job = ? AND inputs IS NULL", JOB) != 0) {
                throw new IllegalStateException(name() + ": days without lineage after a run with lineage");
            }
        }

        @Override
        public String note() {
            return "the app with lineage against the app without it (" + Bookkeeping.SKIP_LINEAGE + ", benchmark only)";
        }
    }

    /**
     * A rerun in which every day's rows change: each round saves the other of two versions of the job
     * (the second marks every row's kind), so the app replaces every row of every day, with its diff.
     */
    private final class RerunChangedWorkload implements Workload {
        private final String[] versions = {jobSql, jobSql.replace("e.kind,", "e.kind || ' (v2)' AS kind,")};
        private int app;
        private int raw;

        RerunChangedWorkload() {
            if (versions[1].equals(versions[0])) {
                throw new IllegalStateException("the benchmark's second job version must change every row");
            }
        }

        @Override
        public String name() {
            return "rerun_changed";
        }

        @Override
        public Target target() {
            return Target.ratio(1.05);
        }

        @Override
        public void prepareApp() {
            app++;
            new JobStore(ws).save(JOB, TARGET, versions[app % 2]);
        }

        @Override
        public void runApp() {
            RunSummary r = new Backfill(ws).run(JOB, DaySet.range(first, last), new RunListener() { });
            if (r.outcome() != RunOutcome.SUCCEEDED) {
                throw new IllegalStateException(name() + ": the run ended " + r.outcome());
            }
        }

        @Override
        public void prepareRaw() {
            raw++;
        }

        @Override
        public void runRaw() throws SQLException {
            rawRun(RAW_TARGET, versions[raw % 2]);
        }

        @Override
        public void check() throws SQLException {
            requireSameRows(name(), "SELECT * FROM " + TARGET, "SELECT * FROM " + RAW_TARGET);
            // leave the job at its first version for the workloads after this one
            if (app % 2 != 0) {
                prepareApp();
                runApp();
            }
        }
    }

    /** The two versions of the job that rerun_changed alternates: the second changes every row of every day. */
    private String[] changedVersions() {
        return new String[] {jobSql, jobSql.replace("e.kind,", "e.kind || ' (v2)' AS kind,")};
    }

    /**
     * What keeping the replaced rows costs: the rerun_changed rerun (every row of every day changes) with the
     * rows it replaces kept (the app side) against the same rerun keeping nothing (the "raw" side, retention
     * 0). Each side starts from an empty kept store (the raw side's untimed prepare prunes it), so pruning is
     * not in the figure: in use it is one batched DELETE per run.
     */
    private final class KeptRowsWorkload implements Workload {
        private final String[] versions = changedVersions();
        private int round;
        private long keptAfterApp;

        @Override
        public String name() {
            return "rerun_changed_kept";
        }

        @Override
        public Target target() {
            return Target.ratio(1.10);
        }

        @Override
        public void prepareApp() {
            KeptRows.keep(ws, KeptRows.DEFAULT_VERSIONS);
            new JobStore(ws).save(JOB, TARGET, versions[++round % 2]);
        }

        @Override
        public void runApp() throws SQLException {
            rerun(name());
            keptAfterApp = db().queryLong("SELECT coalesce(sum(rows), 0) FROM bfs.kept WHERE job = ?", JOB);
        }

        @Override
        public void prepareRaw() {
            KeptRows.keep(ws, 0);
            new JobStore(ws).save(JOB, TARGET, versions[++round % 2]);
        }

        @Override
        public void runRaw() {
            rerun(name());
        }

        @Override
        public void check() throws SQLException {
            KeptRows.keep(ws, KeptRows.DEFAULT_VERSIONS);
            if (round % 2 != 0) {
                prepareApp();
                runApp();
            }
        }

        @Override
        public String note() {
            return String.format("%,d rows kept after the last app round", keptAfterApp);
        }
    }

    /** Reruns every day with the job's current version; fails the benchmark unless every day succeeded. */
    private RunSummary rerun(String workload) {
        RunSummary r = new Backfill(ws).run(JOB, DaySet.range(first, last), new RunListener() { });
        if (r.outcome() != RunOutcome.SUCCEEDED) {
            throw new IllegalStateException(workload + ": the run ended " + r.outcome());
        }
        return r;
    }

    /**
     * Undoing a rerun of every day (the app side) against that rerun itself (the "raw" side): both change
     * every row of every day and keep the rows they replace; the undo must cost no more than the rerun.
     */
    private final class UndoWorkload implements Workload {
        private final String[] versions = changedVersions();
        /** Which version's rows the days hold now. */
        private int stored;
        private long lastRerun;

        @Override
        public String name() {
            return "undo_rerun";
        }

        @Override
        public Target target() {
            return Target.ratio(1.00);
        }

        @Override
        public void prepareApp() {
            new JobStore(ws).save(JOB, TARGET, versions[1 - stored]);
            lastRerun = rerun(name()).runId();
            stored = 1 - stored;
        }

        @Override
        public void runApp() {
            RunSummary undo = new Restorer(ws).undo(lastRerun, new RunListener() { });
            if (undo.outcome() != RunOutcome.SUCCEEDED || undo.days().isEmpty()) {
                throw new IllegalStateException(name() + ": the undo ended " + undo.outcome() + " after " + undo.days().size() + " days");
            }
            stored = 1 - stored;
        }

        @Override
        public void prepareRaw() {
            new JobStore(ws).save(JOB, TARGET, versions[1 - stored]);
        }

        @Override
        public void runRaw() {
            rerun(name());
            stored = 1 - stored;
        }

        @Override
        public void check() {
            if (stored != 0) {
                prepareRaw();
                runRaw();
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

        /** Full scale: a ratio. Smaller: a bound on the fixed cost the app adds (a ratio would magnify it). */
        @Override
        public Target target() {
            return scale == BenchScale.FULL ? Target.ratio(1.10) : Target.overRaw(0.020);
        }

        @Override
        public void check() throws SQLException {
            requireSameRows(name(), "SELECT * FROM bench_snapshot", "SELECT * FROM raw_snapshot");
        }

        private Path csv() throws SQLException {
            if (csv == null) {
                // written where the workspace's DuckDB may write (its IoFolder): the raw load reads it there, the app stages it
                csv = dev.backfillstudio.workspace.IoFolder.get().path().resolve("bench-snapshot_" + day + ".csv");
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

    /** Runs {@code work} with the per-day fingerprints of input tables switched on or off (benchmark only). */
    private static void withInputDays(boolean on, Step work) throws Exception {
        System.setProperty(Bookkeeping.SKIP_INPUT_DAYS, String.valueOf(!on));
        try {
            work.run();
        } finally {
            System.clearProperty(Bookkeeping.SKIP_INPUT_DAYS);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** The median milliseconds of the fingerprint's own statements and of the statement the loader runs without them. */
    record StepCost(double withMs, double withoutMs) {

        private static final int ROUNDS = 21;

        /**
         * Times both, interleaved, on the rows a round loaded. The whole load's ratio carries the machine's noise
         * of a whole load; this is the step alone, so it shows what the ratio is made of.
         */
        static StepCost measure(Step with, Step without) throws Exception {
            double[] w = new double[ROUNDS];
            double[] wo = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                with.run();
                long t1 = System.nanoTime();
                without.run();
                w[i] = (t1 - t0) / 1e6;
                wo[i] = (System.nanoTime() - t1) / 1e6;
            }
            return new StepCost(BenchmarkRunner.median(w), BenchmarkRunner.median(wo));
        }

        /** "the file's fingerprint ... alone 12.3 ms, 3.8 % of a 320 ms load without it" (for work that replaces nothing). */
        String describeAlone(String what, double loadSeconds) {
            return String.format("%s alone %.1f ms, %.1f %% of a %.0f ms load without it", what, withMs - withoutMs,
                    100 * (withMs - withoutMs) / (loadSeconds * 1000), loadSeconds * 1000);
        }

        /** "the fingerprint's statements 23.1 ms against 1.2 ms for the count they replace, +7.8 % of a 280 ms load". */
        String describe(String replaced, double loadSeconds) {
            return String.format("the fingerprint's statements alone %.1f ms against %.1f ms for %s, +%.1f %% of a %.0f ms load"
                    + " without them", withMs, withoutMs, replaced, 100 * (withMs - withoutMs) / (loadSeconds * 1000), loadSeconds * 1000);
        }
    }

    /**
     * What per-day fingerprints cost a snapshot load (issue 12, "Cost"): the same one-day load through the
     * loader with the day's fingerprint recorded and with {@link Bookkeeping#SKIP_INPUT_DAYS}. "raw" is the
     * loader without fingerprints.
     */
    private final class InputDaysLoadWorkload implements Workload {
        private final SnapshotLoadWorkload load = new SnapshotLoadWorkload();
        /** The median round without the fingerprints, as the runner measured it. */
        private double withoutSeconds;
        private StepCost step;
        private StepCost replaceStep;

        @Override
        public String name() {
            return "input_days_snapshot_load";
        }

        @Override
        public Target target() {
            return Target.ratio(1.05);
        }

        @Override
        public void prepareApp() throws SQLException {
            load.prepareApp();
        }

        @Override
        public void runApp() throws Exception {
            withInputDays(true, load::runApp);
        }

        @Override
        public void prepareRaw() throws SQLException {
            load.prepareApp();
        }

        @Override
        public int budgets() {
            return 3;
        }

        @Override
        public void runRaw() throws Exception {
            withInputDays(false, load::runApp);
        }

        @Override
        public void measured(double appSeconds, Double rawSeconds) {
            withoutSeconds = rawSeconds;
        }

        @Override
        public void check() throws Exception {
            // the last round loaded without the fingerprint: the ledger knows the day again after one with it
            withInputDaysUnchecked(load);
            if (db().queryLong("SELECT count(*) FROM bfs.input_days WHERE table_name = 'bench_snapshot'") != 1) {
                throw new IllegalStateException(name() + ": the load with fingerprints recorded no day");
            }
            // the fingerprint's own work, done here on the benchmark's thread alone: reading the file's bytes (the loader
            // reads them on another thread while DuckDB inserts) and the ledger's row; the load runs no statement in its place
            Path file = load.csv();
            InputDays.Entry entry = InputDays.entry(db(), "bench_snapshot", load.day).orElseThrow();
            step = StepCost.measure(() -> {
                FileFingerprint.of(file, "columns of the benchmark");
                InputDays.put(db(), "bench_snapshot", load.day, entry, InputDays.Origin.FILE);
            }, () -> { });
            // a day replaced by a file of other bytes and as many rows: the old rows and the new are hashed as well, to
            // tell the same rows in another order from a change
            replaceStep = StepCost.measure(() -> {
                InputDays.rowHash(db(), "bench_snapshot", List.of(), "snapshot_date", load.day);
                InputDays.rowHash(db(), "bench_snapshot", List.of(), "snapshot_date", load.day);
            }, () -> { });
        }

        private void withInputDaysUnchecked(SnapshotLoadWorkload w) throws SQLException {
            w.prepareApp();
            w.runApp();
        }

        @Override
        public String note() {
            return String.format("%,d rows; the loader with the day's fingerprint against the loader without it (%s, benchmark only)%s",
                    scale.snapshotCsvRows, Bookkeeping.SKIP_INPUT_DAYS,
                    step == null ? "" : "; " + step.describeAlone("the file's fingerprint (read beside the insert) and its ledger row",
                            withoutSeconds) + "; a replacing file of other bytes and as many rows also hashes the old and new rows: "
                            + replaceStep.describeAlone("the two passes", withoutSeconds));
        }
    }

    /**
     * What per-day fingerprints cost an event import (issue 12, "Cost"): {@code import --replace} of a CSV of
     * every generated event (10 M rows at full scale) into an event table, with the fingerprint of each of
     * its days and without ({@link Bookkeeping#SKIP_INPUT_DAYS}).
     */
    private final class EventImportWorkload implements Workload {
        private Path csv;
        private TableImporter.Result result;
        /** The median round without the fingerprints, as the runner measured it. */
        private double withoutSeconds;
        private StepCost step;

        @Override
        public String name() {
            return "input_days_event_import";
        }

        @Override
        public Target target() {
            return Target.ratio(1.05);
        }

        private Path csv() throws SQLException {
            if (csv == null) {
                csv = dev.backfillstudio.workspace.IoFolder.get().path().resolve("bench-events.csv");
                db().execute("COPY (SELECT * FROM item_events ORDER BY event_id) TO " + Db.literal(csv.toString()) + " (HEADER)");
            }
            return csv;
        }

        private void load(boolean fingerprints) throws Exception {
            Path file = csv();
            withInputDays(fingerprints, () -> result = new TableImporter(ws).importCsv("bench_events", file, true));
        }

        @Override
        public void prepareApp() throws Exception {
            csv();
            db().execute("CHECKPOINT");
        }

        @Override
        public void runApp() throws Exception {
            load(true);
        }

        @Override
        public void prepareRaw() throws Exception {
            prepareApp();
        }

        @Override
        public int budgets() {
            return 3;
        }

        @Override
        public void runRaw() throws Exception {
            load(false);
        }

        @Override
        public void measured(double appSeconds, Double rawSeconds) {
            withoutSeconds = rawSeconds;
        }

        @Override
        public void check() throws Exception {
            requireSameRows(name(), "SELECT * FROM bench_events", "SELECT * FROM item_events");
            load(true);
            long days = db().queryLong("SELECT count(*) FROM bfs.input_days WHERE table_name = 'bench_events'");
            if (days != scale.size.days()) {
                throw new IllegalStateException(name() + ": the import with fingerprints recorded " + days + " days");
            }
            // what the importer runs in its place: the pass that lists the table's days
            step = StepCost.measure(() -> InputDays.recordAll(db(), "bench_events", "date", InputDays.Origin.IMPORT),
                    () -> db().query("SELECT DISTINCT date FROM bench_events WHERE date IS NOT NULL ORDER BY 1", rs -> rs.getObject(1)));
            // the workloads after this one find the workspace as they would without it: no 10 M-row table, no ledger of it,
            // and the blocks its many imports freed checkpointed away
            db().execute("DROP TABLE bench_events");
            db().update("DELETE FROM bfs.tables WHERE name = 'bench_events'");
            InputDays.forget(db(), "bench_events");
            db().execute("CHECKPOINT");
        }

        @Override
        public String note() {
            return String.format("%,d events over %d days; the import with each day's fingerprint against the import without (%s,"
                    + " benchmark only)%s", result == null ? 0 : result.rows(), scale.size.days(), Bookkeeping.SKIP_INPUT_DAYS,
                    step == null ? "" : "; " + step.describe("the list of its days", withoutSeconds));
        }
    }

    /**
     * The history (validity intervals) of a snapshot table written as one plain SCD2 statement, the
     * textbook way: LAG marks the rows whose key was not seen the loaded day before with the same
     * values, a running sum numbers the versions, and each version ends on the loaded day after its
     * last one (NULL while it is open). Same semantics as the app's history: a day absent from the
     * snapshot table was never observed and does not break a version.
     */
    static String plainHistory(String snapshotTable) {
        return """
                WITH days AS (SELECT snapshot_date AS d, row_number() OVER (ORDER BY snapshot_date) AS dn
                              FROM (SELECT DISTINCT snapshot_date FROM %1$s)),
                marked AS (SELECT s.id, s.name, s.status, days.d, days.dn,
                                  CASE WHEN lag(days.dn) OVER w = days.dn - 1
                                        AND lag(s.name) OVER w IS NOT DISTINCT FROM s.name
                                        AND lag(s.status) OVER w IS NOT DISTINCT FROM s.status THEN 0 ELSE 1 END AS starts
                           FROM %1$s s JOIN days ON s.snapshot_date = days.d
                           WINDOW w AS (PARTITION BY s.id ORDER BY days.dn)),
                numbered AS (SELECT *, sum(starts) OVER (PARTITION BY id ORDER BY dn ROWS UNBOUNDED PRECEDING) AS version
                             FROM marked),
                versions AS (SELECT id, name, status, min(d) AS valid_from, max(dn) AS last_dn
                             FROM numbered GROUP BY id, name, status, version)
                SELECT v.id, v.name, v.status, v.valid_from, n.d AS valid_to
                FROM versions v LEFT JOIN days n ON n.dn = v.last_dn + 1
                """.formatted(snapshotTable);
    }

    private static String historyRows(String table) {
        return "SELECT id, name, status, valid_from, valid_to FROM " + table;
    }

    /** A full build of item_history from every snapshot day, against the plain SCD2 statement. */
    private final class HistoryBuildWorkload implements Workload {
        HistoryResult result;

        @Override
        public String name() {
            return "history_build";
        }

        @Override
        public Target target() {
            return Target.ratio(1.25);
        }

        @Override
        public void prepareApp() throws SQLException {
            db().execute("DROP MACRO TABLE IF EXISTS bench_history_asof");
            db().execute("DROP TABLE IF EXISTS bench_history");
            db().update("DELETE FROM bfs.tables WHERE name = 'bench_history'");
        }

        @Override
        public void runApp() {
            result = new HistoryBuilder(ws).build("item_snapshot", List.of("id"), "bench_history");
        }

        @Override
        public void prepareRaw() throws SQLException {
            db().execute("DROP TABLE IF EXISTS raw_history");
        }

        @Override
        public void runRaw() throws SQLException {
            db().execute("CREATE TABLE raw_history AS " + plainHistory("item_snapshot"));
        }

        @Override
        public void check() throws SQLException {
            requireSameRows(name(), historyRows("bench_history"), historyRows("raw_history"));
        }

        @Override
        public String note() {
            return result == null ? "" : String.format("%,d snapshot rows → %,d history rows (%.1f× smaller)",
                    result.snapshotRows(), result.historyRows(), result.compression());
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
        public Target target() {
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
        public void check() throws SQLException {
            requireSameRows(name(), historyRows("ext_history"), plainHistory("ext_snapshot"));
        }

        @Override
        public String note() {
            return String.format("%.0f%% of a full build of the same history (%.2f s)", 100 * lastSeconds / fullSeconds, fullSeconds);
        }
    }

    /**
     * A snapshot day in the middle replaced (every tenth item's status flipped, then back, round by
     * round) and the history brought up to date: the app's snapshot load with replace and history
     * build, against the raw DELETE + INSERT from the CSV and a full rebuild by the plain statement.
     */
    private final class HistoryRestateWorkload implements Workload {
        private final LocalDate day = first.plusDays(scale.size.days() / 2);
        // where the workspace's DuckDB may write them (its IoFolder), and the raw statements read them
        private final Path[] csvs = {ioFile("restate_original.csv"), ioFile("restate_changed.csv")};
        private int app;
        private int raw;

        @Override
        public String name() {
            return "history_restate";
        }

        /**
         * Restating from the middle day folds the days from it on again (about half of them), so against the
         * load plus a full rebuild it must cost clearly less: at most three quarters.
         */
        @Override
        public Target target() {
            return Target.ratio(0.75);
        }

        private void setUp() throws SQLException {
            if (exists("rs_snapshot")) {
                return;
            }
            String where = " FROM item_snapshot WHERE snapshot_date = DATE '" + day + "'";
            db().execute("COPY (SELECT id, name, status, snapshot_date" + where + ") TO " + Db.literal(csvs[0].toString()) + " (HEADER)");
            db().execute("COPY (SELECT id, name, CASE WHEN id % 10 = 0 THEN CASE status WHEN 'ACTIVE' THEN 'PASSIVE' ELSE 'ACTIVE' END"
                    + " ELSE status END AS status, snapshot_date" + where + ") TO " + Db.literal(csvs[1].toString()) + " (HEADER)");
            db().execute("CREATE TABLE rs_snapshot AS SELECT * FROM item_snapshot");
            db().update("INSERT OR REPLACE INTO bfs.tables (name, kind, date_column) VALUES ('rs_snapshot', 'SNAPSHOT', 'snapshot_date')");
            new HistoryBuilder(ws).build("rs_snapshot", List.of("id"), "rs_history");
            db().execute("CREATE TABLE raw_rs_snapshot AS SELECT * FROM item_snapshot");
            db().execute("CREATE TABLE raw_rs_history AS " + plainHistory("raw_rs_snapshot"));
        }

        @Override
        public void prepareApp() throws SQLException {
            setUp();
            app++;
        }

        /** The load restates rs_history from the day on, inside its own transaction: no separate build. */
        @Override
        public void runApp() {
            new SnapshotLoader(ws).load("rs_snapshot", List.of(csvs[app % 2]), SnapshotDateSource.column("snapshot_date"), true)
                    .forEach(r -> {
                        if (!r.ok()) {
                            throw new IllegalStateException(r.message());
                        }
                    });
        }

        @Override
        public void prepareRaw() throws SQLException {
            setUp();
            raw++;
        }

        @Override
        public void runRaw() throws SQLException {
            db().inTransaction(d -> {
                d.update("DELETE FROM raw_rs_snapshot WHERE snapshot_date = ?", day);
                d.update("INSERT INTO raw_rs_snapshot SELECT * FROM read_csv(" + Db.literal(csvs[raw % 2].toString())
                        + ", header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false,"
                        + " columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'status': 'VARCHAR', 'snapshot_date': 'DATE'})");
                d.execute("CREATE OR REPLACE TABLE raw_rs_history AS " + plainHistory("raw_rs_snapshot"));
                return null;
            });
        }

        @Override
        public void check() throws SQLException {
            requireSameRows(name() + " (snapshot)", "SELECT * FROM rs_snapshot", "SELECT * FROM raw_rs_snapshot");
            requireSameRows(name(), historyRows("rs_history"), historyRows("raw_rs_history"));
        }

        @Override
        public String note() {
            long from = scale.size.days() - java.time.temporal.ChronoUnit.DAYS.between(first, day);
            return String.format("day %s replaced, %d of %d days from it on (%.0f%%); the load restates the history from that day"
                    + " inside its transaction (raw: the day's DELETE + INSERT and a full rebuild by the plain statement)",
                    day, from, scale.size.days(), 100.0 * from / scale.size.days());
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
        public Target target() {
            return Target.ratio(1.05);
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
            Files.deleteIfExists(rawParquet());
        }

        @Override
        public void runRaw() throws SQLException {
            db().update("COPY (SELECT * FROM " + TARGET + " ORDER BY partition_date) TO "
                    + Db.literal(rawParquet().toString()) + " (FORMAT parquet)");
        }

        /** The raw COPY writes where the workspace's DuckDB may write; the app writes there too, then renames into place. */
        private Path rawParquet() {
            return dev.backfillstudio.workspace.IoFolder.get().path().resolve("bench-raw.parquet");
        }

        @Override
        public void check() throws SQLException {
            // the app's file is where the user asked; DuckDB reads it staged in its IoFolder, as the app reads any file
            Path app;
            try {
                app = dev.backfillstudio.workspace.IoFolder.get().stage(dir.resolve("app.parquet"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            try {
                requireSameRows(name(), "SELECT * FROM read_parquet(" + Db.literal(app.toString()) + ")",
                        "SELECT * FROM read_parquet(" + Db.literal(rawParquet().toString()) + ")");
            } finally {
                dev.backfillstudio.workspace.IoFolder.get().release(app);
            }
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
        public Target target() {
            return Target.seconds(0.020);
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
            List<DayInfo> days = new StatusReader(ws).days(JOB, first, first.plusDays(364));
            if (days.size() != 365) {
                throw new IllegalStateException("status_365 read " + days.size() + " days");
            }
        }
    }

    /** The sample workspace, built once, for the workloads that start the app as a user would. */
    private Path sample() {
        Path file = dir.resolve("sample.duckdb");
        if (!Files.exists(file)) {
            try (Workspace w = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
                new DemoBuilder(w).buildSampleWithJobs();
            }
        }
        return file;
    }

    /** {@code java -jar backfill-studio.jar status} on the sample, from a fresh JVM: start-up is most of it. */
    private final class CliStatusWorkload implements Workload {
        private final ChildLaunch launch = new ChildLaunch(dir);

        @Override
        public String name() {
            return "cli_status";
        }

        @Override
        public Target target() {
            return Target.seconds(0.6);
        }

        @Override
        public boolean hasRaw() {
            return false;
        }

        @Override
        public void prepareApp() {
            sample();
        }

        @Override
        public void runApp() throws Exception {
            launch.wallSeconds(List.of("status", "--db", sample().toString(), "--job", SampleData.SNAPSHOT_JOB, "--month", "2024-10"));
        }

        @Override
        public String note() {
            return "wall time of `status --month 2024-10` on the sample, " + launch.how();
        }
    }

    /** The app started on the sample workspace: from the JVM's start to its first drawn frame (headless). */
    private final class WindowUpWorkload implements Workload {
        private final ChildLaunch launch = new ChildLaunch(dir);
        private double seconds = Double.NaN;

        @Override
        public String name() {
            return "window_up";
        }

        @Override
        public Target target() {
            return Target.seconds(2.0);
        }

        @Override
        public boolean hasRaw() {
            return false;
        }

        @Override
        public void prepareApp() {
            sample();
        }

        @Override
        public void runApp() throws Exception {
            seconds = launch.firstFrameSeconds(sample(), dir.resolve("prefs"));
        }

        @Override
        public double measuredSeconds() {
            return seconds;
        }

        @Override
        public String note() {
            return "launch to first frame, Monocle headless with software rendering, " + launch.how();
        }
    }

    /** Rows compared app-against-raw across the run's workloads (0 would mean no check ran). */
    long checkedRows() {
        return checkedRows;
    }
}
