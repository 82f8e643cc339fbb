package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void workspace() throws Exception {
        Path file = dir.resolve("w.duckdb");
        db = file.toString();
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            Db d = ws.db();
            d.update("INSERT INTO bfs.jobs (name, target, current_version) VALUES ('daily', 'daily_out', 1), ('fresh', 'fresh_out', 1)");
            d.execute("CREATE TABLE daily_out AS SELECT i AS item_id, DATE '2024-09-01' + (i % 3)::INTEGER AS partition_date FROM range(30) r(i)");
            for (int day = 1; day <= 3; day++) {
                d.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, rows, started_at, duration_ms)"
                        + " VALUES (nextval('bfs.run_ids'), 'daily', ?, 1, 'SUCCEEDED', 10, current_timestamp, 1)", LocalDate.of(2024, 9, day));
            }
            d.execute("CREATE TABLE item AS SELECT 1 AS id, 'a' AS name");
        }
    }

    @Test
    void exportsAJobAndPrintsThePathRowsAndTime() {
        Path out = dir.resolve("daily.parquet");
        CliRunner.Result r = CliRunner.run("export", "--db", db, "--job", "daily", "--dates", "2024-09-01..2024-09-02",
                "--format", "parquet", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).matches("Exported 20 rows of job daily \\(2024-09-01\\.\\.2024-09-02\\) to " + java.util.regex.Pattern.quote(out.toString())
                + " \\(parquet\\) in \\d+\\.\\d s\\R");
        assertThat(out).isRegularFile();
    }

    @Test
    void exportsATablePartitionedAndOverwritesOnlyWhenAsked() {
        Path out = dir.resolve("daily");
        CliRunner.Result first = CliRunner.run("export", "--db", db, "--table", "daily_out", "--format", "csv", "--out", out.toString(), "--partitioned");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Exported 30 rows of table daily_out", "(csv, one folder per day)");
        assertThat(out.resolve("partition_date=2024-09-02/data_0.csv")).isRegularFile();
        CliRunner.Result again = CliRunner.run("export", "--db", db, "--table", "daily_out", "--format", "csv", "--out", out.toString(), "--partitioned");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).isEqualTo(out + " already exists; add --overwrite to replace it." + System.lineSeparator());
        CliRunner.Result replaced = CliRunner.run("export", "--db", db, "--table", "item", "--format", "json", "--out", dir.resolve("item.json").toString(), "--overwrite");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    }

    @Test
    void badInputExitsWithTwoAndOneSentence() {
        Path out = dir.resolve("x.csv");
        assertBad("There is no job nope in the workspace.", "--job", "nope", "--format", "csv", "--out", out.toString());
        assertBad("Job fresh has never run: there is no output to export yet.", "--job", "fresh", "--format", "csv", "--out", out.toString());
        assertBad("Job daily has no output for 2024-09-04..2024-09-05: those days never ran successfully; run them first or leave them"
                + " out of the day set.", "--job", "daily", "--dates", "2024-09-03..2024-09-05", "--format", "csv", "--out", out.toString());
        assertBad("\"2024-09-31\" in the day set \"2024-09-31\" is not a real date.",
                "--job", "daily", "--dates", "2024-09-31", "--format", "csv", "--out", out.toString());
        assertBad("There is no table nope in the workspace.", "--table", "nope", "--format", "csv", "--out", out.toString());
        assertBad("\"xlsx\" is not an export format: use csv, parquet or json.", "--table", "item", "--format", "xlsx", "--out", out.toString());
        Path missing = dir.resolve("missing/x.csv");
        assertBad("Cannot export to " + missing + ": the folder " + missing.getParent() + " does not exist.",
                "--table", "item", "--format", "csv", "--out", missing.toString());
        assertBad("--dates selects days of a job's output; it cannot be used with --table.",
                "--table", "item", "--dates", "2024-09-01", "--format", "csv", "--out", out.toString());
        assertBad("Cannot partition table item by day: it has no date column; export it without --partitioned.",
                "--table", "item", "--format", "csv", "--out", out.toString(), "--partitioned");
        assertThat(out).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRunner.Result both = CliRunner.run("export", "--db", db, "--job", "daily", "--table", "item", "--format", "csv", "--out", "x.csv");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).contains("mutually exclusive");
        CliRunner.Result neither = CliRunner.run("export", "--db", db, "--format", "csv", "--out", "x.csv");
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(neither.err()).contains("Missing required argument");
        CliRunner.Result noWorkspace = CliRunner.run("export", "--db", dir.resolve("none.duckdb").toString(), "--table", "item",
                "--format", "csv", "--out", dir.resolve("x.csv").toString());
        assertThat(noWorkspace.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.exists(dir.resolve("none.duckdb"))).isFalse();
    }

    private void assertBad(String sentence, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "export";
        all[1] = "--db";
        all[2] = db;
        System.arraycopy(args, 0, all, 3, args.length);
        CliRunner.Result r = CliRunner.run(all);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo(sentence + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }
}
