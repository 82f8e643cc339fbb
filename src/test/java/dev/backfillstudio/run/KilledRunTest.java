package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.BackfillChild;
import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KilledRunTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 30;
    private static final String SPEC = FIRST + ".." + FIRST.plusDays(DAYS - 1);
    private static final int KEYS = 5;

    @TempDir
    Path dir;

    /** A job whose every day costs tens of milliseconds inside DuckDB, so a kill lands mid-transaction. */
    private static Path workspace(Path folder) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve("w.duckdb");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE work AS SELECT DATE '" + FIRST + "' + i::INTEGER AS day, 2000 + i::INTEGER AS n"
                    + " FROM range(" + DAYS + ") t(i)");
            new JobStore(ws).save("slow", "slow_out", sql(1));
        }
        return file;
    }

    /** Version {@code v} of the job: every row's count is multiplied by v, so two versions differ on every day. */
    private static String sql(int v) {
        return "SELECT w.day AS d, a.range % " + KEYS + " AS k, count(*) * " + v + " AS c"
                + " FROM work w, range(w.n) a, range(w.n) b WHERE w.day = {DATE} GROUP BY ALL";
    }

    /** Runs job slow over SPEC in a child JVM and kills it (kill -9) once it has finished {@code days} days. */
    private static void killAfterDays(Path file, int days, long seed) throws Exception {
        try (ChildJvm child = ChildJvm.start(BackfillChild.class, file.toString(), "slow", SPEC)) {
            for (int i = 0; i < days; i++) {
                assertThat(child.readLine()).as("seed " + seed).startsWith("done ");
            }
            child.kill();
        }
    }

    /** Several seeded kill points; {@code -Dkill.seed=N} replays the one a failure names. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 8, 21})
    void aRunKilledMidwayLeavesNoHalfDayNoDuplicateIsShownInterruptedAndRerunningTheMissingDaysMatchesAnUnbrokenRun(long given)
            throws Exception {
        long seed = Long.getLong("kill.seed", given);
        int killAfter = 2 + new SplittableRandom(seed).nextInt(8);
        Path file = workspace(dir.resolve("killed"));
        killAfterDays(file, killAfter, seed);

        Map<LocalDate, String> recovered;
        try (Workspace ws = Workspace.open(file)) {
            assertThat(new RunHistory(ws).runs("slow").get(0).outcome()).as("seed " + seed).isEqualTo(RunOutcome.INTERRUPTED);
            List<long[]> perDay = ws.db().query("SELECT count(*), count(DISTINCT k) FROM slow_out GROUP BY partition_date",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)});
            assertThat(perDay).allSatisfy(d -> assertThat(d).containsExactly(KEYS, KEYS));
            assertThat(perDay.size()).as("seed " + seed).isGreaterThanOrEqualTo(killAfter).isLessThan(DAYS);
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.partitions p FULL JOIN"
                    + " (SELECT partition_date, count(*) AS n FROM slow_out GROUP BY ALL) o ON o.partition_date = p.day"
                    + " WHERE p.rows IS DISTINCT FROM o.n")).isZero();
            StatusReader status = new StatusReader(ws);
            DaySet missing = status.daysWith("slow", DayStatus.MISSING, FIRST, FIRST.plusDays(DAYS - 1));
            assertThat(missing.size()).isEqualTo(DAYS - perDay.size());
            RunSummary rerun = new Backfill(ws).run("slow", missing, RunListener.NONE);
            assertThat(rerun.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            recovered = fingerprints(status);
        }

        Path unbroken = workspace(dir.resolve("unbroken"));
        try (Workspace ws = Workspace.open(unbroken)) {
            new Backfill(ws).run("slow", DaySet.parse(SPEC), RunListener.NONE);
            assertThat(fingerprints(new StatusReader(ws))).isEqualTo(recovered);
        }
    }

    private static Map<LocalDate, String> fingerprints(StatusReader status) {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        for (DayInfo d : status.days("slow", FIRST, FIRST.plusDays(DAYS - 1))) {
            assertThat(d.status()).isEqualTo(DayStatus.SUCCEEDED);
            out.put(d.day(), d.fingerprint().orElseThrow() + "/" + d.rows().orElseThrow());
        }
        return out;
    }

    /**
     * A rerun with a new version replaces every day; killed while it does, each day must hold either
     * all its old rows or all its new ones, and the fingerprint recorded for the day must be the one
     * of the rows it holds (old rows keep the old attempt, new rows the new one).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 13})
    void aRerunKilledWhileReplacingDaysLeavesEachDayWhollyOldOrNewWithTheFingerprintOfItsRows(long given) throws Exception {
        long seed = Long.getLong("kill.seed", given);
        int killAfter = 2 + new SplittableRandom(seed).nextInt(8);
        Map<LocalDate, Fingerprint> v1 = unbroken(dir.resolve("v1"), 1);
        Map<LocalDate, Fingerprint> v2 = unbroken(dir.resolve("v2"), 2);
        assertThat(v1).allSatisfy((day, fp) -> assertThat(fp).as(day.toString()).isNotEqualTo(v2.get(day)));

        Path file = workspace(dir.resolve("rerun"));
        try (Workspace ws = Workspace.open(file)) {
            assertThat(new Backfill(ws).run("slow", DaySet.parse(SPEC), RunListener.NONE).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            new JobStore(ws).save("slow", "slow_out", sql(2));
        }
        killAfterDays(file, killAfter, seed);

        try (Workspace ws = Workspace.open(file)) {
            assertThat(new RunHistory(ws).runs("slow").get(0).outcome()).as("seed " + seed).isEqualTo(RunOutcome.INTERRUPTED);
            int replaced = 0;
            for (DayInfo d : new StatusReader(ws).days("slow", FIRST, FIRST.plusDays(DAYS - 1))) {
                Fingerprint held = Fingerprint.ofDay(ws.db(), "slow_out", d.day());
                boolean isNew = held.equals(v2.get(d.day()));
                assertThat(isNew || held.equals(v1.get(d.day()))).as("seed %d: %s holds the rows of one version, whole", seed, d.day())
                        .isTrue();
                assertThat(d.fingerprint()).as("seed %d: %s's recorded fingerprint", seed, d.day()).contains(held.hash());
                assertThat(d.rows()).as("seed %d: %s's recorded rows", seed, d.day()).contains(held.rows());
                assertThat(d.version()).as("seed %d: %s's version", seed, d.day()).contains(isNew ? 2 : 1);
                assertThat(d.status()).isEqualTo(isNew ? DayStatus.SUCCEEDED : DayStatus.STALE);
                if (isNew) {
                    // the version-1 rows a replaced day held can be put back at once, before any run tidies up
                    List<RunHistory.Attempt> attempts = new RunHistory(ws).attempts("slow", d.day());
                    assertThat(attempts).as("seed %d: %s's attempts", seed, d.day())
                            .filteredOn(a -> a.version() == 1 && a.outcome() == DayStatus.SUCCEEDED)
                            .extracting(RunHistory.Attempt::kept).containsExactly(RunHistory.Rows.KEPT);
                }
                replaced += isNew ? 1 : 0;
            }
            assertThat(replaced).as("seed " + seed).isGreaterThanOrEqualTo(killAfter).isLessThan(DAYS);
            keptSetsAreWhole(ws, seed);

            StatusReader status = new StatusReader(ws);
            DaySet stale = status.daysWith("slow", DayStatus.STALE, FIRST, FIRST.plusDays(DAYS - 1));
            assertThat(stale.size()).isEqualTo(DAYS - replaced);
            assertThat(new Backfill(ws).run("slow", stale, RunListener.NONE).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            for (LocalDate d = FIRST; d.isBefore(FIRST.plusDays(DAYS)); d = d.plusDays(1)) {
                assertThat(Fingerprint.ofDay(ws.db(), "slow_out", d)).as(d.toString()).isEqualTo(v2.get(d));
            }
            // the rows the killed run copied ahead for days it never reached went, and were copied once more
            keptSetsAreWhole(ws, seed);
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_slow_out r ANTI JOIN bfs.kept k"
                    + " ON r.bfs_kept_attempt = k.attempt AND r.partition_date = k.day")).as("seed %d: kept rows without their index", seed)
                    .isZero();
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept WHERE job = 'slow'")).as("seed %d: one kept set a day", seed)
                    .isEqualTo(DAYS);
        }
    }

    /**
     * A rerun going back to rows kept already lists those sets ahead instead of copying them again, and marks
     * them replaced when it settles. Killed midway, the run settles nothing; the next run settles first: the
     * days the killed run replaced show it as what replaced their set, the others the run that replaces them then.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7})
    void aRerunKilledWhileGoingBackToKeptRowsCopiesNothingAndTheNextRunMarksTheDaysItReplaced(long given) throws Exception {
        long seed = Long.getLong("kill.seed", given);
        int killAfter = 2 + new SplittableRandom(seed).nextInt(8);
        Path file = workspace(dir.resolve("back"));
        long first;
        long keptBefore;
        try (Workspace ws = Workspace.open(file)) {
            first = run(ws, 1);
            run(ws, 2);
            // the days hold version 1's rows again, kept already as the first run's
            run(ws, 1);
            keptBefore = ws.db().queryLong("SELECT count(*) FROM bfs.kept_slow_out");
            new JobStore(ws).save("slow", "slow_out", sql(2));
        }
        killAfterDays(file, killAfter, seed);

        try (Workspace ws = Workspace.open(file)) {
            long killed = new RunHistory(ws).runs("slow").get(0).runId();
            List<LocalDate> replaced = ws.db().query("SELECT day FROM bfs.attempts WHERE run_id = ? AND outcome = 'SUCCEEDED'",
                    rs -> rs.getObject(1, LocalDate.class), killed);
            assertThat(replaced.size()).as("seed " + seed).isGreaterThanOrEqualTo(killAfter).isLessThan(DAYS);
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_slow_out")).as("seed %d: rows copied again", seed)
                    .isEqualTo(keptBefore);

            long next = run(ws, 2);

            for (Object[] set : ws.db().query("SELECT day, replaced_by FROM bfs.kept WHERE job = 'slow' AND attempt = ?",
                    rs -> new Object[] {rs.getObject(1, LocalDate.class), rs.getLong(2)}, first)) {
                assertThat(set[1]).as("seed %d: what replaced the first run's rows of %s", seed, set[0])
                        .isEqualTo(replaced.contains((LocalDate) set[0]) ? killed : next);
            }
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept WHERE job = 'slow' AND attempt = ?", first)).isEqualTo(DAYS);
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_slow_out")).isEqualTo(keptBefore);
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_ahead")).isZero();
            keptSetsAreWhole(ws, seed);
        }
    }

    /** Saves version {@code v} of the job's SQL and runs every day with it; returns the run's id. */
    private static long run(Workspace ws, int v) {
        new JobStore(ws).save("slow", "slow_out", sql(v));
        RunSummary r = new Backfill(ws).run("slow", DaySet.parse(SPEC), RunListener.NONE);
        assertThat(r.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        return r.runId();
    }

    /** Every kept set holds exactly the rows its index row counts, each the version-1 rows of its day. */
    private static void keptSetsAreWhole(Workspace ws, long seed) throws Exception {
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept k LEFT JOIN (SELECT bfs_kept_attempt, partition_date,"
                + " count(*) AS n FROM bfs.kept_slow_out GROUP BY ALL) r ON r.bfs_kept_attempt = k.attempt"
                + " AND r.partition_date = k.day WHERE k.job = 'slow' AND r.n IS DISTINCT FROM k.rows")).as("seed %d: kept sets whole", seed)
                .isZero();
    }

    /** Each day's fingerprint after an unbroken run of version {@code v}. */
    private static Map<LocalDate, Fingerprint> unbroken(Path folder, int v) throws Exception {
        Path file = workspace(folder);
        try (Workspace ws = Workspace.open(file)) {
            new JobStore(ws).save("slow", "slow_out", sql(v));
            assertThat(new Backfill(ws).run("slow", DaySet.parse(SPEC), RunListener.NONE).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            Map<LocalDate, Fingerprint> out = new LinkedHashMap<>();
            for (LocalDate d = FIRST; d.isBefore(FIRST.plusDays(DAYS)); d = d.plusDays(1)) {
                out.put(d, Fingerprint.ofDay(ws.db(), "slow_out", d));
            }
            return out;
        }
    }
}
