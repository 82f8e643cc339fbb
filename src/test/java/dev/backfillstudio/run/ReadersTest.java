package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who read what, from the stored days' lineage, and the downstream days a rerun plan puts at stake. */
class ReadersTest {

    private static final LocalDate SEP_10 = LocalDate.of(2024, 9, 10);

    @TempDir
    Path dir;
    private Workspace ws;

    @BeforeEach
    void setUp() {
        ws = Workspaces.sample(dir);
        JobStore jobs = new JobStore(ws);
        jobs.save("events", "events_out", "SELECT event_id, item_id, kind FROM item_events WHERE date = {DATE}");
        run("events", "2024-09-01..2024-09-20");
        jobs.save("kinds", "kinds_out", "SELECT kind, count(*) AS n FROM events_out WHERE partition_date = {DATE} GROUP BY kind");
        run("kinds", "2024-09-01..2024-09-20");
        jobs.save("week", "week_out", "SELECT sum(n) AS n FROM kinds_out WHERE partition_date BETWEEN {DATE} - 6 AND {DATE}");
        // the week job ran only up to the 14th: later days of it read nothing yet
        run("week", "2024-09-01..2024-09-14");
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    @Test
    void theReadersOfATableOnADayAreTheStoredDaysWhoseLineageRecordsThatDay() {
        assertThat(new Readers(ws).of("events_out", List.of(SEP_10), "events"))
                .containsExactly(new Readers.Reader("kinds", SEP_10, "events_out", SEP_10));
        assertThat(new Readers(ws).ofDay("kinds", SEP_10)).extracting(Readers.Reader::job, Readers.Reader::day)
                .containsExactly(tuple("week", SEP_10), tuple("week", SEP_10.plusDays(1)), tuple("week", SEP_10.plusDays(2)),
                        tuple("week", SEP_10.plusDays(3)), tuple("week", SEP_10.plusDays(4)));
        assertThat(new Readers(ws).ofDay("week", SEP_10)).isEmpty();
    }

    @Test
    void whatADayReadIsItsStoredAttemptsLineage() {
        assertThat(new Readers(ws).inputsOf("week", SEP_10)).extracting(InputIdentity::table, InputIdentity::kind, InputIdentity::day)
                .containsExactlyInAnyOrderElementsOf(DaySet.parse("2024-09-04..2024-09-10").asList().stream()
                        .map(d -> tuple("kinds_out", InputKind.JOB_DAY, d)).toList());
        assertThat(new Readers(ws).inputsOf("week", LocalDate.of(2024, 9, 18))).as("never ran").isEmpty();
    }

    @Test
    void thePlanOfAnUpstreamRerunListsTheDownstreamDaysThatTheChangeThenTurnsStale() throws Exception {
        RerunPlan plan = RerunPlan.of(ws, "events", DaySet.parse("2024-09-10"));
        assertThat(plan.downstream()).extracting(Readers.DownstreamDays::job).containsExactly("kinds", "week");
        assertThat(plan.downstream().get(0).days()).containsExactly(SEP_10);
        assertThat(plan.downstream().get(1).days()).containsExactlyElementsOf(DaySet.parse("2024-09-10..2024-09-14").asList());

        // the rerun changes the 10th: exactly the listed days turn stale
        ws.db().update("DELETE FROM item_events WHERE event_id = (SELECT min(event_id) FROM item_events WHERE date = ?)", SEP_10);
        run("events", "2024-09-10");
        Downstream down = new Downstream(ws);
        assertThat(down.staleBecauseOf("kinds", Set.of("events_out")).asList()).containsExactlyElementsOf(plan.downstream().get(0).days());
        assertThat(stale("week")).containsExactlyElementsOf(plan.downstream().get(1).days());
    }

    @Test
    void aJobNobodyReadsHasNoDownstreamDays() {
        assertThat(RerunPlan.of(ws, "week", DaySet.parse("2024-09-01..2024-09-14")).downstream()).isEmpty();
        assertThat(RerunPlan.of(ws, "events", DaySet.parse("2024-09-25")).downstream()).as("a day nobody read").isEmpty();
    }

    private void run(String job, String days) {
        new Backfill(ws).run(job, DaySet.parse(days), RunListener.NONE);
    }

    private List<LocalDate> stale(String job) {
        return new StatusReader(ws).days(job, LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 20)).stream()
                .filter(d -> d.status() == DayStatus.STALE).map(DayInfo::day).toList();
    }
}
