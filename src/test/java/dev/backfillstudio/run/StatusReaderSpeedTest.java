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

class StatusReaderSpeedTest {

    @TempDir
    Path dir;

    @Test
    void theStatusOf365DaysIsReadInWellUnderHalfASecond() {
        GeneratedWorkspace.Size size = new GeneratedWorkspace.Size(200, 365, 20_000);
        try (Workspace ws = Workspaces.empty(dir)) {
            new DemoBuilder(ws).buildGenerated(size);
            new JobStore(ws).save("snap", "snap_out", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
            LocalDate first = GeneratedWorkspace.FIRST_DAY;
            LocalDate last = GeneratedWorkspace.lastDay(size);
            RunSummary run = new Backfill(ws).run("snap", DaySet.range(first, first.plusDays(179)), RunListener.NONE);
            assertThat(run.outcome()).isEqualTo(RunOutcome.SUCCEEDED);

            StatusReader reader = new StatusReader(ws);
            reader.days("snap", first, last);
            long best = Long.MAX_VALUE;
            List<DayInfo> days = List.of();
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                days = reader.days("snap", first, last);
                best = Math.min(best, System.nanoTime() - t0);
            }
            assertThat(days).hasSize(365);
            assertThat(days.stream().filter(d -> d.status() == DayStatus.SUCCEEDED).count()).isEqualTo(180);
            assertThat(best / 1_000_000).as("best of 5, ms").isLessThan(500);
            System.err.printf("StatusReader over 365 days: %.1f ms (best of 5)%n", best / 1e6);
        }
    }
}
