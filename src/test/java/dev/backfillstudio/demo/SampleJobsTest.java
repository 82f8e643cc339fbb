package dev.backfillstudio.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.verify.VerifyOutcome;
import dev.backfillstudio.verify.VerifyResult;
import dev.backfillstudio.verify.Verifier;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleJobsTest {

    @TempDir
    Path dir;

    @Test
    void theSampleShowsEveryStatusAndTheNaiveJobDriftsWhileTheReproducibleOnesDoNot() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("demo.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            new DemoBuilder(ws).buildSampleWithJobs();
            Map<LocalDate, DayInfo> snapshotJob = new StatusReader(ws).days(SampleData.SNAPSHOT_JOB, SampleData.FIRST_DAY,
                    SampleData.LAST_DAY).stream().collect(Collectors.toMap(DayInfo::day, Function.identity()));
            assertThat(snapshotJob.get(LocalDate.of(2024, 9, 5)).status()).isEqualTo(DayStatus.STALE);
            assertThat(snapshotJob.get(LocalDate.of(2024, 10, 5)).status()).isEqualTo(DayStatus.SUCCEEDED);
            assertThat(snapshotJob.get(LocalDate.of(2024, 10, 13)).status()).isEqualTo(DayStatus.FAILED);
            assertThat(snapshotJob.get(LocalDate.of(2024, 10, 13)).inputMissing()).isTrue();
            assertThat(snapshotJob.get(LocalDate.of(2024, 10, 25)).status()).isEqualTo(DayStatus.MISSING);

            // today's item table is back in place after the naive job's daily runs
            assertThat(ws.db().queryLong("SELECT count(*) FROM item")).isEqualTo(214);
            assertThat(ws.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'item_today'")).isZero();

            DaySet week = DaySet.range(SampleData.FIRST_DAY, SampleData.FIRST_DAY.plusDays(6));
            List<VerifyResult> naive = new Verifier(ws).verify(SampleData.NAIVE_JOB, week, null);
            assertThat(naive).extracting(VerifyResult::outcome).containsOnly(VerifyOutcome.DRIFTED);
            assertThat(new Verifier(ws).verify(SampleData.HISTORY_JOB, week, null))
                    .extracting(VerifyResult::outcome).containsOnly(VerifyOutcome.REPRODUCIBLE);
            // what the naive job stored then is what the snapshot job computes now
            assertThat(ws.db().queryLong("""
                    SELECT count(*) FROM (
                      (SELECT event_id, partition_date FROM active_item_events_naive_out WHERE partition_date <= DATE '2024-10-20'
                         AND partition_date <> DATE '2024-10-13'
                       EXCEPT ALL SELECT event_id, partition_date FROM active_item_events WHERE partition_date <= DATE '2024-10-20')
                      UNION ALL
                      (SELECT event_id, partition_date FROM active_item_events WHERE partition_date <= DATE '2024-10-20'
                         AND partition_date <> DATE '2024-10-13'
                       EXCEPT ALL SELECT event_id, partition_date FROM active_item_events_naive_out
                         WHERE partition_date <= DATE '2024-10-20' AND partition_date <> DATE '2024-10-13'))
                    """)).isZero();
        }
    }
}
