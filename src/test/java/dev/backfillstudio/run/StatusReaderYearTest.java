package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.demo.GeneratedWorkspace;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A year of statuses as the calendar reads it; how fast is the benchmark's status_365 (target 20 ms). */
class StatusReaderYearTest {

    @TempDir
    Path dir;

    @Test
    void aYearOfStatusesHasEveryDayTheRunDaysSucceededAndTheOthersMissing() {
        GeneratedWorkspace.Size size = new GeneratedWorkspace.Size(200, 365, 20_000);
        try (Workspace ws = Workspaces.empty(dir)) {
            new DemoBuilder(ws).buildGenerated(size);
            new JobStore(ws).save("snap", "snap_out", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
            LocalDate first = GeneratedWorkspace.FIRST_DAY;
            LocalDate last = GeneratedWorkspace.lastDay(size);
            RunSummary run = new Backfill(ws).run("snap", DaySet.range(first, first.plusDays(179)), RunListener.NONE);
            assertThat(run.outcome()).isEqualTo(RunOutcome.SUCCEEDED);

            List<DayInfo> days = new StatusReader(ws).days("snap", first, last);
            assertThat(days).hasSize(365);
            assertThat(days).extracting(DayInfo::day).startsWith(first).endsWith(last).doesNotHaveDuplicates();
            assertThat(days.subList(0, 180)).allSatisfy(d -> assertThat(d.status()).isEqualTo(DayStatus.SUCCEEDED));
            assertThat(days.subList(180, 365)).allSatisfy(d -> assertThat(d.status()).isEqualTo(DayStatus.MISSING));
        }
    }
}
