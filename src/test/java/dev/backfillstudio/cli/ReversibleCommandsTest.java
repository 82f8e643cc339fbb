package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReversibleCommandsTest {

    private static final String DAYS = "2024-03-01..2024-03-04";

    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void workspace() throws Exception {
        Path file = dir.resolve("w.duckdb");
        db = file.toString();
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE sales AS SELECT DATE '2024-03-01' + d::INTEGER AS day, k::INTEGER AS k,"
                    + " (d * 100 + k)::INTEGER AS amount FROM range(4) a(d), range(10) b(k)");
        }
        save("SELECT k, amount FROM sales WHERE day = {DATE}");
        assertThat(CliRunner.run("run", "--db", db, "--job", "sales", "--dates", DAYS).exitCode()).isZero();
    }

    private void save(String sql) throws Exception {
        Path file = Files.writeString(dir.resolve("job" + System.nanoTime() + ".sql"), sql);
        assertThat(CliRunner.run("job", "save", "--db", db, "--name", "sales", "--target", "sales_out", "--sql-file", file.toString())
                .exitCode()).isZero();
    }

    private JsonNode json(String... args) throws Exception {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    private String fingerprint(String day) throws Exception {
        return json("status", "--db", db, "--job", "sales", "--dates", day, "--json").get("days").get(0).get("fingerprint").asText();
    }

    @Test
    void runsListsTheRerunAndUndoPutsItsDaysBackAsARunOfItsOwn() throws Exception {
        String before = fingerprint("2024-03-02");
        save("SELECT k, amount + 1 AS amount FROM sales WHERE day = {DATE}");
        assertThat(CliRunner.run("run", "--db", db, "--job", "sales", "--dates", DAYS).exitCode()).isZero();
        JsonNode rerun = json("runs", "--db", db, "--job", "sales", "--json").get("runs").get(0);
        assertThat(rerun.get("kind").asText()).isEqualTo("RUN");
        assertThat(rerun.get("changed").asInt()).isEqualTo(4);

        CliRunner.Result undo = CliRunner.run("undo", "--db", db, "--run", rerun.get("run").asText());

        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.out()).contains("2024-03-02  RESTORED   10 rows").contains("4 of 4 days put back");
        assertThat(fingerprint("2024-03-02")).isEqualTo(before);
        JsonNode last = json("runs", "--db", db, "--json").get("runs").get(0);
        assertThat(last.get("kind").asText()).isEqualTo("UNDO");
        assertThat(last.get("undoes").asLong()).isEqualTo(rerun.get("run").asLong());
        assertThat(CliRunner.run("runs", "--db", db).out()).contains("UNDO " + rerun.get("run").asText());
    }

    @Test
    void undoOfAnUnknownRunIsRefusedWithExitTwoAndOneSentence() {
        CliRunner.Result r = CliRunner.run("undo", "--db", db, "--run", "999");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("There is no run 999 in ").endsWith("lists them.").doesNotContain("\n");
    }

    @Test
    void attemptsListsIdsAndRestorePutsAnAttemptBackUnlessItsRowsWerePruned() throws Exception {
        JsonNode first = json("attempts", "--db", db, "--job", "sales", "--day", "2024-03-02", "--json").get("attempts").get(0);
        String firstFp = first.get("fingerprint").asText();
        assertThat(first.get("rows_kept").asText()).isEqualTo("HELD");
        save("SELECT k, amount FROM sales WHERE day = {DATE} AND k < 5");
        assertThat(CliRunner.run("run", "--db", db, "--job", "sales", "--dates", DAYS).exitCode()).isZero();
        JsonNode attempts = json("attempts", "--db", db, "--job", "sales", "--day", "2024-03-02", "--json").get("attempts");
        assertThat(attempts.get(1).get("rows_kept").asText()).isEqualTo("KEPT");

        CliRunner.Result restored = CliRunner.run("restore", "--db", db, "--job", "sales", "--day", "2024-03-02",
                "--attempt", first.get("attempt").asText());

        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("+5 \u22120");
        assertThat(fingerprint("2024-03-02")).isEqualTo(firstFp);
        assertThat(json("status", "--db", db, "--job", "sales", "--dates", "2024-03-02", "--json").get("days").get(0)
                .get("status").asText()).isEqualTo("STALE");

        CliRunner.Result kept = CliRunner.run("kept", "--db", db, "--keep", "0");
        assertThat(kept.exitCode()).isZero();
        assertThat(kept.out()).contains("Keeping the last 0 replaced versions of each day");
        JsonNode rerunAttempt = json("attempts", "--db", db, "--job", "sales", "--day", "2024-03-03", "--json").get("attempts").get(1);
        CliRunner.Result pruned = CliRunner.run("restore", "--db", db, "--job", "sales", "--day", "2024-03-03",
                "--attempt", rerunAttempt.get("attempt").asText());
        assertThat(pruned.exitCode()).isEqualTo(2);
        assertThat(pruned.err()).contains("were pruned").contains("cannot be restored");
    }

    @Test
    void maxChangeBlocksADayThatWouldLoseMostOfItsRowsWithExitOneAndAWiderLimitCommits() throws Exception {
        String before = fingerprint("2024-03-01");
        save("SELECT k, amount FROM sales WHERE day = {DATE} AND k = 0");

        CliRunner.Result blocked = CliRunner.run("run", "--db", db, "--job", "sales", "--dates", "2024-03-01", "--max-change", "25");

        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.out()).contains("2024-03-01  BLOCKED    keeps its 10 rows: the rerun would add 0 and remove 9");
        assertThat(blocked.err()).contains("blocked by --max-change 25").contains("+0 \u22129 of 10 rows");
        assertThat(fingerprint("2024-03-01")).isEqualTo(before);

        CliRunner.Result wider = CliRunner.run("run", "--db", db, "--job", "sales", "--dates", "2024-03-01", "--max-change", "95");
        assertThat(wider.exitCode()).as(wider.err()).isZero();
        assertThat(fingerprint("2024-03-01")).isNotEqualTo(before);
    }
}
