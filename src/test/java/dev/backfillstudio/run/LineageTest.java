package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.ingest.FileFingerprint;
import dev.backfillstudio.ingest.SnapshotCapture;
import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotFileResult;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.verify.VerifyOutcome;
import dev.backfillstudio.verify.Verifier;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage on the sample workspace: for each kind of input, changing it turns exactly the days that
 * read it STALE with a reason naming the table and day, and rerunning those days makes them
 * SUCCEEDED and REPRODUCIBLE again.
 */
class LineageTest {

    private static final LocalDate SEP1 = LocalDate.of(2024, 9, 1);
    private static final LocalDate SEP2 = LocalDate.of(2024, 9, 2);
    private static final LocalDate SEP3 = LocalDate.of(2024, 9, 3);
    private static final LocalDate SEP5 = LocalDate.of(2024, 9, 5);
    private static final String SNAP = SampleData.SNAPSHOT_JOB;
    private static final String HIST = SampleData.HISTORY_JOB;
    private static final String NAIVE = SampleData.NAIVE_JOB;

    @TempDir
    Path dir;
    private Workspace ws;

    @BeforeEach
    void setUp() {
        ws = Workspaces.sample(dir);
        JobStore jobs = new JobStore(ws);
        for (String job : List.of(SNAP, HIST, NAIVE)) {
            jobs.save(job, job + "_out", SampleData.jobSql(job));
            run(job, "2024-09-01..2024-09-05");
        }
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    @Test
    void eachAttemptRecordsWhatItsQueryReadAndHow() throws Exception {
        assertThat(inputsOf(SNAP, SEP2)).containsExactlyInAnyOrder("item_events EVENT_DAY 2024-09-02",
                "item_snapshot SNAPSHOT_DAY 2024-09-02");
        assertThat(inputsOf(HIST, SEP2)).containsExactlyInAnyOrder("item_events EVENT_DAY 2024-09-02",
                "item_history HISTORY_DAY 2024-09-02");
        assertThat(inputsOf(NAIVE, SEP2)).containsExactlyInAnyOrder("item_events EVENT_DAY 2024-09-02", "item TABLE null");
        assertThat(statuses(SNAP)).containsOnly(DayStatus.SUCCEEDED);
        assertThat(statuses(HIST)).containsOnly(DayStatus.SUCCEEDED);
    }

    @Test
    void replacingASnapshotDayTurnsExactlyTheDaysThatReadItStaleAndARerunReproducesThem() throws Exception {
        Path passive = snapshotFile(SEP2, true);
        assertThat(loadSnapshot(passive, true).ok()).isTrue();

        Map<LocalDate, DayInfo> snap = days(SNAP);
        assertThat(stale(snap)).containsExactly(SEP2);
        StaleReason reason = snap.get(SEP2).reasons().get(0);
        assertThat(reason.kind()).isEqualTo(StaleReason.Kind.INPUT_CHANGED);
        assertThat(reason.table()).contains("item_snapshot");
        assertThat(reason.day()).contains(SEP2);
        assertThat(reason.detail()).contains("item_snapshot").contains("2024-09-02");
        assertThat(snap.get(SEP2).staleByInput()).isTrue();

        // the history followed the snapshot: its day 2 changed, and the days after it hold their own snapshots still
        Map<LocalDate, DayInfo> hist = days(HIST);
        assertThat(stale(hist)).containsExactly(SEP2);
        assertThat(hist.get(SEP2).reasons()).extracting(StaleReason::table).containsExactly(Optional.of("item_history"));
        assertThat(new Verifier(ws).verify(HIST, SEP2).outcome()).isEqualTo(VerifyOutcome.DRIFTED);
        assertThat(stale(days(NAIVE))).isEmpty();

        for (String job : List.of(SNAP, HIST)) {
            DaySet staleDays = new StatusReader(ws).daysWith(job, DayStatus.STALE, SEP1, SEP5);
            RunSummary rerun = new Backfill(ws).run(job, staleDays, RunListener.NONE);
            assertThat(rerun.days()).extracting(DayOutcome::day).containsExactly(SEP2);
            assertThat(rerun.days().get(0).rows()).as("every item is passive on the new day 2").isZero();
            assertThat(statuses(job)).containsOnly(DayStatus.SUCCEEDED);
            assertThat(new Verifier(ws).verify(job, SEP2).outcome()).isEqualTo(VerifyOutcome.REPRODUCIBLE);
        }
    }

    @Test
    void replacingInputWithIdenticalRowsChangesNothing() throws Exception {
        assertThat(loadSnapshot(snapshotFile(SEP2, false), true).ok()).isTrue();
        Path events = dir.resolve("same_events.csv");
        Files.copy(Path.of("sample-data/item_events.csv"), events);
        new TableImporter(ws).importCsv("item_events", events, true);
        for (String job : List.of(SNAP, HIST, NAIVE)) {
            assertThat(statuses(job)).as(job).containsOnly(DayStatus.SUCCEEDED);
        }
    }

    @Test
    void aSnapshotDayKnownByItsFileKeepsItsDaysGreenWhenReplacedByTheSameRowsInAnyFormAndOnlyThen() throws Exception {
        // day 2 corrected from a file: it is known by the file's hash now, and the days that read it rerun on it
        Path passive = snapshotFile(SEP2, true);
        assertThat(loadSnapshot(passive, true).ok()).isTrue();
        String corrected = ledgerFingerprint(SEP2);
        assertThat(FileFingerprint.is(corrected)).as(corrected).isTrue();
        rerunStale(SNAP);
        assertThat(statuses(SNAP)).containsOnly(DayStatus.SUCCEEDED);

        // the same file again, the same rows in another order, the same rows taken from a table: nothing changes
        assertThat(loadSnapshot(passive, true).ok()).isTrue();
        assertThat(ledgerFingerprint(SEP2)).isEqualTo(corrected);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(passive));
        java.util.Collections.reverse(lines.subList(1, lines.size()));
        Path reordered = dir.resolve("item_2024-09-02_reordered.csv");
        Files.write(reordered, lines);
        SnapshotFileResult again = loadSnapshot(reordered, true);
        assertThat(again.ok()).isTrue();
        assertThat(again.sameRows()).as("the loader says the rows are the ones the day held").isTrue();
        assertThat(ledgerFingerprint(SEP2)).isEqualTo(corrected);
        ws.db().execute("CREATE TABLE item_copy AS SELECT id, name, status FROM item_snapshot WHERE snapshot_date = DATE '2024-09-02'");
        new SnapshotCapture(ws).fromTable("item_snapshot", "item_copy", SEP2, true);
        assertThat(ledgerFingerprint(SEP2)).isEqualTo(corrected);
        assertThat(statuses(SNAP)).containsOnly(DayStatus.SUCCEEDED);

        // one value changed, the row count the same: the days that read day 2 are stale again
        List<String> changed = new java.util.ArrayList<>(lines);
        changed.set(1, changed.get(1).replace(",PASSIVE,", ",ACTIVE,"));
        Path oneActive = dir.resolve("item_2024-09-02_one_active.csv");
        Files.write(oneActive, changed);
        SnapshotFileResult corrected2 = loadSnapshot(oneActive, true);
        assertThat(corrected2.ok()).isTrue();
        assertThat(corrected2.sameRows()).isFalse();
        assertThat(ledgerFingerprint(SEP2)).isNotEqualTo(corrected);
        assertThat(stale(days(SNAP))).containsExactly(SEP2);
        assertThat(stale(days(HIST))).containsExactly(SEP2);
    }

