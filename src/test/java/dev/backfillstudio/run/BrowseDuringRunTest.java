package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrency: while a run rewrites every day on its own connection, the app's main connection
 * browses (status, a day's rows, the table list) without errors and sees each day whole, either as
 * the old version wrote it or as the new one does, never half of each; and a second run of the same
 * job, started from another thread meanwhile, is refused with a sentence. The run is held after a
 * given day (its listener waits), so the looks land mid-run for certain.
 */
class BrowseDuringRunTest {

    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final int DAYS = 12;
    static final int KEYS = 5;
    static final DaySet ALL = DaySet.parse(FIRST + ".." + FIRST.plusDays(DAYS - 1));

    @TempDir
    Path dir;

    /** Tens of milliseconds of work per day inside DuckDB; {@code v} marks the version that wrote a row. */
    static String sql(int v) {
        return "SELECT w.day AS d, a.range % " + KEYS + " AS k, count(*) AS c, " + v + " AS v"
                + " FROM work w, range(w.n) a, range(w.n) b WHERE w.day = {DATE} GROUP BY ALL";
    }

    @Test
    void browsingARunHeldMidwaySeesTheFinishedDaysNewAndTheRestOldEachWholeAndASecondRunIsRefused() throws Exception {
        int held = DAYS / 2;
        LocalDate lastNew = FIRST.plusDays(held - 1);
        try (Workspace ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE work AS SELECT DATE '" + FIRST + "' + i::INTEGER AS day, 1500 + i::INTEGER AS n"
                    + " FROM range(" + DAYS + ") t(i)");
            JobStore jobs = new JobStore(ws);
            jobs.save("slow", "slow_out", sql(1));
            assertThat(new Backfill(ws).run("slow", ALL, RunListener.NONE).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            jobs.save("slow", "slow_out", sql(2));

            // the run stops after its sixth committed day until the looks below are done
            CountDownLatch reachedHold = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> new Backfill(ws).run("slow", ALL, new RunListener() {
                @Override
                public void dayFinished(DayOutcome outcome, Progress p) {
                    if (outcome.day().equals(lastNew)) {
                        reachedHold.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }));
            try {
                assertThat(reachedHold.await(60, TimeUnit.SECONDS)).as("the run reached day " + lastNew).isTrue();
                assertThat(run).isNotDone();

                assertThatThrownBy(() -> CompletableFuture.runAsync(
                        () -> new Backfill(ws).run("slow", DaySet.parse(FIRST.toString()), RunListener.NONE)).join())
                        .hasRootCauseInstanceOf(BackfillException.class)
                        .hasRootCauseMessage("Job slow is already running in this workspace; wait for that run to finish or cancel it.");

                // the output table: each day whole (all KEYS rows of one version), the held run's days new, the rest old
                List<long[]> perDay = ws.db().query("SELECT count(*), count(DISTINCT v), min(v) FROM slow_out"
                        + " GROUP BY partition_date ORDER BY partition_date", rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                assertThat(perDay).hasSize(DAYS);
                for (int i = 0; i < DAYS; i++) {
                    assertThat(perDay.get(i)).as(FIRST.plusDays(i).toString()).containsExactly(KEYS, 1, i < held ? 2 : 1);
                }
                // the status, as the calendar reads it: done days succeeded on version 2, the days being computed
                // RUNNING (the next few, whose rows the output above did not show yet: the job's days overlap) and the
                // ones after them QUEUED
                List<DayInfo> status = new StatusReader(ws).days("slow", FIRST, FIRST.plusDays(DAYS - 1));
                assertThat(status).hasSize(DAYS);
                List<DayStatus> after = new ArrayList<>();
                for (DayInfo d : status) {
                    if (!d.day().isAfter(lastNew)) {
                        assertThat(d.status()).as(d.day().toString()).isEqualTo(DayStatus.SUCCEEDED);
                        assertThat(d.version()).as(d.day().toString()).contains(2);
                        assertThat(d.rows()).as(d.day().toString()).contains((long) KEYS);
                    } else {
                        after.add(d.status());
                    }
                }
                int running = after.lastIndexOf(DayStatus.RUNNING) + 1;
                assertThat(running).as("days computing after " + lastNew).isBetween(2, DAYS - held - 1);
                assertThat(after.subList(0, running)).containsOnly(DayStatus.RUNNING);
                assertThat(after.subList(running, after.size())).containsOnly(DayStatus.QUEUED);
                // a day's rows, as the day detail previews them
                assertThat(new PartitionPreview(ws).rows("slow", FIRST, 100).rows()).hasSize(KEYS);
                assertThat(new PartitionPreview(ws).rows("slow", FIRST.plusDays(DAYS - 1), 100).rows()).hasSize(KEYS);
                assertThat(TableCatalog.list(ws.db())).isNotEmpty();
            } finally {
                release.countDown();
            }
            assertThat(run.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            assertThat(ws.db().queryLong("SELECT count(*) FROM slow_out WHERE v = 2")).isEqualTo((long) KEYS * DAYS);
            assertThat(ws.db().queryLong("SELECT count(*) FROM slow_out")).isEqualTo((long) KEYS * DAYS);
        }
    }

    @Test
    void aSecondRunFromAnotherThreadAfterTheFirstEndsIsAccepted() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w2.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE work AS SELECT DATE '" + FIRST + "' AS day, 10 AS n");
            new JobStore(ws).save("slow", "slow_out", sql(1));
            RunSummary first = CompletableFuture.supplyAsync(() -> new Backfill(ws).run("slow", DaySet.parse(FIRST.toString()),
                    RunListener.NONE)).get(30, TimeUnit.SECONDS);
            RunSummary again = CompletableFuture.supplyAsync(() -> new Backfill(ws).run("slow", DaySet.parse(FIRST.toString()),
                    RunListener.NONE)).get(30, TimeUnit.SECONDS);
            assertThat(List.of(first.outcome(), again.outcome())).containsOnly(RunOutcome.SUCCEEDED);
            assertThat(ws.db().queryLong("SELECT count(*) FROM slow_out")).isEqualTo(KEYS);
            assertThatThrownBy(() -> new PartitionPreview(ws).rows("nope", FIRST, 1)).isInstanceOf(BackfillException.class);
        }
    }
}
