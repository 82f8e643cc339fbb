package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void sample() throws Exception {
        db = dir.resolve("demo.duckdb").toString();
        Workspaces.demoFile(Path.of(db));
        Path naive = Files2.write(dir, "naive.sql", SampleData.jobSql(SampleData.NAIVE_JOB));
        assertThat(CliRunner.run("job", "save", "--db", db, "--name", "naive", "--target", "naive_out", "--sql-file",
                naive.toString()).exitCode()).isZero();
        CliRunner.Result run = CliRunner.run("run", "--db", db, "--job", "naive", "--dates", "2024-09-02..2024-09-04");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private void sql(String statement) throws Exception {
        try (Workspace ws = Workspace.open(Path.of(db))) {
            ws.db().update(statement);
        }
    }

    @Test
    void reproducibleDaysPrintOneLineEachAndASummaryAndExitZero() {
        CliRunner.Result r = CliRunner.run("verify", "--db", db, "--job", "naive", "--dates", "2024-09-02..2024-09-04,2024-09-10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("2024-09-02  REPRODUCIBLE  \\(v1, [0-9,]+ rows\\)");
        assertThat(lines.get(3)).isEqualTo("2024-09-10  NOT_RUN       2024-09-10 was never run for job naive: there is no output to verify.");
        assertThat(lines.get(4)).isEqualTo("Verified 4 days of job naive: 3 reproducible, 1 not run.");
    }

    @Test
    void driftedDaysShowAddedAndRemovedAndExitOne() throws Exception {
        sql("UPDATE item SET status = CASE status WHEN 'ACTIVE' THEN 'PASSIVE' ELSE 'ACTIVE' END WHERE id % 5 = 0");
        CliRunner.Result r = CliRunner.run("verify", "--db", db, "--job", "naive", "--dates", "2024-09-03");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out().lines().findFirst().orElseThrow())
                .matches("2024-09-03  DRIFTED       \\+[0-9,]+ \u2212[0-9,]+  \\(v1, [0-9,]+ stored, [0-9,]+ now\\)");
        assertThat(r.out()).contains("Verified 1 days of job naive: 1 drifted.");
    }

    @Test
    void jsonHasTheDesignShapeWithAMessageForDaysNotRun() throws Exception {
        sql("UPDATE item SET status = CASE status WHEN 'ACTIVE' THEN 'PASSIVE' ELSE 'ACTIVE' END WHERE id % 5 = 0");
        CliRunner.Result r = CliRunner.run("verify", "--db", db, "--job", "naive", "--dates", "2024-09-02,2024-09-20", "--json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("job", "days");
        assertThat(doc.get("job").asText()).isEqualTo("naive");
        JsonNode drifted = doc.get("days").get(0);
        List<String> dayKeys = new ArrayList<>();
        drifted.fieldNames().forEachRemaining(dayKeys::add);
        assertThat(dayKeys).containsExactly("date", "result", "added", "removed");
        assertThat(drifted.get("date").asText()).isEqualTo("2024-09-02");
        assertThat(drifted.get("result").asText()).isEqualTo("DRIFTED");
        assertThat(drifted.get("added").asLong() + drifted.get("removed").asLong()).isPositive();
        JsonNode notRun = doc.get("days").get(1);
        assertThat(notRun.get("result").asText()).isEqualTo("NOT_RUN");
        assertThat(notRun.get("added").asLong()).isZero();
        assertThat(notRun.get("removed").asLong()).isZero();
        assertThat(notRun.get("message").asText()).isEqualTo("2024-09-20 was never run for job naive: there is no output to verify.");
    }

    @Test
    void anUnknownJobOrABadDaySetExitsTwoWithOneSentence() {
        CliRunner.Result job = CliRunner.run("verify", "--db", db, "--job", "nope", "--dates", "2024-09-02");
        assertThat(job.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(job.err().strip()).isEqualTo("No job named nope.");
        CliRunner.Result days = CliRunner.run("verify", "--db", db, "--job", "naive", "--dates", "2024-09-31");
        assertThat(days.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(days.err().strip()).isEqualTo("\"2024-09-31\" in the day set \"2024-09-31\" is not a real date.");
        assertThat(CliRunner.run("verify", "--db", db, "--job", "naive").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aRerunLinePrintsHowManyRowsItReplacedAndWhatChanged() throws Exception {
        sql("DELETE FROM item_events WHERE event_id IN (SELECT event_id FROM naive_out WHERE partition_date = DATE '2024-09-03'"
                + " ORDER BY event_id LIMIT 5)");
        long before;
        try (Workspace ws = Workspace.open(Path.of(db))) {
            before = ws.db().queryLong("SELECT count(*) FROM naive_out WHERE partition_date = DATE '2024-09-03'");
        }
        CliRunner.Result r = CliRunner.run("run", "--db", db, "--job", "naive", "--dates", "2024-09-03");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(String.format("  replaced %,d rows: +0 \u22125  (1/1)", before));
    }
}
