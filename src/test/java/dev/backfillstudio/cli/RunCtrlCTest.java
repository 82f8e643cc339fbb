package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.Main;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.run.RunOutcome;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCtrlCTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCDuringRunCancelsItKeepsFinishedDaysAndRecordsTheRunCancelled() throws Exception {
        // a shell without job control starts background commands with SIGINT ignored, and the child inherits that:
        // the JVM then installs no handler for it, so no Ctrl-C can reach the run (the SIGTERM test below still runs)
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored by this process and so by the run it starts");
        interruptsTheRunWith("-INT");
    }

    @Test
    void sigtermDuringRunCancelsItKeepsFinishedDaysAndRecordsTheRunCancelled() throws Exception {
        // what a service manager or `kill` sends: the same shutdown path as Ctrl-C
        interruptsTheRunWith("-TERM");
    }

    private void interruptsTheRunWith(String signal) throws Exception {
        LocalDate first = LocalDate.of(2024, 1, 1);
        Path file = dir.resolve("w.duckdb");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE work AS SELECT DATE '2024-01-01' + i::INTEGER AS day,"
                    + " CASE WHEN i < 2 THEN 10 ELSE 5000000 END AS n FROM range(5) t(i)");
            new JobStore(ws).save("slow", "slow_out", "SELECT w.day AS d, count(*) AS c"
                    + " FROM work w, range(w.n) a, range(w.n) b WHERE w.day = {DATE} GROUP BY ALL");
        }
        try (ChildJvm child = ChildJvm.start(Main.class, "run", "--db", file.toString(), "--job", "slow",
                "--dates", "2024-01-01..2024-01-05")) {
            assertThat(child.readLine()).startsWith("2024-01-01  SUCCEEDED");
            assertThat(child.readLine()).startsWith("2024-01-02  SUCCEEDED");
            Process interrupt = new ProcessBuilder("kill", signal, Long.toString(child.pid())).start();
            assertThat(interrupt.waitFor(10, TimeUnit.SECONDS)).isTrue();
            child.waitFor();
        }
        try (Workspace ws = Workspace.open(file)) {
            assertThat(new RunHistory(ws).runs("slow").get(0).outcome()).isEqualTo(RunOutcome.CANCELLED);
            List<DayInfo> days = new StatusReader(ws).days("slow", first, first.plusDays(4));
            assertThat(days).extracting(DayInfo::status).containsExactly(DayStatus.SUCCEEDED, DayStatus.SUCCEEDED,
                    DayStatus.MISSING, DayStatus.MISSING, DayStatus.MISSING);
        }
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status); false where that cannot be read. */
    private static boolean sigintIgnored() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                    .map(l -> Long.parseLong(l.substring("SigIgn:".length()).strip(), 16)).anyMatch(mask -> (mask & 0x2) != 0);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
