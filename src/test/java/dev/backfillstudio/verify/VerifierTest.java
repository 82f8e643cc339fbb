package dev.backfillstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {

    private static final String DAYS = "2024-09-02..2024-09-06";
    /** Items whose status the tests flip between ACTIVE and PASSIVE in today's `item` table. */
    private static final String FLIPPED = "id % 7 = 0 AND status IN ('ACTIVE', 'PASSIVE')";

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
        run("snap", DAYS);
        run("naive", DAYS);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private void run(String job, String spec) {
        new Backfill(ws).run(job, DaySet.parse(spec), RunListener.NONE);
    }

    private List<VerifyResult> verify(String job, String spec) {
        return new Verifier(ws).verify(job, DaySet.parse(spec), VerifyListener.NONE);
    }

    private void flipItemStatuses() throws Exception {
        long flipped = ws.db().update("UPDATE item SET status = CASE status WHEN 'ACTIVE' THEN 'PASSIVE' ELSE 'ACTIVE' END WHERE "
                + FLIPPED);
        assertThat(flipped).isPositive();
    }

    /** Events on the day of the flipped items that are in {@code status} now: the naive job's rows gained or lost. */
    private long flippedEvents(LocalDate day, String status) throws Exception {
        return ws.db().queryLong("SELECT count(*) FROM item_events e JOIN item i ON i.id = e.item_id WHERE e.date = ?"
                + " AND i.status = ? AND i." + FLIPPED.replace("status IN", "i.status IN"), day, status);
    }

    @Test
    void beforeTheItemTableChangesBothJobsReproduceEveryDayWithTheirStoredVersion() {
        for (String job : List.of("snap", "naive")) {
            List<VerifyResult> results = verify(job, DAYS);
            assertThat(results).hasSize(5).allSatisfy(r -> {
                assertThat(r.outcome()).as(r.message()).isEqualTo(VerifyOutcome.REPRODUCIBLE);
                assertThat(r.version()).contains(1);
                assertThat(r.storedRows()).isPresent().isEqualTo(r.recomputedRows());
                assertThat(r.storedRows().get()).isPositive();
                assertThat(r.added()).isZero();
                assertThat(r.removed()).isZero();
                assertThat(r.diff()).isEmpty();
            });
        }
    }

    @Test
    void afterTheItemTableChangesTheSnapshotJobReproducesAndTheNaiveJobDriftsByTheFlippedItemsEvents() throws Exception {
        flipItemStatuses();
        assertThat(verify("snap", DAYS)).extracting(VerifyResult::outcome).containsOnly(VerifyOutcome.REPRODUCIBLE);

        List<VerifyResult> naive = verify("naive", DAYS);
        long totalAdded = 0;
        long totalRemoved = 0;
        for (VerifyResult r : naive) {
            long added = flippedEvents(r.day(), "ACTIVE");
            long removed = flippedEvents(r.day(), "PASSIVE");
            long stored = ws.db().queryLong("SELECT count(*) FROM naive_out WHERE partition_date = ?", r.day());
            assertThat(r.outcome()).as(r.message()).isEqualTo(VerifyOutcome.DRIFTED);
            assertThat(r.added()).as("added on " + r.day()).isEqualTo(added);
            assertThat(r.removed()).as("removed on " + r.day()).isEqualTo(removed);
            assertThat(r.storedRows()).contains(stored);
            assertThat(r.recomputedRows()).contains(stored + added - removed);
            RowDiff diff = r.diff().orElseThrow();
            assertThat(diff.addedSample().columns()).containsExactly("event_id", "item_id", "kind", "date");
            assertThat(diff.addedSample().rows()).hasSize((int) Math.min(added, RowDiff.SAMPLE_ROWS));
            assertThat(diff.removedSample().rows()).hasSize((int) Math.min(removed, RowDiff.SAMPLE_ROWS));
            assertThat(diff.addedSample().rows()).allSatisfy(row -> assertThat(((Number) row.get(1)).longValue() % 7).isZero());
            assertThat(diff.removedSample().rows()).allSatisfy(row -> assertThat(((Number) row.get(1)).longValue() % 7).isZero());
            assertThat(r.message()).contains(r.day().toString()).contains("drifted");
            totalAdded += added;
            totalRemoved += removed;
        }
        assertThat(totalAdded).isPositive();
        assertThat(totalRemoved).isPositive();
    }

    @Test
    void aSampleHoldsAtMostOneHundredRowsWhileTheCountsCoverEveryRow() throws Exception {
        ws.db().update("UPDATE item SET status = 'PASSIVE'");
        VerifyResult r = new Verifier(ws).verify("naive", LocalDate.of(2024, 9, 3));
        long stored = ws.db().queryLong("SELECT count(*) FROM naive_out WHERE partition_date = DATE '2024-09-03'");
        assertThat(stored).isGreaterThan(RowDiff.SAMPLE_ROWS);
        assertThat(r.outcome()).isEqualTo(VerifyOutcome.DRIFTED);
        assertThat(r.removed()).isEqualTo(stored);
        assertThat(r.added()).isZero();
        assertThat(r.recomputedRows()).contains(0L);
        assertThat(r.diff().orElseThrow().removedSample().rows()).hasSize(RowDiff.SAMPLE_ROWS);
        assertThat(r.diff().orElseThrow().removedSample().truncated()).isTrue();
        assertThat(r.diff().orElseThrow().addedSample().rows()).isEmpty();
    }

    @Test
    void aDayIsRecomputedWithTheVersionThatStoredItNotTheCurrentOne() throws Exception {
        jobs.save("naive", "naive_out", SampleData.jobSql(SampleData.NAIVE_JOB) + "\n  AND e.kind = 'view'");
        run("naive", "2024-09-06");

        VerifyResult old = new Verifier(ws).verify("naive", LocalDate.of(2024, 9, 3));
        assertThat(old.outcome()).as(old.message()).isEqualTo(VerifyOutcome.REPRODUCIBLE);
        assertThat(old.version()).contains(1);
        VerifyResult rerun = new Verifier(ws).verify("naive", LocalDate.of(2024, 9, 6));
        assertThat(rerun.outcome()).as(rerun.message()).isEqualTo(VerifyOutcome.REPRODUCIBLE);
        assertThat(rerun.version()).contains(2);
        assertThat(rerun.storedRows().orElseThrow()).isLessThan(old.storedRows().orElseThrow() * 2);
        assertThat(ws.db().queryLong("SELECT count(*) FROM naive_out WHERE partition_date = DATE '2024-09-03' AND kind <> 'view'"))
                .as("version 2 would have dropped these rows, so a verify with it would drift").isPositive();
    }

    @Test
    void daysNeverRunOrWithoutOutputAreNotRunAndADayMissingItsSnapshotCannotBeVerified() throws Exception {
        run("snap", "2024-10-13"); // fails: the sample has no snapshot for that day
        ws.db().update("DELETE FROM item_snapshot WHERE snapshot_date = DATE '2024-09-04'");

        List<VerifyResult> results = verify("snap", "2024-09-04,2024-09-05,2024-09-20,2024-10-13");
        assertThat(results).extracting(VerifyResult::outcome).containsExactly(VerifyOutcome.CANNOT_VERIFY,
                VerifyOutcome.REPRODUCIBLE, VerifyOutcome.NOT_RUN, VerifyOutcome.NOT_RUN);
        assertThat(results.get(0).message()).isEqualTo("2024-09-04 cannot be verified: item_snapshot has no snapshot for 2024-09-04.");
        assertThat(results.get(0).version()).contains(1);
        assertThat(results.get(2).message()).isEqualTo("2024-09-20 was never run for job snap: there is no output to verify.");
        assertThat(results.get(3).message()).startsWith("2024-10-13 has no output of job snap to verify: every attempt failed (last: ")
                .contains("item_snapshot");
        assertThat(results.get(2).version()).isEmpty();
        assertThat(results.get(2).added()).isZero();
    }

    @Test
    void verifyingChangesNothingInTheWorkspace() throws Exception {
        flipItemStatuses();
        String before = workspaceState();
        assertThat(verify("naive", DAYS)).extracting(VerifyResult::outcome).containsOnly(VerifyOutcome.DRIFTED);
        verify("snap", DAYS + ",2024-09-20");
        assertThat(workspaceState()).isEqualTo(before);
    }

    /** Every table's name and row count, temporary ones included, and the app's bookkeeping rows. */
    private String workspaceState() throws Exception {
        List<String> state = new ArrayList<>(ws.db().query("SELECT database_name || '.' || schema_name || '.' || table_name || '='"
                + " || estimated_size FROM duckdb_tables() ORDER BY ALL", rs -> rs.getString(1)));
        for (String t : List.of("bfs.attempts", "bfs.runs", "bfs.partitions", "bfs.job_versions", "naive_out", "snap_out", "item")) {
            state.add(t + ":" + ws.db().queryLong("SELECT count(*) FROM " + t) + ":"
                    + ws.db().queryOne("SELECT sum(hash(t)) FROM " + t + " t", rs -> rs.getString(1)).orElse(""));
        }
        return String.join("\n", state);
    }

    @Test
    void anUnknownJobOrAnEmptyDaySetIsBadInput() {
        assertThatThrownBy(() -> verify("nope", DAYS)).isInstanceOf(BackfillException.class).hasMessage("No job named nope.");
        assertThatThrownBy(() -> new Verifier(ws).verify("snap", DaySet.of(List.of()), null))
                .isInstanceOf(BackfillException.class).hasMessage("No days to verify for job snap.");
    }

    @Test
    void theListenerHearsEveryDayInOrderAndCancelStopsBeforeTheNextDay() {
        Verifier verifier = new Verifier(ws);
        List<String> heard = new ArrayList<>();
        List<VerifyResult> results = verifier.verify("snap", DaySet.parse(DAYS), (r, done, total) -> {
            heard.add(r.day() + " " + done + "/" + total);
            if (done == 2) {
                verifier.cancel();
            }
        });
        assertThat(heard).containsExactly("2024-09-02 1/5", "2024-09-03 2/5");
        assertThat(results).hasSize(2);
        assertThat(verifier.verify("snap", DaySet.parse(DAYS), null)).as("a new verify after a cancel runs in full").hasSize(5);
    }
}
