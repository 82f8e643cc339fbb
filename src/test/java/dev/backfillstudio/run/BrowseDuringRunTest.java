package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, concurrency: while a run rewrites every day on its own connection, the app's main
 * connection browses (status, a day's rows, the table list) without errors and sees each day whole,
 * either as the old version wrote it or as the new one does, never half of each; and a second run of
 * the same job, started from another thread meanwhile, is refused with a sentence.
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
    void browsingDuringARunSeesEveryDayWholeAndASecondRunOfTheJobIsRefused() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE work AS SELECT DATE '" + FIRST + "' + i::INTEGER AS day, 1500 + i::INTEGER AS n"
                    + " FROM range(" + DAYS + ") t(i)");
            JobStore jobs = new JobStore(ws);
            jobs.save("slow", "slow_out", sql(1));
            assertThat(new Backfill(ws).run("slow", ALL, RunListener.NONE).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            jobs.save("slow", "slow_out", sql(2));

            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch secondTried = new CountDownLatch(1);
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> new Backfill(ws).run("slow", ALL, new RunListener() {
                @Override
                public void dayStarted(LocalDate day, Progress p) {
                    started.countDown();
                    if (day.equals(FIRST.plusDays(DAYS - 1))) {
                        try {
                            // keep the run alive until the other thread has tried its own
                            secondTried.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> {
                try {
                    new Backfill(ws).run("slow", DaySet.parse(FIRST.toString()), RunListener.NONE);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                } finally {
                    secondTried.countDown();
                }
            });
            assertThat(second.get(30, TimeUnit.SECONDS)).isInstanceOf(BackfillException.class)
                    .hasMessage("Job slow is already running in this workspace; wait for that run to finish or cancel it.");

            int looks = 0;
            boolean sawMixedVersions = false;
            while (!run.isDone() || looks == 0) {
                List<DayInfo> status = new StatusReader(ws).days("slow", FIRST, FIRST.plusDays(DAYS - 1));
                assertThat(status).hasSize(DAYS);
                RowSample rows = new PartitionPreview(ws).rows("slow", FIRST.plusDays(looks % DAYS), 100);
                assertThat(rows.rows()).hasSize(KEYS);
                assertThat(TableCatalog.list(ws.db())).isNotEmpty();
                List<long[]> perDay = ws.db().query("SELECT count(*), count(DISTINCT v), min(v) FROM slow_out GROUP BY partition_date",
                        rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                assertThat(perDay).as("look %d", looks).hasSize(DAYS)
                        .allSatisfy(d -> assertThat(new long[] {d[0], d[1]}).containsExactly(KEYS, 1));
                sawMixedVersions |= perDay.stream().mapToLong(d -> d[2]).distinct().count() > 1;
                looks++;
            }
            assertThat(run.get().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            assertThat(looks).isPositive();
            assertThat(ws.db().queryLong("SELECT count(*) FROM slow_out WHERE v = 2")).isEqualTo((long) KEYS * DAYS);
            // not asserted (timing), but shows the looks did land mid-run: some saw old and new days at once
            System.out.println("BrowseDuringRunTest: " + looks + " looks, mixed versions seen: " + sawMixedVersions);
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