    @Test
    void aDayTakenFromATableKeepsItsFingerprintWhenAFileWithTheSameRowsReplacesIt() throws Exception {
        Path passive = snapshotFile(SEP2, true);
        ws.db().execute("CREATE TABLE item_passive AS SELECT id, name, 'PASSIVE' AS status FROM item_snapshot"
                + " WHERE snapshot_date = DATE '2024-09-02'");
        new SnapshotCapture(ws).fromTable("item_snapshot", "item_passive", SEP2, true);
        String taken = ledgerFingerprint(SEP2);
        assertThat(FileFingerprint.is(taken)).as(taken).isFalse();
        rerunStale(SNAP);
        assertThat(statuses(SNAP)).containsOnly(DayStatus.SUCCEEDED);

        assertThat(loadSnapshot(passive, true).ok()).isTrue();
        assertThat(ledgerFingerprint(SEP2)).isEqualTo(taken);
        assertThat(statuses(SNAP)).containsOnly(DayStatus.SUCCEEDED);
    }

    @Test
    void appendingEventsTurnsOnlyTheDaysTheyFallOnStale() throws Exception {
        long maxId = ws.db().queryLong("SELECT max(event_id) FROM item_events");
        long activeItem = ws.db().queryLong("SELECT min(id) FROM item_snapshot WHERE snapshot_date = ? AND status = 'ACTIVE'", SEP3);
        Path more = Files2.write(dir, "more.csv", "event_id,item_id,kind,date\n" + (maxId + 1) + "," + activeItem + ",view,2024-09-03\n");
        TableImporter.Result r = new TableImporter(ws).appendCsv("item_events", more);
        assertThat(r.days()).containsExactly(SEP3);

        for (String job : List.of(SNAP, HIST, NAIVE)) {
            Map<LocalDate, DayInfo> d = days(job);
            assertThat(stale(d)).as(job).containsExactly(SEP3);
            assertThat(d.get(SEP3).reasons()).extracting(StaleReason::table, StaleReason::day)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Optional.of("item_events"), Optional.of(SEP3)));
        }
        RunSummary rerun = new Backfill(ws).run(SNAP, DaySet.parse("2024-09-03"), RunListener.NONE);
        assertThat(rerun.days().get(0).added()).contains(1L);
        assertThat(statuses(SNAP)).containsOnly(DayStatus.SUCCEEDED);
        assertThat(new Verifier(ws).verify(SNAP, SEP3).outcome()).isEqualTo(VerifyOutcome.REPRODUCIBLE);
    }

    @Test
    void changingATableReadAsItIsTodayTurnsEveryDayThatReadItStale() throws Exception {
        ws.db().update("UPDATE item SET name = name || ' (renamed)' WHERE id = 1");
        Map<LocalDate, DayInfo> naive = days(NAIVE);
        assertThat(stale(naive)).hasSize(5);
        assertThat(naive.get(SEP1).reasons().get(0).table()).contains("item");
        assertThat(naive.get(SEP1).reasons().get(0).day()).isEmpty();
        assertThat(stale(days(SNAP))).isEmpty();
        ws.db().update("UPDATE item SET name = replace(name, ' (renamed)', '') WHERE id = 1");
        assertThat(stale(days(NAIVE))).as("the table holds what the days read again").isEmpty();

        ws.db().update("UPDATE item SET status = CASE status WHEN 'ACTIVE' THEN 'PASSIVE' ELSE 'ACTIVE' END WHERE id % 3 = 0");
        assertThat(stale(days(NAIVE))).hasSize(5);
        new Backfill(ws).run(NAIVE, new StatusReader(ws).daysWith(NAIVE, DayStatus.STALE, SEP1, SEP5), RunListener.NONE);
        assertThat(statuses(NAIVE)).containsOnly(DayStatus.SUCCEEDED);
        assertThat(new Verifier(ws).verify(NAIVE, SEP3).outcome()).isEqualTo(VerifyOutcome.REPRODUCIBLE);
    }

    @Test
    void aDayReadingAnotherJobsOutputTurnsStaleWhenThatPartitionChangesAndOnlyThen() throws Exception {
        JobStore jobs = new JobStore(ws);
        jobs.save("counts", "counts_out", "SELECT count(*) AS events FROM " + SNAP + "_out WHERE partition_date = {DATE}");
        run("counts", "2024-09-01..2024-09-05");
        assertThat(inputsOf("counts", SEP2)).containsExactly(SNAP + "_out JOB_DAY 2024-09-02");

        run(SNAP, "2024-09-01..2024-09-05");
        assertThat(stale(days("counts"))).as("an upstream rerun that changed nothing").isEmpty();

        ws.db().update("DELETE FROM item_events WHERE date = ? AND event_id = (SELECT min(event_id) FROM " + SNAP
                + "_out WHERE partition_date = ?)", SEP2, SEP2);
        RunSummary upstream = new Backfill(ws).run(SNAP, DaySet.parse("2024-09-02"), RunListener.NONE);
        assertThat(upstream.days().get(0).removed()).contains(1L);
        Map<LocalDate, DayInfo> counts = days("counts");
        assertThat(stale(counts)).containsExactly(SEP2);
        assertThat(counts.get(SEP2).reasons().get(0).table()).contains(SNAP + "_out");
        run("counts", "2024-09-02");
        assertThat(statuses("counts")).containsOnly(DayStatus.SUCCEEDED);
    }

    @Test
    void aHistoryJobFailsOnADayItsHistoryDoesNotCoverUntilTheSnapshotArrives() throws Exception {
        LocalDate nov1 = LocalDate.of(2024, 11, 1);
        RunSummary r = run(HIST, "2024-11-01");
        assertThat(r.days().get(0).status()).isEqualTo(DayStatus.FAILED);
        assertThat(r.days().get(0).error()).contains("item_history does not cover 2024-11-01: it holds the snapshots of"
                + " item_snapshot from 2024-09-01 to 2024-10-31.");
        assertThat(new StatusReader(ws).days(HIST, nov1, nov1).get(0).inputMissing()).isTrue();
        assertThat(new StatusReader(ws).days(HIST, nov1, nov1).get(0).inputArrivedSince()).isFalse();

        Path file = Files2.write(dir, "item_2024-11-01.csv", Files.readString(Path.of("sample-data/item_snapshots/item_2024-10-31.csv"))
                .replace("2024-10-31", "2024-11-01"));
        assertThat(loadSnapshot(file, false).ok()).isTrue();
        assertThat(new StatusReader(ws).days(HIST, nov1, nov1).get(0).inputArrivedSince()).as("the history covers the day now")
                .isTrue();
        DaySet failed = new StatusReader(ws).daysWith(HIST, DayStatus.FAILED, nov1, nov1);
        assertThat(failed.asList()).containsExactly(nov1);
        assertThat(new Backfill(ws).run(HIST, failed, RunListener.NONE).days().get(0).status()).isEqualTo(DayStatus.SUCCEEDED);
    }

    @Test
    void aDayBetweenSnapshotsTurnsStaleWhenItsOwnSnapshotArrivesLate() throws Exception {
        LocalDate oct13 = LocalDate.of(2024, 10, 13);
        assertThat(run(HIST, "2024-10-13").days().get(0).status()).as("covered: it reads the state of 2024-10-12")
                .isEqualTo(DayStatus.SUCCEEDED);
        Path late = Files2.write(dir, "item_2024-10-13.csv", Files.readString(Path.of("sample-data/item_snapshots/item_2024-10-12.csv"))
                .replace("2024-10-12", "2024-10-13").replace(",ACTIVE,", ",PASSIVE,"));
        assertThat(loadSnapshot(late, false).ok()).isTrue();
        DayInfo day = new StatusReader(ws).days(HIST, oct13, oct13).get(0);
        assertThat(day.status()).isEqualTo(DayStatus.STALE);
        assertThat(day.reasons().get(0).detail()).contains("now holds the snapshot of 2024-10-13")
                .contains("it read the snapshot of 2024-10-12");
    }

    @Test
    void aNewVersionIsAReasonOfItsOwnBesideChangedInputs() throws Exception {
        new JobStore(ws).save(SNAP, SNAP + "_out", SampleData.jobSql(SNAP) + "\n  AND e.kind <> 'purchase'");
        assertThat(loadSnapshot(snapshotFile(SEP2, true), true).ok()).isTrue();
        Map<LocalDate, DayInfo> snap = days(SNAP);
        assertThat(stale(snap)).hasSize(5);
        assertThat(snap.get(SEP1).reasons()).extracting(StaleReason::kind).containsExactly(StaleReason.Kind.NEW_VERSION);
        assertThat(snap.get(SEP1).reasons().get(0).detail()).isEqualTo("Ran with version 1; the job is at version 2.");
        assertThat(snap.get(SEP1).staleByInput()).isFalse();
        assertThat(snap.get(SEP2).reasons()).extracting(StaleReason::kind)
                .containsExactly(StaleReason.Kind.NEW_VERSION, StaleReason.Kind.INPUT_CHANGED);
    }

    // ---- helpers

    private String ledgerFingerprint(LocalDate day) throws Exception {
        return ws.db().queryOne("SELECT fingerprint FROM bfs.input_days WHERE table_name = 'item_snapshot' AND day = ?",
                rs -> rs.getString(1), day).orElseThrow();
    }

    private void rerunStale(String job) {
        new Backfill(ws).run(job, new StatusReader(ws).daysWith(job, DayStatus.STALE, SEP1, SEP5), RunListener.NONE);
    }

    private RunSummary run(String job, String days) {
        return new Backfill(ws).run(job, DaySet.parse(days), RunListener.NONE);
    }

    private SnapshotFileResult loadSnapshot(Path file, boolean replace) {
        return new SnapshotLoader(ws).load("item_snapshot", List.of(file), SnapshotDateSource.column("snapshot_date"), replace).get(0);
    }

    /** The sample's snapshot of {@code day}, as it is or with every item PASSIVE. */
    private Path snapshotFile(LocalDate day, boolean allPassive) throws Exception {
        String text = Files.readString(Path.of("sample-data/item_snapshots/item_" + day + ".csv"));
        return Files2.write(dir, "item_" + day + (allPassive ? "_passive" : "") + ".csv",
                allPassive ? text.replace(",ACTIVE,", ",PASSIVE,") : text);
    }

    private List<String> inputsOf(String job, LocalDate day) throws Exception {
        String json = ws.db().queryOne("SELECT inputs FROM bfs.partitions WHERE job = ? AND day = ?", rs -> rs.getString(1), job, day)
                .orElseThrow();
        return InputIdentity.decode(json).stream().map(i -> i.table() + " " + i.kind() + " " + i.day()).collect(Collectors.toList());
    }

    private Map<LocalDate, DayInfo> days(String job) {
        Map<LocalDate, DayInfo> out = new TreeMap<>();
        new StatusReader(ws).days(job, SEP1, SEP5).forEach(d -> out.put(d.day(), d));
        return out;
    }

    private List<DayStatus> statuses(String job) {
        return days(job).values().stream().map(DayInfo::status).toList();
    }

    private static List<LocalDate> stale(Map<LocalDate, DayInfo> days) {
        return days.values().stream().filter(d -> d.status() == DayStatus.STALE).map(DayInfo::day).toList();
    }
}
