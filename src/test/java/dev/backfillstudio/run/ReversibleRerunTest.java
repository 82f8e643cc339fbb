package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Hammer;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReversibleRerunTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 3, 1);
    private static final int DAYS = 6;
    private static final DaySet ALL = DaySet.range(FIRST, FIRST.plusDays(DAYS - 1));
    private static final LocalDate DAY = FIRST.plusDays(2);
    private static final String V1 = "SELECT k, amount FROM sales WHERE day = {DATE}";
    /** Every row changes. */
    private static final String V2 = "SELECT k, amount * 2 AS amount FROM sales WHERE day = {DATE}";
    /** Keeps 2 of each day's 10 rows. */
    private static final String V3 = "SELECT k, amount FROM sales WHERE day = {DATE} AND k < 2";

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
        ws.db().execute("CREATE TABLE sales AS SELECT DATE '" + FIRST + "' + d::INTEGER AS day, k::INTEGER AS k,"
                + " (d * 100 + k)::INTEGER AS amount FROM range(" + DAYS + ") a(d), range(10) b(k)");
        new JobStore(ws).save("sales", "sales_out", V1);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private RunSummary run(String sql) {
        new JobStore(ws).save("sales", "sales_out", sql);
        return new Backfill(ws).run("sales", ALL, RunListener.NONE);
    }

    /** Day by day: the fingerprint recorded, and the one of the rows actually stored. */
    private Map<LocalDate, String> fingerprints() throws Exception {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        for (DayInfo d : new StatusReader(ws).days("sales", FIRST, FIRST.plusDays(DAYS - 1))) {
            Fingerprint stored = Fingerprint.ofDay(ws.db(), "sales_out", d.day());
            assertThat(d.fingerprint()).as("recorded vs stored on " + d.day()).contains(stored.hash());
            out.put(d.day(), stored.rows() + ":" + stored.hash());
        }
        return out;
    }

    private List<String> rows(LocalDate day) throws Exception {
        return ws.db().query("SELECT k || '=' || amount FROM sales_out WHERE partition_date = ? ORDER BY k, amount",
                rs -> rs.getString(1), day);
    }

    @Test
    void rerunningWithANewVersionThenUndoingGivesBackTheEarlierFingerprintsDayByDayAndTheUndoCanBeUndone() throws Exception {
        run(V1);
        Map<LocalDate, String> v1 = fingerprints();
        RunSummary second = run(V2);
        Map<LocalDate, String> v2 = fingerprints();
        assertThat(v2).allSatisfy((day, fp) -> assertThat(fp).isNotEqualTo(v1.get(day)));

        RunSummary undo = new Restorer(ws).undo(second.runId(), RunListener.NONE);

        assertThat(undo.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(undo.days()).hasSize(DAYS);
        assertThat(fingerprints()).isEqualTo(v1);
        // the day holds version 1's rows again while the job is at version 2: stale, for that reason
        assertThat(new StatusReader(ws).days("sales", FIRST, FIRST.plusDays(DAYS - 1))).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DayStatus.STALE);
            assertThat(d.version()).contains(1);
            assertThat(d.reasons()).extracting(StaleReason::kind).containsExactly(StaleReason.Kind.NEW_VERSION);
        });
        RunHistory.RunRecord record = new RunHistory(ws).runs("sales").get(0);
        assertThat(record.kind()).isEqualTo(RunKind.UNDO);
        assertThat(record.undoes()).contains(second.runId());
        assertThat(record.changedDays()).isEqualTo(DAYS);

        new Restorer(ws).undo(undo.runId(), RunListener.NONE);
        assertThat(fingerprints()).isEqualTo(v2);
        assertThat(new StatusReader(ws).daysWith("sales", DayStatus.SUCCEEDED, FIRST, FIRST.plusDays(DAYS - 1)).size()).isEqualTo(DAYS);
    }

    @Test
    void aCancelArrivingBeforeTheUndosFirstDaySaysSoAndChangesNoDay() throws Exception {
        run(V1);
        RunSummary second = run(V2);
        Map<LocalDate, String> v2 = fingerprints();
        Restorer restorer = new Restorer(ws);
        // Ctrl-C pressed again and again from before the undo begins: its steps before the first day are exposed to it
        Hammer hammer = Hammer.start(restorer::cancel);
        try {
            RunSummary undo = restorer.undo(second.runId(), new RunListener() {
                @Override
                public void runStarted(long runId, List<LocalDate> days) {
                    hammer.stop();
                }
            });
            // the cancel may also land once the undo is recorded: then it is a cancelled undo of no day
            assertThat(undo.outcome()).isEqualTo(RunOutcome.CANCELLED);
            assertThat(undo.days()).isEmpty();
        } catch (BackfillException e) {
            assertThat(e.getMessage()).isEqualTo("The undo of job sales was cancelled before its first day; no day changed.");
        } finally {
            hammer.close();
        }
        assertThat(fingerprints()).isEqualTo(v2);
        assertThat(new RunHistory(ws).runs("sales")).extracting(RunHistory.RunRecord::outcome).doesNotContain(RunOutcome.RUNNING);
    }

    @Test
    void aCancelArrivingWhileTheUndoClosesLeavesItsOutcomeRecordedAndEveryDayGivenBack() throws Exception {
        run(V1);
        Map<LocalDate, String> v1 = fingerprints();
        RunSummary second = run(V2);
        Restorer restorer = new Restorer(ws);
        Hammer[] hammer = new Hammer[1];
        RunSummary undo = restorer.undo(second.runId(), new RunListener() {
            @Override
            public void dayFinished(DayOutcome outcome, Progress p) {
                if (p.done() == DAYS) {
                    // Ctrl-C pressed again and again from the last day on: the undo's closing statements are exposed to it
                    hammer[0] = Hammer.start(restorer::cancel);
                }
            }

            @Override
            public void runFinished(RunSummary summary) {
                hammer[0].stop();
            }
        });
        hammer[0].close();
        RunHistory.RunRecord recorded = new RunHistory(ws).run(undo.runId()).orElseThrow();
        assertThat(recorded.outcome()).isEqualTo(undo.outcome());
        assertThat(recorded.ended()).isPresent();
        assertThat(undo.days()).hasSize(DAYS);
        assertThat(fingerprints()).isEqualTo(v1);
    }

    @Test
    void daysHoldingTheRowsOfDifferentRunsAroundADayLeftOutAreEachGivenBackByTheUndo() throws Exception {
        run(V1);
        new JobStore(ws).save("sales", "sales_out", V2);
        new Backfill(ws).run("sales", DaySet.range(FIRST.plusDays(1), FIRST.plusDays(2)), RunListener.NONE);
        Map<LocalDate, String> mixed = fingerprints();
        // the days copied ahead: the first and the last two hold the first run's rows, the second and third the
        // second run's, and the fourth is not rerun
        new JobStore(ws).save("sales", "sales_out", V3);
        DaySet aroundTheFourth = DaySet.parse(FIRST + ".." + FIRST.plusDays(2) + "," + FIRST.plusDays(4) + ".." + FIRST.plusDays(5));
        RunSummary third = new Backfill(ws).run("sales", aroundTheFourth, RunListener.NONE);
        assertThat(third.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(fingerprints()).containsEntry(FIRST.plusDays(3), mixed.get(FIRST.plusDays(3)))
                .allSatisfy((day, fp) -> assertThat(fp.equals(mixed.get(day))).isEqualTo(day.equals(FIRST.plusDays(3))));

        new Restorer(ws).undo(third.runId(), RunListener.NONE);

        assertThat(fingerprints()).isEqualTo(mixed);
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_sales_out WHERE partition_date = ?", FIRST.plusDays(3))).isZero();
    }

    @Test
    void undoingTheFirstRunOfDaysLeavesThemMissingAsBefore() throws Exception {
        RunSummary first = run(V1);
        new Restorer(ws).undo(first.runId(), RunListener.NONE);
        assertThat(ws.db().queryLong("SELECT count(*) FROM sales_out")).isZero();
        assertThat(new StatusReader(ws).daysWith("sales", DayStatus.MISSING, FIRST, FIRST.plusDays(DAYS - 1)).size()).isEqualTo(DAYS);
    }

    @Test
    void restoringAGivenAttemptGivesBackItsRowsWithItsVersionAndLineage() throws Exception {
        long v1Attempt = run(V1).runId();
        List<String> v1Rows = rows(DAY);
        run(V2);
        run(V3);
        assertThat(rows(DAY)).hasSize(2);

        RunSummary restore = new Restorer(ws).restore("sales", DAY, v1Attempt, RunListener.NONE);

        assertThat(rows(DAY)).isEqualTo(v1Rows);
        DayOutcome o = restore.days().get(0);
        assertThat(o.added()).contains(8L);
        assertThat(o.removed()).contains(0L);
        RunHistory.Attempt latest = new RunHistory(ws).attempts("sales", DAY).get(0);
        assertThat(latest.kind()).isEqualTo(RunKind.RESTORE);
        assertThat(latest.restoredFrom()).contains(v1Attempt);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.kept()).isEqualTo(RunHistory.Rows.HELD);
        assertThat(ws.db().queryOne("SELECT inputs FROM bfs.attempts WHERE run_id = ? AND day = ?", rs -> rs.getString(1),
                restore.runId(), DAY)).isEqualTo(ws.db().queryOne("SELECT inputs FROM bfs.attempts WHERE run_id = ? AND day = ?",
                        rs -> rs.getString(1), v1Attempt, DAY));
        DayInfo info = new StatusReader(ws).days("sales", DAY, DAY).get(0);
        assertThat(info.status()).isEqualTo(DayStatus.STALE);
        assertThat(info.reasons()).extracting(StaleReason::kind).containsExactly(StaleReason.Kind.NEW_VERSION);
        // the other days were not touched
        assertThat(rows(DAY.plusDays(1))).hasSize(2);
    }

    @Test
    void aRestoreWhoseRowsWerePrunedIsRefusedWithASentenceAndChangesNothing() throws Exception {
        KeptRows.keep(ws, 1);
        long v1Attempt = run(V1).runId();
        run(V2);
        run(V3);
        Map<LocalDate, String> before = fingerprints();
        int attempts = new RunHistory(ws).attempts("sales", DAY).size();
        assertThat(new RunHistory(ws).attempts("sales", DAY)).filteredOn(a -> a.runId() == v1Attempt)
                .extracting(RunHistory.Attempt::kept).containsExactly(RunHistory.Rows.PRUNED);

        assertThatThrownBy(() -> new Restorer(ws).restore("sales", DAY, v1Attempt, RunListener.NONE))
                .isInstanceOf(BackfillException.class)
                .hasMessage("The rows of attempt " + v1Attempt + " of job sales on " + DAY + " were pruned (the workspace keeps the"
                        + " last 1 replaced versions of each day), so it cannot be restored.")
                .satisfies(e -> assertThat(((BackfillException) e).kind()).isEqualTo(BackfillException.Kind.BAD_INPUT));
        assertThat(fingerprints()).isEqualTo(before);
        assertThat(new RunHistory(ws).attempts("sales", DAY)).hasSize(attempts);
    }

    @Test
    void retentionKeepsTheLastReplacedVersionsOfEachDayAndZeroKeepsNone() throws Exception {
        run(V1);
        run(V2);
        run(V3);
        run(V1);
        // four versions written, three replaced: all kept under the default of 3
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept WHERE day = ?", DAY)).isEqualTo(3);
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_sales_out WHERE partition_date = ?", DAY)).isEqualTo(10 + 10 + 2);
        assertThat(KeptRows.keep(ws, 0)).isEqualTo(3L * DAYS);
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_sales_out")).isZero();
        run(V2);
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept")).isZero();
    }

    @Test
    void aMaxChangeBlocksADayThatWouldLoseMostOfItsRowsAndAWiderLimitCommitsIt() throws Exception {
        run(V1);
        Map<LocalDate, String> v1 = fingerprints();
        new JobStore(ws).save("sales", "sales_out", V3);
        List<DayInfo> statusBefore = new StatusReader(ws).days("sales", FIRST, FIRST.plusDays(DAYS - 1));

        RunSummary blocked = new Backfill(ws).run("sales", ALL, RunListener.NONE, RunOptions.DEFAULT.withMaxChange(50));

        assertThat(blocked.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(blocked.blockedDays()).hasSize(DAYS).allSatisfy(d -> {
            assertThat(d.added()).contains(0L);
            assertThat(d.removed()).contains(8L);
            assertThat(d.previousRows()).contains(10L);
        });
        assertThat(fingerprints()).isEqualTo(v1);
        assertThat(new StatusReader(ws).days("sales", FIRST, FIRST.plusDays(DAYS - 1))).isEqualTo(statusBefore);
        assertThat(new RunHistory(ws).attempts("sales", DAY).get(0).outcome()).isEqualTo(DayStatus.BLOCKED);

        RunSummary wider = new Backfill(ws).run("sales", ALL, RunListener.NONE, RunOptions.DEFAULT.withMaxChange(80));

        assertThat(wider.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(rows(DAY)).hasSize(2);
        assertThat(new StatusReader(ws).daysWith("sales", DayStatus.SUCCEEDED, FIRST, FIRST.plusDays(DAYS - 1)).size()).isEqualTo(DAYS);
    }

    @Test
    void aNewVersionThatChangesOneDayKeepsOnlyThatDaysRowsAndLeavesNoCopyOfTheDaysThatCameOutTheSame() throws Exception {
        run(V1);
        Map<LocalDate, String> v1 = fingerprints();
        // the new version changes DAY only; the run copies every day's rows ahead, expecting all six to change
        RunSummary second = run("SELECT k, CASE WHEN day = DATE '" + DAY + "' THEN amount + 1 ELSE amount END AS amount"
                + " FROM sales WHERE day = {DATE}");
        assertThat(second.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(fingerprints()).allSatisfy((day, fp) -> assertThat(fp.equals(v1.get(day))).as(day.toString()).isEqualTo(!day.equals(DAY)));

        assertThat(ws.db().query("SELECT day || ' ' || rows FROM bfs.kept WHERE job = 'sales'", rs -> rs.getString(1)))
                .containsExactly(DAY + " 10");
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_sales_out WHERE partition_date <> ?", DAY))
                .as("copies of the days that came out the same").isZero();
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_sales_out")).isEqualTo(10);
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_ahead")).isZero();

        new Restorer(ws).undo(second.runId(), RunListener.NONE);
        assertThat(fingerprints()).isEqualTo(v1);
    }

    @Test
    void goingBackToAVersionWhoseRowsAreKeptCopiesNothingAndMarksThatSetAsReplacedByTheNewRun() throws Exception {
        RunSummary first = run(V1);
        Map<LocalDate, String> v1 = fingerprints();
        RunSummary second = run(V2);
        RunSummary third = run(V1);
        long copies = ws.db().queryLong("SELECT count(*) FROM bfs.kept_sales_out");

        // the days hold version 1's rows again, kept already as the first run's
        RunSummary fourth = run(V2);

        assertThat(fourth.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_sales_out")).as("rows copied again").isEqualTo(copies);
        assertThat(ws.db().query("SELECT attempt || ' by ' || replaced_by FROM bfs.kept WHERE job = 'sales' AND day = ? ORDER BY attempt",
                rs -> rs.getString(1), DAY)).containsExactly(first.runId() + " by " + fourth.runId(), second.runId() + " by " + third.runId());
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept_ahead")).isZero();

        new Restorer(ws).undo(fourth.runId(), RunListener.NONE);
        assertThat(fingerprints()).isEqualTo(v1);
    }
}
