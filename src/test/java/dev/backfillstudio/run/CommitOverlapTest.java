package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitOverlapTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 9, 1);
    private static final LocalDate LAST = LocalDate.of(2024, 9, 12);

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspaces.sample(dir);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private boolean allowed(String sql, String target) throws Exception {
        return CommitOverlap.allowed(ws.db(), sql, target);
    }

    @Test
    void aJobReadingOnlyItsInputsMayRunADayWhileTheDayBeforeCommits() throws Exception {
        assertThat(allowed(SampleData.jobSql(SampleData.SNAPSHOT_JOB), "snap_out")).isTrue();
        assertThat(allowed(SampleData.jobSql(SampleData.HISTORY_JOB), "hist_out")).isTrue();
        // generators make rows of their arguments alone
        assertThat(allowed("SELECT e.item_id, r.range AS k FROM item_events e, range(3) r WHERE e.date = {DATE}", "gen_out")).isTrue();
    }

    @Test
    void aJobThatMightReadWhatTheRunWroteRunsItsDaysOneAfterAnother() throws Exception {
        ws.db().execute("CREATE TABLE totals_out (events BIGINT, partition_date DATE)");
        ws.db().execute("CREATE VIEW all_totals AS SELECT * FROM totals_out");
        // its own target, under any case
        assertThat(allowed("SELECT count(*) AS events FROM Totals_Out WHERE partition_date = {DATE} - 1", "totals_out")).isFalse();
        // a view, which may read it
        assertThat(allowed("SELECT count(*) AS events FROM all_totals WHERE partition_date = {DATE}", "other_out")).isFalse();
        // the app's books, which each day writes
        assertThat(allowed("SELECT count(*) AS events FROM bfs.attempts WHERE day = {DATE}", "other_out")).isFalse();
        // a function that may read anything, the target included
        assertThat(allowed("SELECT count(*) AS events FROM query_table('totals_out') WHERE partition_date = {DATE}", "other_out"))
                .isFalse();
        // a query that does not parse
        assertThat(allowed("SELEC nothing", "other_out")).isFalse();
    }

    @Test
    void aRunningTotalSeesEveryEarlierDayOfTheSameRun() throws Exception {
        // the output table exists once the job has run: the first version counts, the second adds the day before
        JobStore jobs = new JobStore(ws);
        jobs.save("totals", "totals_out", "SELECT count(*) AS events, count(*) AS total FROM item_events WHERE date = {DATE}");
        new Backfill(ws).run("totals", DaySet.range(FIRST, FIRST), RunListener.NONE);
        jobs.save("totals", "totals_out", """
                SELECT count(*) AS events,
                       count(*) + coalesce((SELECT max(total) FROM totals_out WHERE partition_date = {DATE} - 1), 0) AS total
                FROM item_events WHERE date = {DATE}
                """);
        RunSummary r = new Backfill(ws).run("totals", DaySet.range(FIRST, LAST), RunListener.NONE);
        assertThat(r.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        List<long[]> rows = ws.db().query("SELECT t.total, (SELECT count(*) FROM item_events e WHERE e.date BETWEEN ? AND t.partition_date)"
                + " FROM totals_out t ORDER BY t.partition_date", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, FIRST);
        assertThat(rows).hasSize(12);
        assertThat(rows.get(rows.size() - 1)[1]).isPositive();
        for (long[] row : rows) {
            assertThat(row[0]).isEqualTo(row[1]);
        }
    }
}
