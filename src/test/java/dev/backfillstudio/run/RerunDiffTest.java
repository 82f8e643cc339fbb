package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RerunDiffTest {

    private static final LocalDate DAY = LocalDate.of(2024, 9, 3);

    @TempDir
    Path dir;
    Workspace ws;
    long firstRows;

    @BeforeEach
    void open() throws Exception {
        ws = Workspaces.sample(dir);
        new JobStore(ws).save("snap", "snap_out", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
        firstRows = run().rows();
        assertThat(firstRows).isGreaterThan(5);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private DayOutcome run() {
        RunSummary s = new Backfill(ws).run("snap", DaySet.of(java.util.List.of(DAY)), RunListener.NONE);
        assertThat(s.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        return s.days().get(0);
    }

    private RunHistory.Attempt lastAttempt() {
        return new RunHistory(ws).attempts("snap", DAY).get(0);
    }

    private long stored() throws Exception {
        return ws.db().queryLong("SELECT count(*) FROM snap_out WHERE partition_date = ?", DAY);
    }

    @Test
    void aRerunAfterFiveEventsVanishAndThreeAppearRecordsPlusThreeMinusFiveAndThePreviousRows() throws Exception {
        ws.db().update("DELETE FROM item_events WHERE event_id IN (SELECT event_id FROM snap_out WHERE partition_date = ?"
                + " ORDER BY event_id LIMIT 5)", DAY);
        ws.db().update("INSERT INTO item_events SELECT m.top + n.i, o.item_id, 'view', ? FROM (SELECT max(event_id) AS top"
                + " FROM item_events) m, range(1, 4) n(i), (SELECT item_id FROM snap_out WHERE partition_date = ? LIMIT 1) o", DAY, DAY);

        DayOutcome rerun = run();

        assertThat(rerun.rows()).isEqualTo(firstRows - 2);
        assertThat(rerun.previousRows()).contains(firstRows);
        assertThat(rerun.added()).contains(3L);
        assertThat(rerun.removed()).contains(5L);
        RunHistory.Attempt a = lastAttempt();
        assertThat(a.previousRows()).contains(firstRows);
        assertThat(a.added()).contains(3L);
        assertThat(a.removed()).contains(5L);
        assertThat(a.rows()).contains(firstRows - 2);
        assertThat(a.fingerprint()).isEqualTo(rerun.fingerprint());
        assertThat(stored()).isEqualTo(firstRows - 2);
        assertThat(ws.db().queryLong("SELECT count(*) - count(DISTINCT event_id) FROM snap_out")).isZero();
        assertThat(Fingerprint.ofDay(ws.db(), "snap_out", DAY)).isEqualTo(new Fingerprint(firstRows - 2, rerun.fingerprint().get()));
    }

    @Test
    void anIdenticalRerunRecordsZeroAddedZeroRemovedAndKeepsTheDayAsItWas() throws Exception {
        String before = Fingerprint.ofDay(ws.db(), "snap_out", DAY).hash();

        DayOutcome rerun = run();

        assertThat(rerun.previousRows()).contains(firstRows);
        assertThat(rerun.added()).contains(0L);
        assertThat(rerun.removed()).contains(0L);
        assertThat(rerun.fingerprint()).contains(before);
        RunHistory.Attempt a = lastAttempt();
        assertThat(a.previousRows()).contains(firstRows);
        assertThat(a.added()).contains(0L);
        assertThat(a.removed()).contains(0L);
        assertThat(stored()).isEqualTo(firstRows);
        assertThat(new RunHistory(ws).attempts("snap", DAY)).hasSize(2);
    }

    @Test
    void aChangedRowCountsAsOneAddedAndOneRemoved() throws Exception {
        ws.db().update("UPDATE item_events SET kind = 'changed' WHERE event_id IN (SELECT event_id FROM snap_out"
                + " WHERE partition_date = ? ORDER BY event_id LIMIT 2)", DAY);

        DayOutcome rerun = run();

        assertThat(rerun.rows()).isEqualTo(firstRows);
        assertThat(rerun.added()).contains(2L);
        assertThat(rerun.removed()).contains(2L);
        assertThat(ws.db().queryLong("SELECT count(*) FROM snap_out WHERE partition_date = ? AND kind = 'changed'", DAY)).isEqualTo(2);
    }

    @Test
    void rowsChangedInTheTargetOutsideTheAppAreRestoredByAnIdenticalRerun() throws Exception {
        ws.db().update("DELETE FROM snap_out WHERE event_id IN (SELECT event_id FROM snap_out WHERE partition_date = ?"
                + " ORDER BY event_id LIMIT 2)", DAY);

        DayOutcome rerun = run();

        assertThat(stored()).isEqualTo(firstRows);
        assertThat(rerun.previousRows()).contains(firstRows - 2);
        assertThat(rerun.added()).contains(2L);
        assertThat(rerun.removed()).contains(0L);
    }

    @Test
    void aRerunOfSeveralDaysDiffsOnlyTheDaysThatChangedAndFillsTheNewOnes() throws Exception {
        ws.db().update("DELETE FROM item_events WHERE event_id IN (SELECT event_id FROM snap_out WHERE partition_date = ?"
                + " ORDER BY event_id LIMIT 4)", DAY);

        RunSummary s = new Backfill(ws).run("snap", DaySet.parse("2024-09-02..2024-09-04"), RunListener.NONE);

        assertThat(s.days()).extracting(DayOutcome::day, DayOutcome::previousRows, DayOutcome::added, DayOutcome::removed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DAY.minusDays(1), java.util.Optional.of(0L),
                                java.util.Optional.of(s.days().get(0).rows()), java.util.Optional.of(0L)),
                        org.assertj.core.groups.Tuple.tuple(DAY, java.util.Optional.of(firstRows), java.util.Optional.of(0L),
                                java.util.Optional.of(4L)),
                        org.assertj.core.groups.Tuple.tuple(DAY.plusDays(1), java.util.Optional.of(0L),
                                java.util.Optional.of(s.days().get(2).rows()), java.util.Optional.of(0L)));
        assertThat(stored()).isEqualTo(firstRows - 4);
    }

    /** The snapshot job's SQL with its select list changed: a new version, as an analyst would save it. */
    private void saveVersion(String selectList) {
        String sql = SampleData.jobSql(SampleData.SNAPSHOT_JOB);
        assertThat(sql).contains("SELECT e.event_id, e.item_id, e.kind, e.date");
        new JobStore(ws).save("snap", "snap_out", sql.replace("SELECT e.event_id, e.item_id, e.kind, e.date", selectList));
    }

    @Test
    void aNewVersionThatChangesTwoRowsAndRepeatsAThirdCountsPlusThreeMinusTwoAndStoresItsRows() throws Exception {
        long lowest = ws.db().queryLong("SELECT min(event_id) FROM snap_out WHERE partition_date = ?", DAY);
        long second = ws.db().queryLong("SELECT min(event_id) FROM snap_out WHERE partition_date = ? AND event_id > ?", DAY, lowest);
        long top = ws.db().queryLong("SELECT max(event_id) FROM snap_out WHERE partition_date = ?", DAY);
        // two rows get another kind; the top row comes out twice (a multiset: the copy is one added row)
        new JobStore(ws).save("snap", "snap_out", "SELECT e.event_id, e.item_id, CASE WHEN e.event_id IN (" + lowest + ", " + second
                + ") THEN 'v2' ELSE e.kind END AS kind, e.date FROM item_events e JOIN (SELECT 1 AS n UNION ALL SELECT 2) r"
                + " ON r.n = 1 OR e.event_id = " + top + " WHERE e.item_id IN (SELECT id FROM item_snapshot"
                + " WHERE status = 'ACTIVE' AND snapshot_date = {DATE}) AND e.date = {DATE}");

        DayOutcome rerun = run();

        assertThat(rerun.rows()).isEqualTo(firstRows + 1);
        assertThat(rerun.added()).contains(3L);
        assertThat(rerun.removed()).contains(2L);
        assertThat(lastAttempt().added()).contains(3L);
        assertThat(lastAttempt().version()).isEqualTo(2);
        assertThat(stored()).isEqualTo(firstRows + 1);
        assertThat(ws.db().queryLong("SELECT count(*) FROM snap_out WHERE partition_date = ? AND kind = 'v2'", DAY)).isEqualTo(2);
        assertThat(Fingerprint.ofDay(ws.db(), "snap_out", DAY)).isEqualTo(new Fingerprint(firstRows + 1, rerun.fingerprint().get()));
    }

    @Test
    void aNewVersionThatGivesTheSameRowsRecordsZeroChangeAndLeavesTheStoredRowsAndKeptRowsAsTheyWere() throws Exception {
        List<Long> rowids = ws.db().query("SELECT rowid FROM snap_out WHERE partition_date = ? ORDER BY rowid", rs -> rs.getLong(1), DAY);
        long keptSets = ws.db().queryLong("SELECT count(*) FROM bfs.kept");
        saveVersion("SELECT e.event_id, e.item_id, lower(upper(e.kind)) AS kind, e.date");
        assertThat(ws.db().queryLong("SELECT count(*) FROM item_events WHERE kind <> lower(kind)")).isZero();

        DayOutcome rerun = run();

        assertThat(rerun.added()).contains(0L);
        assertThat(rerun.removed()).contains(0L);
        assertThat(lastAttempt().version()).isEqualTo(2);
        assertThat(new StatusReader(ws).days("snap", DAY, DAY).get(0).status()).isEqualTo(DayStatus.SUCCEEDED);
        assertThat(ws.db().query("SELECT rowid FROM snap_out WHERE partition_date = ? ORDER BY rowid", rs -> rs.getLong(1), DAY))
                .isEqualTo(rowids);
        assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.kept")).isEqualTo(keptSets);
    }

    @Test
    void aNewVersionCountsItsChangeAgainstTheRowsTheDayHoldsEvenWhenTheyWereChangedOutsideTheApp() throws Exception {
        ws.db().update("DELETE FROM snap_out WHERE event_id IN (SELECT event_id FROM snap_out WHERE partition_date = ?"
                + " ORDER BY event_id LIMIT 3)", DAY);
        saveVersion("SELECT e.event_id, e.item_id, e.kind || '' AS kind, e.date");

        DayOutcome rerun = run();

        assertThat(rerun.previousRows()).contains(firstRows - 3);
        assertThat(rerun.added()).contains(3L);
        assertThat(rerun.removed()).contains(0L);
        assertThat(stored()).isEqualTo(firstRows);
    }
}
