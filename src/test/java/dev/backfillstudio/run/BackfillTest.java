package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Hammer;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillTest {

    private static final LocalDate D1 = LocalDate.of(2024, 9, 1);
    private static final LocalDate D5 = LocalDate.of(2024, 9, 5);

    @TempDir
    Path dir;
    Workspace ws;
    JobStore jobs;

    @BeforeEach
    void open() {
        ws = Workspaces.sample(dir);
        jobs = new JobStore(ws);
        jobs.save("snap", "snap_out", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
        jobs.save("naive", "naive_out", SampleData.jobSql(SampleData.NAIVE_JOB));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private RunSummary run(String job, String spec) {
        return new Backfill(ws).run(job, DaySet.parse(spec), RunListener.NONE);
    }

    private Map<LocalDate, String> fingerprints(String job, LocalDate from, LocalDate to) {
        Map<LocalDate, String> out = new TreeMap<>();
        for (DayInfo d : new StatusReader(ws).days(job, from, to)) {
            out.put(d.day(), d.fingerprint().orElse(null));
        }
        return out;
    }

    @Test
    void rowsADayHeldWithoutAnyRecordedRunAreReplacedByItsFirstRunNotAddedTo() throws Exception {
        run("snap", "2024-09-02");
        // rows for 2024-09-03 put into the output by hand (or left from before the bookkeeping): no attempt knows them
        ws.db().execute("INSERT INTO snap_out SELECT * FROM snap_out WHERE partition_date = DATE '2024-09-02'");
        ws.db().execute("UPDATE snap_out SET partition_date = DATE '2024-09-03' WHERE rowid IN (SELECT rowid FROM snap_out"
                + " WHERE partition_date = DATE '2024-09-02' LIMIT 5)");
        DayOutcome day = run("snap", "2024-09-03,2024-09-04").days().get(0);
        long expected = ws.db().queryLong("SELECT count(*) FROM item_events e WHERE e.date = DATE '2024-09-03' AND e.item_id IN"
                + " (SELECT id FROM item_snapshot WHERE status = 'ACTIVE' AND snapshot_date = DATE '2024-09-03')");
        assertThat(ws.db().queryLong("SELECT count(*) FROM snap_out WHERE partition_date = DATE '2024-09-03'")).isEqualTo(expected);
        assertThat(day.previousRows()).contains(5L);
        assertThat(day.rows()).isEqualTo(expected);
    }

    @Test
    void rerunningADayTwiceLeavesOneCopyWithTheSameFingerprintAndRowCount() throws Exception {
        RunSummary first = run("snap", "2024-09-03");
        RunSummary second = run("snap", "2024-09-03");
        assertThat(first.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        DayOutcome a = first.days().get(0);
        DayOutcome b = second.days().get(0);
        assertThat(a.rows()).isPositive();
        assertThat(b.rows()).isEqualTo(a.rows());
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(b.previousRows()).contains(a.rows());
        assertThat(b.added()).contains(0L);
        assertThat(b.removed()).contains(0L);
        assertThat(ws.db().queryLong("SELECT count(*) FROM snap_out WHERE partition_date = DATE '2024-09-03'")).isEqualTo(a.rows());
        assertThat(ws.db().queryLong("SELECT count(*) - count(DISTINCT event_id) FROM snap_out")).isZero();
        long expected = ws.db().queryLong("SELECT count(*) FROM item_events e WHERE e.date = DATE '2024-09-03' AND e.item_id IN"
                + " (SELECT id FROM item_snapshot WHERE status = 'ACTIVE' AND snapshot_date = DATE '2024-09-03')");
        assertThat(a.rows()).isEqualTo(expected);
        DayInfo info = new StatusReader(ws).days("snap", LocalDate.of(2024, 9, 3), LocalDate.of(2024, 9, 3)).get(0);
        assertThat(info.status()).isEqualTo(DayStatus.SUCCEEDED);
        assertThat(info.version()).contains(1);
        assertThat(info.rows()).contains(a.rows());
        assertThat(info.fingerprint()).isEqualTo(a.fingerprint());
    }

    @Test
    void afterTheCurrentItemTableChangesTheSnapshotJobReproducesWhileTheNaiveJobDrifts() throws Exception {
        run("snap", "2024-09-01..2024-09-10");
        run("naive", "2024-09-01..2024-09-10");
        Map<LocalDate, String> snapBefore = fingerprints("snap", D1, LocalDate.of(2024, 9, 10));
        Map<LocalDate, String> naiveBefore = fingerprints("naive", D1, LocalDate.of(2024, 9, 10));

        ws.db().update("UPDATE item SET status = CASE status WHEN 'ACTIVE' THEN 'PASSIVE' ELSE 'ACTIVE' END WHERE id % 3 = 0");
        run("snap", "2024-09-01..2024-09-10");
        run("naive", "2024-09-01..2024-09-10");

        assertThat(fingerprints("snap", D1, LocalDate.of(2024, 9, 10))).isEqualTo(snapBefore);
        Map<LocalDate, String> naiveAfter = fingerprints("naive", D1, LocalDate.of(2024, 9, 10));
        for (LocalDate d : naiveBefore.keySet()) {
            assertThat(naiveAfter.get(d)).as(d.toString()).isNotEqualTo(naiveBefore.get(d));
        }
    }

    @Test
    void aNewVersionTurnsEarlierDaysStaleAndOnlyThoseAreSelectedAsStale() {
        run("snap", "2024-09-01..2024-09-03");
        jobs.save("snap", "snap_out", SampleData.jobSql(SampleData.SNAPSHOT_JOB) + "\n  AND e.kind <> 'nothing'");
        run("snap", "2024-09-03..2024-09-04");
        StatusReader status = new StatusReader(ws);
        List<DayInfo> days = status.days("snap", D1, D5);
        assertThat(days).extracting(DayInfo::status).containsExactly(DayStatus.STALE, DayStatus.STALE,
                DayStatus.SUCCEEDED, DayStatus.SUCCEEDED, DayStatus.MISSING);
        assertThat(days.get(0).version()).contains(1);
        assertThat(days.get(2).version()).contains(2);
        DaySet stale = status.daysWith("snap", DayStatus.STALE, D1, D5);
        assertThat(stale.toString()).isEqualTo("2024-09-01..2024-09-02");

        RunSummary rerun = new Backfill(ws).run("snap", stale, RunListener.NONE);
        assertThat(rerun.version()).isEqualTo(2);
        assertThat(rerun.days()).extracting(DayOutcome::day).containsExactly(D1, LocalDate.of(2024, 9, 2));
        assertThat(status.daysWith("snap", DayStatus.STALE, D1, D5).isEmpty()).isTrue();
    }

    @Test
    void aNewVersionAddingAColumnWidensTheTargetAndOneDroppingAColumnIsRefused() throws Exception {
        jobs.save("narrow", "narrow_out", "SELECT e.event_id FROM item_events e WHERE e.date = {DATE}");
        run("narrow", "2024-09-01");
        jobs.save("narrow", "narrow_out", "SELECT e.event_id, e.kind FROM item_events e WHERE e.date = {DATE}");
        assertThat(run("narrow", "2024-09-02").outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(ws.db().queryLong("SELECT count(kind) FROM narrow_out WHERE partition_date = DATE '2024-09-02'")).isPositive();
        assertThat(ws.db().queryLong("SELECT count(kind) FROM narrow_out WHERE partition_date = DATE '2024-09-01'")).isZero();

        jobs.save("narrow", "narrow_out", "SELECT e.kind FROM item_events e WHERE e.date = {DATE}");
        assertThatThrownBy(() -> run("narrow", "2024-09-03"))
                .hasMessage("Version 3 of job narrow no longer returns column event_id that narrow_out holds; return it again,"
                        + " save the query as a new job with a new target, or drop table narrow_out and rerun every day.");
        jobs.save("narrow", "narrow_out", "SELECT e.event_id::VARCHAR AS event_id, e.kind FROM item_events e WHERE e.date = {DATE}");
        assertThatThrownBy(() -> run("narrow", "2024-09-03"))
                .hasMessageContaining("returns column event_id as VARCHAR but narrow_out stores it as BIGINT");
        assertThat(new RunHistory(ws).runs("narrow")).hasSize(2);
    }

    @Test
    void aFailingDayKeepsItsOldRowsAndShowsFailedWithTheKeptVersion() throws Exception {
        ws.db().execute("CREATE TABLE control AS SELECT '1' AS v");
        jobs.save("ctl", "ctl_out", "SELECT e.event_id, (SELECT v FROM control)::INTEGER AS one FROM item_events e WHERE e.date = {DATE}");
        RunSummary ok = run("ctl", "2024-09-01..2024-09-02");
        long rows = ok.days().get(0).rows();
        ws.db().update("UPDATE control SET v = 'x'");

        RunSummary bad = run("ctl", "2024-09-01..2024-09-02");
        assertThat(bad.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(bad.days()).extracting(DayOutcome::status).containsExactly(DayStatus.FAILED, DayStatus.FAILED);
        assertThat(bad.days().get(0).error().orElseThrow()).startsWith("Conversion Error:").doesNotContain("\n");
        assertThat(ws.db().queryLong("SELECT count(*) FROM ctl_out WHERE partition_date = DATE '2024-09-01'")).isEqualTo(rows);

        DayInfo info = new StatusReader(ws).days("ctl", D1, D1).get(0);
        assertThat(info.status()).isEqualTo(DayStatus.FAILED);
        assertThat(info.version()).contains(1);
        assertThat(info.rows()).contains(rows);
        assertThat(info.error().orElseThrow()).startsWith("Conversion Error:");
        assertThat(new RunHistory(ws).attempts("ctl", D1)).extracting(RunHistory.Attempt::outcome)
                .containsExactly(DayStatus.FAILED, DayStatus.SUCCEEDED);

        // the job's days overlap, so the second may have run by the time the first fails: it is rolled back, unrecorded
        int secondDayAttempts = new RunHistory(ws).attempts("ctl", D1.plusDays(1)).size();
        RunSummary failFast = new Backfill(ws).run("ctl", DaySet.parse("2024-09-01..2024-09-02"), RunListener.NONE, true);
        assertThat(failFast.days()).hasSize(1);
        assertThat(failFast.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(new RunHistory(ws).attempts("ctl", D1.plusDays(1))).hasSize(secondDayAttempts);
    }

    @Test
    void aDayWithoutItsSnapshotFailsWithTheSentenceAndKeepsEarlierOutputAndIsFlaggedBeforeAnyRun() throws Exception {
        LocalDate oct12 = LocalDate.of(2024, 10, 12);
        LocalDate oct13 = LocalDate.of(2024, 10, 13);
        List<DayInfo> before = new StatusReader(ws).days("snap", oct12, LocalDate.of(2024, 10, 14));
        assertThat(before).extracting(DayInfo::inputMissing).containsExactly(false, true, false);
        assertThat(new StatusReader(ws).days("naive", oct13, oct13).get(0).inputMissing()).isFalse();
        assertThat(RerunPlan.of(ws, "snap", DaySet.parse("2024-10-13")).days().get(0).inputMissing()).isTrue();

        RunSummary r = run("snap", "2024-10-12..2024-10-14");
        assertThat(r.days()).extracting(DayOutcome::status).containsExactly(DayStatus.SUCCEEDED, DayStatus.FAILED, DayStatus.SUCCEEDED);
        assertThat(r.days().get(1).error()).contains("item_snapshot has no snapshot for 2024-10-13");

        long rows12 = r.days().get(0).rows();
        ws.db().update("DELETE FROM item_snapshot WHERE snapshot_date = ?", oct12);
        RunSummary again = run("snap", "2024-10-12");
        assertThat(again.days().get(0).error()).contains("item_snapshot has no snapshot for 2024-10-12");
        assertThat(ws.db().queryLong("SELECT count(*) FROM snap_out WHERE partition_date = ?", oct12)).isEqualTo(rows12);
        DayInfo info = new StatusReader(ws).days("snap", oct12, oct12).get(0);
        assertThat(info.status()).isEqualTo(DayStatus.FAILED);
        assertThat(info.inputMissing()).isTrue();
        assertThat(info.rows()).contains(rows12);
    }

    @Test
    void cancelBetweenDaysKeepsFinishedDaysAndRecordsTheRunCancelled() throws Exception {
        Backfill backfill = new Backfill(ws);
        List<LocalDate> finished = new ArrayList<>();
        RunSummary r = backfill.run("snap", DaySet.parse("2024-09-01..2024-09-05"), new RunListener() {
            @Override
            public void dayFinished(DayOutcome outcome, Progress p) {
                finished.add(outcome.day());
                if (p.done() == 2) {
                    backfill.cancel();
                }
            }
        });
        assertThat(r.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(finished).containsExactly(D1, LocalDate.of(2024, 9, 2));
        assertThat(new StatusReader(ws).days("snap", D1, D5)).extracting(DayInfo::status).containsExactly(
                DayStatus.SUCCEEDED, DayStatus.SUCCEEDED, DayStatus.MISSING, DayStatus.MISSING, DayStatus.MISSING);
        assertThat(new RunHistory(ws).runs("snap").get(0).outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(ws.db().queryLong("SELECT count(DISTINCT partition_date) FROM snap_out")).isEqualTo(2);
    }

    @Test
    void aCancelArrivingBeforeTheFirstDaySaysSoAndChangesNoDay() throws Exception {
        run("snap", "2024-09-01..2024-09-03");
        Map<LocalDate, String> before = fingerprints("snap", D1, D5);
        Backfill backfill = new Backfill(ws);
        // Ctrl-C pressed again and again from before the run begins: its steps before the first day are exposed to it
        Hammer hammer = Hammer.start(backfill::cancel);
        try {
            RunSummary r = backfill.run("snap", DaySet.parse("2024-09-01..2024-09-05"), new RunListener() {
                @Override
                public void runStarted(long runId, List<LocalDate> days) {
                    hammer.stop();
                }
            });
            // the cancel may also land once the run is recorded: then it is a cancelled run of no day
            assertThat(r.outcome()).isEqualTo(RunOutcome.CANCELLED);
            assertThat(r.days()).isEmpty();
            assertThat(new RunHistory(ws).run(r.runId()).orElseThrow().outcome()).isEqualTo(RunOutcome.CANCELLED);
        } catch (dev.backfillstudio.workspace.BackfillException e) {
            assertThat(e.getMessage()).isEqualTo("The run of job snap was cancelled before its first day; no day changed.");
        } finally {
            hammer.close();
        }
        assertThat(fingerprints("snap", D1, D5)).isEqualTo(before);
        assertThat(new RunHistory(ws).runs("snap")).extracting(RunHistory.RunRecord::outcome).doesNotContain(RunOutcome.RUNNING);
    }

    @Test
    void aCancelArrivingWhileTheRunClosesLeavesItsOutcomeRecordedAndItsKeptRowsSettled() throws Exception {
        ws.db().execute("CREATE TABLE sales AS SELECT DATE '2024-09-01' + d::INTEGER AS day, k::INTEGER AS k,"
                + " (d * 100 + k)::INTEGER AS amount FROM range(5) a(d), range(10) b(k)");
        jobs.save("sales", "sales_out", "SELECT k, amount FROM sales WHERE day = {DATE}");
        run("sales", "2024-09-01..2024-09-05");
        // a new version changes every day, so the rerun copies their rows ahead and settles that copy as it closes
        jobs.save("sales", "sales_out", "SELECT k, amount * 2 AS amount FROM sales WHERE day = {DATE}");
        Backfill backfill = new Backfill(ws);
        Hammer[] hammer = new Hammer[1];
        RunSummary r = backfill.run("sales", DaySet.parse("2024-09-01..2024-09-05"), new RunListener() {
            @Override
            public void dayFinished(DayOutcome outcome, Progress p) {
                if (p.done() == 5) {
                    // Ctrl-C pressed again and again from the last day on: every closing statement is exposed to one
                    hammer[0] = Hammer.start(backfill::cancel);
                }
            }

            @Override
            public void runFinished(RunSummary summary) {
                hammer[0].stop();
            }
        });
        hammer[0].close();
        RunHistory.RunRecord recorded = new RunHistory(ws).runs("sales").get(0);
        assertThat(recorded.runId()).isEqualTo(r.runId());
        assertThat(recorded.outcome()).isEqualTo(r.outcome());
        assertThat(recorded.ended()).isPresent();
        assertThat(r.days()).extracting(DayOutcome::status).containsOnly(DayStatus.SUCCEEDED);
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_ahead")).isZero();
        assertThat(ws.db().queryLong("SELECT count(DISTINCT day) FROM bfs.kept WHERE job = 'sales'")).isEqualTo(5);
    }

    @Test
    void cancelInsideASlowQueryRollsBackTheDayInFlightAndKeepsItsOldRows() throws Exception {
        ws.db().execute("CREATE TABLE work AS SELECT DATE '2024-09-01' + i::INTEGER AS day, 10 AS n FROM range(3) t(i)");
        jobs.save("slow", "slow_out", "SELECT w.day AS d, a.range % 5 AS k, count(*) AS c"
                + " FROM work w, range(w.n) a, range(w.n) b WHERE w.day = {DATE} GROUP BY ALL");
        run("slow", "2024-09-03");
        ws.db().update("UPDATE work SET n = 5000000 WHERE day = DATE '2024-09-03'");
        Backfill backfill = new Backfill(ws);
        Progress[] progress = new Progress[1];
        Thread[] canceller = new Thread[1];
        long t0 = System.nanoTime();
        RunSummary r = backfill.run("slow", DaySet.parse("2024-09-01..2024-09-03"), new RunListener() {
            @Override
            public void dayFinished(DayOutcome outcome, Progress p) {
                progress[0] = p;
            }

            @Override
            public void dayStarted(LocalDate day, Progress p) {
                if (day.equals(LocalDate.of(2024, 9, 3))) {
                    canceller[0] = new Thread(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException ignored) {
                            return;
                        }
                        backfill.cancel();
                    });
                    canceller[0].start();
                }
            }
        });
        canceller[0].join();
        assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L);
        assertThat(r.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(r.days()).extracting(DayOutcome::day).containsExactly(D1, LocalDate.of(2024, 9, 2));
        assertThat(progress[0].done()).isEqualTo(2);
        assertThat(progress[0].remaining()).isPresent();
        assertThat(ws.db().queryLong("SELECT sum(c) FROM slow_out WHERE partition_date = DATE '2024-09-03'")).isEqualTo(100);
        DayInfo d3 = new StatusReader(ws).days("slow", LocalDate.of(2024, 9, 3), LocalDate.of(2024, 9, 3)).get(0);
        // its old rows stay; they were computed from work as it was before the UPDATE, so the day is stale
        assertThat(d3.status()).isEqualTo(DayStatus.STALE);
        assertThat(d3.reasons()).extracting(StaleReason::table).containsExactly(Optional.of("work"));
        assertThat(new RunHistory(ws).attempts("slow", LocalDate.of(2024, 9, 3))).hasSize(1);
        assertThat(new RunHistory(ws).runs("slow").get(0).outcome()).isEqualTo(RunOutcome.CANCELLED);
    }

    @Test
    void aSecondRunOfTheSameJobWhileOneIsUnderWayIsRefusedAndShowsRunningAndQueuedDays() throws Exception {
        Backfill backfill = new Backfill(ws);
        List<List<DayInfo>> seen = new ArrayList<>();
        String[] refusal = new String[1];
        backfill.run("snap", DaySet.parse("2024-09-01..2024-09-03"), new RunListener() {
            @Override
            public void dayStarted(LocalDate day, Progress p) {
                if (day.equals(LocalDate.of(2024, 9, 2))) {
                    seen.add(new StatusReader(ws).days("snap", D1, LocalDate.of(2024, 9, 4)));
                    try {
                        new Backfill(ws).run("snap", DaySet.parse("2024-09-05"), RunListener.NONE);
                    } catch (RuntimeException e) {
                        refusal[0] = e.getMessage();
                    }
                }
            }
        });
        // the job reads only its inputs, so its days overlap: the first is still computing when the second starts
        assertThat(seen.get(0)).extracting(DayInfo::status).containsExactly(DayStatus.RUNNING, DayStatus.RUNNING,
                DayStatus.QUEUED, DayStatus.MISSING);
        assertThat(refusal[0]).isEqualTo("Job snap is already running in this workspace; wait for that run to finish or cancel it.");
        assertThat(new Backfill(ws).run("snap", DaySet.parse("2024-09-05"), RunListener.NONE).outcome())
                .isEqualTo(RunOutcome.SUCCEEDED);
    }

    @Test
    void aRunLeftRunningIsMarkedInterruptedWhenTheWorkspaceIsOpenedAgain() throws Exception {
        ws.db().update("INSERT INTO bfs.runs (run_id, job, version, days, started_at, ended_at, outcome) VALUES (99, 'snap', 1, '2024-09-01', current_localtimestamp(), NULL, 'RUNNING')");
        ws.close();
        ws = Workspace.open(dir.resolve("w.duckdb"));
        RunHistory.RunRecord r = new RunHistory(ws).runs("snap").get(0);
        assertThat(r.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(r.ended()).isPresent();
        assertThat(new StatusReader(ws).days("snap", D1, D1).get(0).status()).isEqualTo(DayStatus.MISSING);
    }

    @Test
    void theHistoryKeepsEveryRunAndAttemptNewestFirstAndTheKnownRangeCoversSnapshotsAndRuns() {
        run("snap", "2024-09-02");
        run("snap", "2024-09-02");
        List<RunHistory.RunRecord> runs = new RunHistory(ws).runs("snap");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).runId()).isGreaterThan(runs.get(1).runId());
        assertThat(runs.get(0).days()).isEqualTo("2024-09-02");
        assertThat(runs.get(0).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        List<RunHistory.Attempt> attempts = new RunHistory(ws).attempts("snap", LocalDate.of(2024, 9, 2));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).runId()).isEqualTo(runs.get(0).runId());
        assertThat(attempts.get(0).rows()).isPresent();
        assertThat(attempts.get(0).previousRows()).isEqualTo(attempts.get(1).rows());
        Optional<LocalDate[]> range = new StatusReader(ws).knownRange("snap");
        assertThat(range.orElseThrow()).containsExactly(SampleData.FIRST_DAY, SampleData.LAST_DAY);
        assertThat(new StatusReader(ws).knownRange("naive")).isEmpty();
    }

    @Test
    void aRerunPlanSaysWhichDaysReplaceStoredRowsWithWhichVersionAndTheSqlOfEachDay() {
        RunSummary r = run("snap", "2024-09-01");
        List<RerunPlan.PlannedDay> plan = RerunPlan.of(ws, "snap", DaySet.parse("2024-09-01..2024-09-02")).days();
        String sql = jobs.version("snap", 1).sql();
        assertThat(plan).containsExactly(
                new RerunPlan.PlannedDay(D1, true, r.days().get(0).rows(), 1, false,
                        sql.strip().replaceAll(";$", "").replace("{DATE}", "DATE '2024-09-01'")),
                new RerunPlan.PlannedDay(LocalDate.of(2024, 9, 2), false, 0, 1, false,
                        sql.strip().replaceAll(";$", "").replace("{DATE}", "DATE '2024-09-02'")));
        assertThat(plan.get(0).sql()).doesNotContain("{DATE}").contains("DATE '2024-09-01'");
    }

    @Test
    void aQueryEndingInASemicolonAndACommentRunsAndTheTargetGetsPartitionDate() throws Exception {
        jobs.save("semi", "semi_out", "SELECT e.event_id FROM item_events e WHERE e.date = {DATE}; \n-- the end");
        assertThat(run("semi", "2024-09-01").outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(ws.db().query("SELECT column_name FROM duckdb_columns() WHERE table_name = 'semi_out' ORDER BY column_index",
                rs -> rs.getString(1))).containsExactly("event_id", "partition_date");
    }
}
