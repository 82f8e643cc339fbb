package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

    @TempDir
    static Path dir;

    static String db;

    @BeforeAll
    static void demo() throws Exception {
        db = dir.resolve("demo.duckdb").toString();
        Workspaces.demoFile(Path.of(db));
        try (Workspace ws = Workspace.open(Path.of(db))) {
            ws.db().execute("CREATE TABLE country AS SELECT 'FR' AS code");
            ws.db().update("INSERT INTO bfs.jobs (name, target, current_version) VALUES ('naive', 'naive_out', 2)");
            ws.db().update("INSERT INTO bfs.job_versions (job, version, sql, hash) VALUES ('naive', 1, 'SELECT 1', 'h1')");
            ws.db().update("INSERT INTO bfs.job_versions (job, version, sql, hash) VALUES ('naive', 2, ?, 'h2')",
                    SampleData.jobSql(SampleData.NAIVE_JOB));
        }
    }

    @Test
    void aCleanJobPrintsNoFindingsAndExitsZero() throws Exception {
        Path sql = Files2.write(dir, "snapshot.sql", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
        CliRunner.Result r = CliRunner.run("lint", "--db", db, "--sql-file", sql.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("no findings");
    }

    @Test
    void warningsArePrintedWithTheirFixAndExitZero() {
        CliRunner.Result r = CliRunner.run("lint", "--db", db, "--job", "naive");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("WARNING MUTABLE_READ: Rerunning a past day reads today's `item`; read `item_snapshot`"
                + " with `snapshot_date = {DATE}` or `item_history_asof({DATE})`.").contains("  fix: ");
    }

    @Test
    void anErrorIsPrintedAndExitsOne() throws Exception {
        Path sql = Files2.write(dir, "drop.sql", "DROP TABLE item_events");
        CliRunner.Result r = CliRunner.run("lint", "--db", db, "--sql-file", sql.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).startsWith("ERROR NOT_A_QUERY: This is a DROP statement, not a read-only query");
        try (Workspace ws = Workspace.open(Path.of(db))) {
            assertThat(TableCatalog.exists(ws.db(), "item_events")).isTrue();
        }
    }

    @Test
    void staticMarksTablesInTheMetadataBeforeLinting() throws Exception {
        Path sql = Files2.write(dir, "country.sql", "SELECT e.*, c.code FROM item_events e, country c WHERE e.date = {DATE}");
        CliRunner.Result warned = CliRunner.run("lint", "--db", db, "--sql-file", sql.toString());
        assertThat(warned.out()).contains("WARNING MUTABLE_READ").contains("`country`");

        CliRunner.Result r = CliRunner.run("lint", "--db", db, "--sql-file", sql.toString(), "--static", "country");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("no findings");
        try (Workspace ws = Workspace.open(Path.of(db))) {
            assertThat(TableCatalog.kindOf(ws.db(), "country")).contains(TableKind.STATIC);
        }
        CliRunner.Result refused = CliRunner.run("lint", "--db", db, "--sql-file", sql.toString(), "--static", "item_snapshot");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("item_snapshot is a snapshot table");
    }

    @Test
    void badUsageAndUnknownInputsExitTwo() {
        CliRunner.Result unknownJob = CliRunner.run("lint", "--db", db, "--job", "nope");
        assertThat(unknownJob.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownJob.err().strip()).isEqualTo("No job named nope.");

        CliRunner.Result missing = CliRunner.run("lint", "--db", db, "--sql-file", dir.resolve("absent.sql").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("absent.sql does not exist.");

        assertThat(CliRunner.run("lint", "--db", db).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(CliRunner.run("lint", "--db", db, "--job", "naive", "--sql-file", "x.sql").exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
    }
}
