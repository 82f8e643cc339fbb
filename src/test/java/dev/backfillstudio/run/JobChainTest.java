package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.cli.CliRunner;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.JobGraph;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs that read other jobs' output: the graph and its cycles, windows of upstream days, staleness
 * flowing down (transitively), and reruns that reach downstream.
 */
class JobChainTest {

    private static final String EVENTS = "events";
    private static final String KINDS = "kinds";
    private static final String WEEK = "week";
    private static final String KINDS_SQL = "SELECT kind, count(*) AS n FROM events_out WHERE partition_date = {DATE} GROUP BY kind";
    private static final String WEEK_SQL = "SELECT sum(n) AS n, count(DISTINCT partition_date) AS days FROM kinds_out"
            + " WHERE partition_date BETWEEN {DATE} - 6 AND {DATE}";

    @TempDir
    Path dir;
    private Workspace ws;
    private JobStore jobs;

    @BeforeEach
    void setUp() {
        ws = Workspaces.sample(dir);
        jobs = new JobStore(ws);
        jobs.save(EVENTS, "events_out", "SELECT event_id, item_id, kind FROM item_events WHERE date = {DATE}");
        run(EVENTS, "2024-09-01..2024-09-20");
        jobs.save(KINDS, "kinds_out", KINDS_SQL);
        run(KINDS, "2024-09-01..2024-09-20");
        jobs.save(WEEK, "week_out", WEEK_SQL);
        run(WEEK, "2024-09-01..2024-09-20");
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    @Test
    void theGraphKnowsWhoReadsWhomAndAVersionClosingACycleIsRefusedNamingIt() {
        JobGraph graph = JobGraph.of(ws.db());
        assertThat(graph.order()).containsSubsequence(EVENTS, KINDS, WEEK);
        assertThat(graph.upstream(WEEK)).containsExactly(KINDS);
        assertThat(graph.allDownstream(EVENTS)).containsExactly(KINDS, WEEK);
        assertThatThrownBy(() -> jobs.save(EVENTS, "events_out",
                "SELECT event_id, item_id, kind FROM item_events WHERE date = {DATE} AND item_id NOT IN (SELECT n FROM week_out)"))
                .isInstanceOf(BackfillException.class)
                .hasMessage("Job events would close a cycle between jobs (events reads week's output week_out, week reads kinds's"
                        + " output kinds_out, kinds reads events's output events_out); a job may read another job's output only"
                        + " when that job does not read its output back.");
        assertThat(jobs.get(EVENTS).currentVersion()).isEqualTo(1);
    }

    @Test
    void aJobMayReadItsOwnEarlierDaysAndRecordsThem() throws Exception {
        // its output table exists once the job has run: the first version counts, the second adds the day before
        jobs.save("total", "total_out", "SELECT count(*)::BIGINT AS total FROM item_events WHERE date = {DATE}");
        run("total", "2024-09-01");
        jobs.save("total", "total_out", "SELECT coalesce((SELECT max(total) FROM total_out WHERE partition_date = {DATE} - 1), 0)"
                + " + (SELECT count(*) FROM item_events WHERE date = {DATE}) AS total");
        run("total", "2024-09-01..2024-09-03");
        assertThat(ws.db().queryLong("SELECT total FROM total_out WHERE partition_date = DATE '2024-09-03'"))
                .isEqualTo(ws.db().queryLong("SELECT count(*) FROM item_events WHERE date <= DATE '2024-09-03'"));
        List<InputIdentity> read = InputIdentity.decode(ws.db().queryOne("SELECT inputs FROM bfs.partitions WHERE job = 'total'"
                + " AND day = DATE '2024-09-03'", rs -> rs.getString(1)).orElseThrow());
        assertThat(read).extracting(InputIdentity::table, InputIdentity::kind, InputIdentity::day)
                .contains(org.assertj.core.groups.Tuple.tuple("total_out", InputKind.JOB_DAY, LocalDate.of(2024, 9, 2)));
        assertThat(JobGraph.of(ws.db()).upstream("total")).isEmpty();
    }

    @Test
    void aChangedUpstreamDayTurnsExactlyTheDownstreamDaysThatReadItStaleWindowIncluded() {
        deleteOneEventOf("2024-09-10");
        RunSummary r = run(EVENTS, "2024-09-01..2024-09-20");
        assertThat(r.days()).filteredOn(d -> d.removed().orElse(0L) > 0).extracting(DayOutcome::day)
                .containsExactly(LocalDate.of(2024, 9, 10));

        assertThat(stale(KINDS)).containsExactly(LocalDate.of(2024, 9, 10));
        DayInfo kinds10 = day(KINDS, "2024-09-10");
        assertThat(kinds10.reasons().get(0).table()).contains("events_out");
        assertThat(kinds10.reasons().get(0).day()).contains(LocalDate.of(2024, 9, 10));
        // the week of each day from the 10th to the 16th read the 10th of kinds, which is stale itself
        assertThat(stale(WEEK)).containsExactlyElementsOf(DaySet.parse("2024-09-10..2024-09-16").asList());
        assertThat(day(WEEK, "2024-09-16").reasons().get(0).detail()).contains("stale itself").contains(KINDS);
    }

    @Test
    void anUpstreamRerunThatChangesNothingTurnsNothingStale() {
        run(EVENTS, "2024-09-01..2024-09-20");
        assertThat(stale(KINDS)).isEmpty();
        assertThat(stale(WEEK)).isEmpty();
    }

    @Test
    void withDownstreamRerunsTheTurnedStaleDaysInOrderToWhatAnIndependentQueryGives() throws Exception {
        deleteOneEventOf("2024-09-10");
        String db = ws.file().toString();
        ws.close();
        CliRunner.Result r = CliRunner.run("run", "--db", db, "--job", EVENTS, "--dates", "2024-09-08..2024-09-12",
                "--with-downstream");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Downstream: Run").contains("of job kinds").contains("reran 2024-09-10\n")
                .contains("of job week").contains("reran 2024-09-10..2024-09-16\n");
        ws = Workspace.open(Path.of(db));
        assertThat(stale(KINDS)).isEmpty();
        assertThat(stale(WEEK)).isEmpty();
        // the week as computed straight from the events, without any job in between
        for (LocalDate d = LocalDate.of(2024, 9, 7); !d.isAfter(LocalDate.of(2024, 9, 20)); d = d.plusDays(1)) {
            long direct = ws.db().queryLong("SELECT count(*) FROM item_events WHERE date BETWEEN ?::DATE - 6 AND ?", d, d);
            assertThat(ws.db().queryLong("SELECT n FROM week_out WHERE partition_date = ?", d)).as(d.toString()).isEqualTo(direct);
        }
    }

    @Test
    void theSampleHasAJobDownstreamOfTheSnapshotJob() {
        JobStore store = new JobStore(ws);
        dev.backfillstudio.demo.SampleJobs.install(ws);
        assertThat(JobGraph.of(ws.db()).upstream(SampleData.DOWNSTREAM_JOB)).containsExactly(SampleData.SNAPSHOT_JOB);
        assertThat(store.get(SampleData.DOWNSTREAM_JOB).target()).isEqualTo("active_items_per_kind_out");
        Map<LocalDate, DayInfo> days = new TreeMap<>();
        new StatusReader(ws).days(SampleData.DOWNSTREAM_JOB, LocalDate.of(2024, 9, 25), LocalDate.of(2024, 10, 10))
                .forEach(d -> days.put(d.day(), d));
        assertThat(days.get(LocalDate.of(2024, 9, 25)).status()).as("reads a day of version 1 of its upstream job")
                .isEqualTo(DayStatus.STALE);
        assertThat(days.get(LocalDate.of(2024, 10, 5)).status()).isEqualTo(DayStatus.SUCCEEDED);
    }

    // ---- helpers

    private void deleteOneEventOf(String day) {
        try {
            ws.db().update("DELETE FROM item_events WHERE event_id = (SELECT min(event_id) FROM item_events WHERE date = ?::DATE)", day);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunSummary run(String job, String days) {
        return new Backfill(ws).run(job, DaySet.parse(days), RunListener.NONE);
    }

    private DayInfo day(String job, String day) {
        LocalDate d = LocalDate.parse(day);
        return new StatusReader(ws).days(job, d, d).get(0);
    }

    private List<LocalDate> stale(String job) {
        return new StatusReader(ws).days(job, LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 20)).stream()
                .filter(d -> d.status() == DayStatus.STALE).map(DayInfo::day).toList();
    }
}
