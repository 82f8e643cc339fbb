package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunStatusCommandsTest {

    @TempDir
    Path dir;
    String db;
    Path snapSql;

    @BeforeEach
    void sample() throws Exception {
        db = dir.resolve("demo.duckdb").toString();
        Workspaces.demoFile(Path.of(db));
        snapSql = Files2.write(dir, "snap.sql", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
    }

    private CliRunner.Result cli(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void jobSaveListAndShowPrintVersionsAndSql() throws Exception {
        CliRunner.Result saved = cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", snapSql.toString());
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        assertThat(saved.out()).startsWith("Saved job snap version 1 (target snap_out, hash ");
        assertThat(cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", snapSql.toString()).out())
                .isEqualTo("Job snap is unchanged: its SQL is version 1 already.\n");
        Path v2 = Files2.write(dir, "v2.sql", SampleData.jobSql(SampleData.SNAPSHOT_JOB) + "\n  AND e.kind = 'view'");
        assertThat(cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", v2.toString()).out())
                .startsWith("Saved job snap version 2");

        CliRunner.Result list = cli("job", "list", "--db", db);
        assertThat(list.out()).contains("snap").contains("snap_out").contains("2");
        CliRunner.Result show = cli("job", "show", "--db", db, "--name", "snap", "--version", "1");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("current version 2").contains("SQL of version 1:")
                .contains(SampleData.jobSql(SampleData.SNAPSHOT_JOB).strip()).doesNotContain("e.kind = 'view'");
        assertThat(cli("job", "show", "--db", db, "--name", "snap", "--version", "7").err().strip()).isEqualTo("Job snap has no version 7.");
    }

    @Test
    void jobSaveRefusesAStatementThatIsNotAQueryWithExitTwoAndOneSentence() throws Exception {
        Path bad = Files2.write(dir, "bad.sql", "DELETE FROM item_events WHERE date = {DATE}");
        CliRunner.Result r = cli("job", "save", "--db", db, "--name", "bad", "--target", "bad_out", "--sql-file", bad.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("Job bad is not a read-only query").doesNotContain("\n");
        assertThat(cli("job", "list", "--db", db).out()).doesNotContain("bad_out");
        assertThat(cli("job", "--help").exitCode()).isZero();
        assertThat(cli("job", "show", "--help").out()).contains("--version");
    }

    @Test
    void runExitsZeroWhenAllDaysSucceedAndOneNamingTheFailedDayAndWhy() throws Exception {
        cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", snapSql.toString());
        CliRunner.Result ok = cli("run", "--db", db, "--job", "snap", "--dates", "2024-10-10..2024-10-12");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out().lines().filter(l -> l.contains("SUCCEEDED")).count()).isEqualTo(3);
        assertThat(ok.out()).contains("3 of 3 days succeeded");

        CliRunner.Result bad = cli("run", "--db", db, "--job", "snap", "--dates", "2024-10-12..2024-10-14");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(bad.out()).contains("2024-10-13  FAILED     item_snapshot has no snapshot for 2024-10-13");
        assertThat(bad.err()).contains("1 of 3 days of job snap failed:")
                .contains("  2024-10-13: item_snapshot has no snapshot for 2024-10-13");

        CliRunner.Result failed = cli("run", "--db", db, "--job", "snap", "--failed");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.out()).contains("0 of 1 days succeeded");
    }

    @Test
    void runUsageErrorsAreExitTwo() {
        cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", snapSql.toString());
        assertThat(cli("run", "--db", db, "--job", "snap").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli("run", "--db", db, "--job", "snap", "--dates", "2024-09-01", "--stale").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRunner.Result missing = cli("run", "--db", db, "--job", "snap", "--missing");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("--missing needs --from and --to: a job has no natural last day.");
        assertThat(cli("run", "--db", db, "--job", "nope", "--dates", "2024-09-01").err().strip()).isEqualTo("No job named nope.");
        assertThat(cli("run", "--db", db, "--job", "snap", "--dates", "2024-02-30").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli("run", "--db", db, "--job", "snap", "--stale", "--from", "yesterday").err().strip())
                .isEqualTo("--from \"yesterday\" is not a day (YYYY-MM-DD).");
    }

    @Test
    void staleRerunsExactlyTheDaysMadeByAnOlderVersionAndMissingFillsTheGaps() throws Exception {
        cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", snapSql.toString());
        cli("run", "--db", db, "--job", "snap", "--dates", "2024-09-01..2024-09-03,2024-09-05");
        Path v2 = Files2.write(dir, "v2.sql", SampleData.jobSql(SampleData.SNAPSHOT_JOB) + "\n  AND e.kind = 'view'");
        cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", v2.toString());
        cli("run", "--db", db, "--job", "snap", "--dates", "2024-09-02");

        CliRunner.Result stale = cli("run", "--db", db, "--job", "snap", "--stale");
        assertThat(stale.exitCode()).as(stale.err()).isZero();
        assertThat(days(stale.out())).containsExactly("2024-09-01", "2024-09-03", "2024-09-05");
        assertThat(cli("run", "--db", db, "--job", "snap", "--stale").out()).startsWith("No days to run for job snap: none is stale.");

        CliRunner.Result missing = cli("run", "--db", db, "--job", "snap", "--missing", "--from", "2024-09-01", "--to", "2024-09-06");
        assertThat(days(missing.out())).containsExactly("2024-09-04", "2024-09-06");
    }

    private static List<String> days(String out) {
        List<String> days = new ArrayList<>();
        out.lines().filter(l -> l.matches("\\d{4}-\\d{2}-\\d{2}  .*")).forEach(l -> days.add(l.substring(0, 10)));
        return days;
    }

    @Test
    void statusJsonHasTheShapeOfTheDesignAndThePlainFormIsAMonthTable() throws Exception {
        cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", snapSql.toString());
        cli("run", "--db", db, "--job", "snap", "--dates", "2024-09-01,2024-10-13");
        CliRunner.Result r = cli("status", "--db", db, "--job", "snap", "--dates", "2024-09-01..2024-09-02,2024-10-13", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("job").asText()).isEqualTo("snap");
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        assertThat(doc.get("days")).hasSize(3);
        JsonNode first = doc.get("days").get(0);
        assertThat(iterable(first.fieldNames())).containsExactly("date", "status", "version", "rows", "fingerprint", "error", "reasons");
        assertThat(first.get("date").asText()).isEqualTo("2024-09-01");
        assertThat(first.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("rows").asLong()).isPositive();
        assertThat(first.get("fingerprint").asText()).isNotEmpty();
        assertThat(first.get("error").isNull()).isTrue();
        JsonNode missing = doc.get("days").get(1);
        assertThat(missing.get("status").asText()).isEqualTo("MISSING");
        assertThat(missing.get("version").isNull()).isTrue();
        assertThat(missing.get("rows").isNull()).isTrue();
        JsonNode failed = doc.get("days").get(2);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).isEqualTo("item_snapshot has no snapshot for 2024-10-13");

        CliRunner.Result plain = cli("status", "--db", db, "--job", "snap");
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).contains("September 2024 (29 missing, 1 succeeded)").contains("October 2024 (30 missing, 1 failed)")
                .contains("item_snapshot has no snapshot for 2024-10-13");
        assertThat(plain.out().lines().filter(l -> l.matches("  20\\d\\d-.*")).count()).isEqualTo(61);
        // the columns line up under their heads: dates, English day names, right-aligned numbers
        assertThat(plain.out()).contains("  date        dow  status     version        rows  fingerprint           note");
        assertThat(plain.out().lines().filter(l -> l.startsWith("  2024-09-01"))).singleElement().asString()
                .matches("  2024-09-01  Sun  SUCCEEDED        1  [ ,0-9]{10}  [0-9a-f]+ *  ");
        assertThat(plain.out()).contains("  2024-09-02  Mon  MISSING          -           -  -                     ");
        CliRunner.Result month = cli("status", "--db", db, "--job", "snap", "--month", "2024-10", "--json");
        assertThat(new ObjectMapper().readTree(month.out()).get("days")).hasSize(31);
        assertThat(cli("status", "--db", db, "--job", "snap", "--month", "2024-13").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aRunRecordsItsHistoryInTheWorkspace() throws Exception {
        cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", snapSql.toString());
        cli("run", "--db", db, "--job", "snap", "--dates", "2024-09-01");
        try (Workspace ws = Workspace.open(Path.of(db))) {
            assertThat(ws.db().queryOne("SELECT outcome FROM bfs.runs", rs -> rs.getString(1))).contains("SUCCEEDED");
        }
    }

    @Test
    void aOneRowDayIsPrintedAsOneRowNotOneRows() throws Exception {
        Path one = Files2.write(dir, "one.sql", "SELECT count(*) AS events FROM item_events WHERE date = {DATE}");
        cli("job", "save", "--db", db, "--name", "one", "--target", "one_out", "--sql-file", one.toString());
        CliRunner.Result run = cli("run", "--db", db, "--job", "one", "--dates", "2024-10-10");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2024-10-10  SUCCEEDED  1 row  ").contains("1 of 1 days succeeded, 1 row.")
                .doesNotContain("1 rows");
        Path two = Files2.write(dir, "two.sql", "SELECT count(*) + 1 AS events FROM item_events WHERE date = {DATE}");
        cli("job", "save", "--db", db, "--name", "one", "--target", "one_out", "--sql-file", two.toString());
        CliRunner.Result rerun = cli("run", "--db", db, "--job", "one", "--dates", "2024-10-10");
        assertThat(rerun.out()).contains("replaced 1 row: +1 \u22121").doesNotContain("1 rows");
        CliRunner.Result verify = cli("verify", "--db", db, "--job", "one", "--dates", "2024-10-10");
        assertThat(verify.out()).contains("(v2, 1 row)");
    }

    @Test
    void aDayThatFailedForWantOfItsSnapshotSaysSoOnceTheSnapshotArrivesUntilRunFailedFillsIt() throws Exception {
        cli("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", snapSql.toString());
        cli("run", "--db", db, "--job", "snap", "--dates", "2024-10-13");
        String failedLine = "2024-10-13  Sun  FAILED";
        assertThat(statusLine(failedLine)).endsWith("item_snapshot has no snapshot for 2024-10-13");

        Path late = Files2.write(dir, "item_2024-10-13.csv", Files.readString(
                Path.of("sample-data/item_snapshots/item_2024-10-12.csv")).replace("2024-10-12", "2024-10-13"));
        CliRunner.Result load = cli("snapshot", "--db", db, "--table", "item_snapshot", "--csv", late.toString(),
                "--date-column", "snapshot_date");
        assertThat(load.exitCode()).as(load.err()).isZero();
        assertThat(statusLine(failedLine)).endsWith("item_snapshot has no snapshot for 2024-10-13"
                + " (the input is there now: run --failed fills the day)");

        assertThat(cli("run", "--db", db, "--job", "snap", "--failed").exitCode()).isZero();
        assertThat(statusLine("2024-10-13  Sun  SUCCEEDED")).doesNotContain("input");
    }

    private String statusLine(String start) {
        CliRunner.Result status = cli("status", "--db", db, "--job", "snap", "--month", "2024-10");
        return status.out().lines().filter(l -> l.startsWith("  " + start)).findFirst().orElseThrow(
                () -> new AssertionError("no line " + start + " in\n" + status.out())).strip();
    }
}
