package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRenameDeleteCommandTest {

    static final LocalDate FROM = LocalDate.of(2024, 9, 1);
    static final LocalDate TO = LocalDate.of(2024, 10, 31);

    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void sample() {
        db = dir.resolve("demo.duckdb").toString();
        Workspaces.demoFile(Path.of(db));
    }

    private Workspace open() {
        return Workspace.open(Path.of(db), Workspace.OpenMode.EXISTING);
    }

    @Test
    void renameCarriesTheVersionsRunsAndDayStatusesToTheNewNameAndKeepsTheOutputTable() {
        List<DayInfo> before;
        int runs;
        String target;
        try (Workspace ws = open()) {
            before = new StatusReader(ws).days(SampleData.SNAPSHOT_JOB, FROM, TO);
            runs = new RunHistory(ws).runs(SampleData.SNAPSHOT_JOB).size();
            target = new JobStore(ws).get(SampleData.SNAPSHOT_JOB).target();
        }
        CliRunner.Result r = CliRunner.run("job", "rename", "--db", db, "--name", SampleData.SNAPSHOT_JOB, "--to", "daily_active");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("Renamed job " + SampleData.SNAPSHOT_JOB + " to daily_active (it still writes " + target + ").");
        try (Workspace ws = open()) {
            JobStore jobs = new JobStore(ws);
            assertThat(jobs.find(SampleData.SNAPSHOT_JOB)).isEmpty();
            assertThat(jobs.get("daily_active").target()).isEqualTo(target);
            assertThat(jobs.versions("daily_active")).isNotEmpty();
            assertThat(new RunHistory(ws).runs("daily_active")).hasSize(runs);
            assertThat(new RunHistory(ws).runs(SampleData.SNAPSHOT_JOB)).isEmpty();
            assertThat(new StatusReader(ws).days("daily_active", FROM, TO)).isEqualTo(before);
        }
        CliRunner.Result status = CliRunner.run("status", "--db", db, "--job", "daily_active", "--month", "2024-10");
        assertThat(status.exitCode()).as(status.err()).isIn(0, 1);
        assertThat(status.out()).contains("2024-10-05");
    }

    @Test
    void renameRefusesATakenOrInvalidNameWithExitTwoAndChangesNothing() throws Exception {
        String before = WorkspaceState.of(Path.of(db));
        CliRunner.Result taken = CliRunner.run("job", "rename", "--db", db, "--name", SampleData.SNAPSHOT_JOB, "--to", SampleData.NAIVE_JOB);
        assertThat(taken.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(taken.err().strip()).isEqualTo("There is already a job named " + SampleData.NAIVE_JOB + "; choose another name.");
        CliRunner.Result bad = CliRunner.run("job", "rename", "--db", db, "--name", SampleData.SNAPSHOT_JOB, "--to", "no spaces");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err().strip()).startsWith("\"no spaces\" is not a valid job name");
        CliRunner.Result unknown = CliRunner.run("job", "rename", "--db", db, "--name", "nope", "--to", "other");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err().strip()).isEqualTo("No job named nope.");
        assertThat(WorkspaceState.of(Path.of(db))).isEqualTo(before);
    }

    @Test
    void deleteRemovesTheJobsRecordsAndKeepsItsOutputUnlessAskedToDropIt() throws Exception {
        String keptTarget;
        long keptRows;
        try (Workspace ws = open()) {
            keptTarget = new JobStore(ws).get(SampleData.NAIVE_JOB).target();
            keptRows = ws.db().queryLong("SELECT count(*) FROM " + keptTarget);
        }
        CliRunner.Result kept = CliRunner.run("job", "delete", "--db", db, "--name", SampleData.NAIVE_JOB);
        assertThat(kept.exitCode()).as(kept.err()).isZero();
        assertThat(kept.out()).startsWith("Deleted job " + SampleData.NAIVE_JOB + ": its 1 version, ")
                .contains(String.format("Kept its output table %s (%,d rows) as a plain table.", keptTarget, keptRows));

        String droppedTarget;
        try (Workspace ws = open()) {
            assertThat(new JobStore(ws).find(SampleData.NAIVE_JOB)).isEmpty();
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.attempts WHERE job = ?", SampleData.NAIVE_JOB)).isZero();
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.runs WHERE job = ?", SampleData.NAIVE_JOB)).isZero();
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.job_versions WHERE job = ?", SampleData.NAIVE_JOB)).isZero();
            assertThat(ws.db().queryLong("SELECT count(*) FROM " + keptTarget)).isEqualTo(keptRows);
            droppedTarget = new JobStore(ws).get(SampleData.HISTORY_JOB).target();
        }
        CliRunner.Result dropped = CliRunner.run("job", "delete", "--db", db, "--name", SampleData.HISTORY_JOB, "--drop-output");
        assertThat(dropped.exitCode()).as(dropped.err()).isZero();
        assertThat(dropped.out()).contains("Dropped its output table " + droppedTarget);
        try (Workspace ws = open()) {
            assertThat(TableCatalog.exists(ws.db(), droppedTarget)).isFalse();
            assertThat(new JobStore(ws).list()).extracting(j -> j.name()).containsExactly(SampleData.SNAPSHOT_JOB, SampleData.DOWNSTREAM_JOB);
        }
        CliRunner.Result again = CliRunner.run("job", "delete", "--db", db, "--name", SampleData.HISTORY_JOB);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err().strip()).isEqualTo("No job named " + SampleData.HISTORY_JOB + ".");
    }
}
