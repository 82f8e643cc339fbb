package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Files2;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoundationCommandsTest {

    @TempDir
    Path dir;

    @Test
    void initThenImportThenRefuseABadFileWithExitTwoAndOneSentence() throws Exception {
        String db = dir.resolve("w.duckdb").toString();
        assertThat(CliRunner.run("init", "--db", db).exitCode()).isZero();
        Path good = Files2.write(dir, "item.csv", "id,name,status\n1,a,ACTIVE\n2,b,PASSIVE\n");
        CliRunner.Result ok = CliRunner.run("import", "--db", db, "--table", "item", "--csv", good.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("Created item: 2 rows from item.csv");

        Path bad = Files2.write(dir, "bad.csv", "id,name,status\n3,c\n");
        CliRunner.Result refused = CliRunner.run("import", "--db", db, "--table", "item2", "--csv", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err().strip()).isEqualTo(bad.toAbsolutePath() + " line 2: expected 3 columns but found 2.");
        assertThat(refused.err()).doesNotContain("Exception").doesNotContain("\tat ");
        try (Workspace ws = Workspace.open(Path.of(db))) {
            assertThat(ws.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'item2'")).isZero();
        }
    }

    @Test
    void unknownFlagsAndMissingOptionsAreUsageErrors() {
        CliRunner.Result r = CliRunner.run("import", "--db", dir.resolve("w.duckdb").toString(), "--tabel", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("Unknown option: '--tabel'");
        assertThat(CliRunner.run("frobnicate").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : BackfillCli.commandLine().getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            CliRunner.Result r = CliRunner.run(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage:");
        }
    }

    @Test
    void aFileThatIsNotAWorkspaceIsExitTwo() throws Exception {
        Path notes = Files2.write(dir, "notes.duckdb", "hello");
        CliRunner.Result r = CliRunner.run("import", "--db", notes.toString(), "--table", "t", "--csv", notes.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("is not a DuckDB database file");
    }

    @Test
    void demoBuildsTheSampleWorkspaceAndRefusesAnExistingFile() throws Exception {
        Path db = dir.resolve("demo.duckdb");
        CliRunner.Result r = CliRunner.run("demo", "--db", db.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.db().queryLong("SELECT count(DISTINCT snapshot_date) FROM item_snapshot")).isEqualTo(60);
            assertThat(ws.db().queryLong("SELECT count(*) FROM item_events")).isGreaterThan(10_000);
            assertThat(ws.db().queryLong("SELECT count(*) FROM item")).isGreaterThan(100);
        }
        assertThat(CliRunner.run("demo", "--db", db.toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void demoGeneratesAWorkspaceOfTheGivenSize() throws Exception {
        Path db = dir.resolve("gen.duckdb");
        CliRunner.Result r = CliRunner.run("demo", "--db", db.toString(), "--items", "500", "--days", "30", "--events", "20000");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.db().queryLong("SELECT count(DISTINCT snapshot_date) FROM item_snapshot")).isEqualTo(30);
            assertThat(ws.db().queryLong("SELECT count(*) FROM item_events")).isEqualTo(20_000);
            assertThat(ws.db().queryLong("SELECT count(DISTINCT date) FROM item_events")).isEqualTo(30);
            assertThat(ws.db().queryLong("SELECT max(id) FROM item_snapshot")).isLessThanOrEqualTo(500);
            assertThat(ws.db().queryLong("SELECT count(*) FROM (SELECT id, snapshot_date FROM item_snapshot GROUP BY ALL HAVING count(*) > 1)")).isZero();
        }
    }
}
