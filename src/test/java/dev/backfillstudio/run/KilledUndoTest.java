package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.support.RestoreChild;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 during an undo or a restore: every day holds either the rows it held before or those it was being
 * given back, whole, with the attempt that says so; the kept rows match their index; doing it again finishes.
 */
class KilledUndoTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 5, 1);
    private static final int DAYS = 8;
    private static final DaySet ALL = DaySet.range(FIRST, FIRST.plusDays(DAYS - 1));
    /** Rows per day: enough that putting a day back takes a good part of a second. */
    private static final int ROWS = 400_000;

    @TempDir
    Path dir;

    private record Setup(Path file, long firstRun, long secondRun, Map<LocalDate, String> before, Map<LocalDate, String> after) {
    }

    private Setup workspace() throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            JobStore jobs = new JobStore(ws);
            jobs.save("big", "big_out", "SELECT r.range AS k, hash(r.range, {DATE}) AS v FROM range(" + ROWS + ") r");
            long first = new Backfill(ws).run("big", ALL, RunListener.NONE).runId();
            Map<LocalDate, String> before = stored(ws);
            jobs.save("big", "big_out", "SELECT r.range AS k, hash(r.range, {DATE}, 2) AS v FROM range(" + ROWS + ") r");
            long second = new Backfill(ws).run("big", ALL, RunListener.NONE).runId();
            return new Setup(file, first, second, before, stored(ws));
        }
    }

    /** Each day's stored rows, fingerprinted, after checking the recorded fingerprint says the same. */
    private static Map<LocalDate, String> stored(Workspace ws) throws Exception {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        for (DayInfo d : new StatusReader(ws).days("big", FIRST, FIRST.plusDays(DAYS - 1))) {
            Fingerprint f = Fingerprint.ofDay(ws.db(), "big_out", d.day());
            assertThat(d.fingerprint()).as("recorded fingerprint of " + d.day()).contains(f.hash());
            out.put(d.day(), f.hash());
        }
        return out;
    }

    /** Every kept set is whole (its rows as its index says) and no kept row lacks its index entry. */
    private static void keptRowsAreWhole(Workspace ws) throws Exception {
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept k LEFT JOIN (SELECT bfs_kept_attempt, partition_date,"
                + " count(*) AS n FROM bfs.kept_big_out GROUP BY ALL) r ON r.bfs_kept_attempt = k.attempt"
                + " AND r.partition_date = k.day WHERE r.n IS DISTINCT FROM k.rows")).isZero();
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_big_out r ANTI JOIN bfs.kept k"
                + " ON r.bfs_kept_attempt = k.attempt AND r.partition_date = k.day")).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 13})
    void anUndoKilledMidwayLeavesEveryDayWholeOldOrNewAndUndoingAgainFinishes(long given) throws Exception {
        long seed = Long.getLong("kill.seed", given);
        SplittableRandom random = new SplittableRandom(seed);
        int killAfter = random.nextInt(4);
        Setup s = workspace();
        try (ChildJvm child = ChildJvm.start(RestoreChild.class, "undo", s.file().toString(), Long.toString(s.secondRun()))) {
            child.awaitLine("started");
            for (int i = 0; i < killAfter; i++) {
                assertThat(child.readLine()).as("seed " + seed).startsWith("done ");
            }
            Thread.sleep(random.nextInt(150));
            child.kill();
        }
        try (Workspace ws = Workspace.open(s.file())) {
            Map<LocalDate, String> now = stored(ws);
            now.forEach((day, fp) -> assertThat(fp).as("seed " + seed + ", " + day).isIn(s.before().get(day), s.after().get(day)));
            assertThat(now.values().stream().filter(fp -> s.before().containsValue(fp)).count()).as("seed " + seed)
                    .isGreaterThanOrEqualTo(killAfter).isLessThan(DAYS);
            keptRowsAreWhole(ws);

            assertThat(new Restorer(ws).undo(s.secondRun(), RunListener.NONE).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            assertThat(stored(ws)).isEqualTo(s.before());
            keptRowsAreWhole(ws);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2, 7})
    void aRestoreKilledMidwayLeavesTheDayWholeOldOrNewAndRestoringAgainFinishes(long given) throws Exception {
        long seed = Long.getLong("kill.seed", given);
        SplittableRandom random = new SplittableRandom(seed);
        Setup s = workspace();
        LocalDate day = FIRST.plusDays(3);
        try (ChildJvm child = ChildJvm.start(RestoreChild.class, "restore", s.file().toString(), "big", day.toString(),
                Long.toString(s.firstRun()))) {
            child.awaitLine("started");
            Thread.sleep(random.nextInt(250));
            child.kill();
        }
        try (Workspace ws = Workspace.open(s.file())) {
            Map<LocalDate, String> now = stored(ws);
            assertThat(now.get(day)).as("seed " + seed).isIn(s.before().get(day), s.after().get(day));
            now.forEach((d, fp) -> assertThat(fp).isEqualTo(d.equals(day) ? now.get(day) : s.after().get(d)));
            keptRowsAreWhole(ws);

            new Restorer(ws).restore("big", day, s.firstRun(), RunListener.NONE);
            assertThat(stored(ws).get(day)).isEqualTo(s.before().get(day));
            keptRowsAreWhole(ws);
        }
    }
}
