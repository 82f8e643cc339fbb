package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.support.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user of the command line sees of lineage: reasons in status, `run --stale`, and `import --append`. */
class LineageCommandsTest {

    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void sample() throws Exception {
        db = dir.resolve("demo.duckdb").toString();
        Workspaces.demoFile(Path.of(db));
        Path sql = Files2.write(dir, "snap.sql", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
        assertThat(CliRunner.run("job", "save", "--db", db, "--name", "snap", "--target", "snap_out", "--sql-file", sql.toString())
                .exitCode()).isZero();
        assertThat(CliRunner.run("run", "--db", db, "--job", "snap", "--dates", "2024-09-01..2024-09-03").exitCode()).isZero();
    }

    @Test
    void aReplacedSnapshotDayShowsItsReasonInStatusAndRunStaleRerunsExactlyThatDay() throws Exception {
        String passive = Files.readString(Path.of("sample-data/item_snapshots/item_2024-09-02.csv")).replace(",ACTIVE,", ",PASSIVE,");
        Path file = Files2.write(dir, "item_2024-09-02.csv", passive);
        CliRunner.Result replaced = CliRunner.run("snapshot", "--db", db, "--table", "item_snapshot", "--csv", file.toString(),
                "--date-column", "snapshot_date", "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();

        JsonNode days = json(CliRunner.run("status", "--db", db, "--job", "snap", "--json")).get("days");
        assertThat(days).hasSize(61);
        JsonNode sep2 = days.get(1);
        assertThat(sep2.get("status").asText()).isEqualTo("STALE");
        JsonNode reason = sep2.get("reasons").get(0);
        assertThat(reason.get("kind").asText()).isEqualTo("INPUT_CHANGED");
        assertThat(reason.get("table").asText()).isEqualTo("item_snapshot");
        assertThat(reason.get("day").asText()).isEqualTo("2024-09-02");
        assertThat(reason.get("detail").asText()).contains("item_snapshot").contains("2024-09-02");
        assertThat(days.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(days.get(0).get("reasons")).isEmpty();
        assertThat(days.get(2).get("status").asText()).isEqualTo("SUCCEEDED");

        CliRunner.Result text = CliRunner.run("status", "--db", db, "--job", "snap", "--month", "2024-09");
        assertThat(text.out()).contains("The snapshot of 2024-09-02 in item_snapshot changed since this day ran");

        CliRunner.Result rerun = CliRunner.run("run", "--db", db, "--job", "snap", "--stale");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("2024-09-02").doesNotContain("2024-09-01 ").doesNotContain("2024-09-03 ");
        JsonNode after = json(CliRunner.run("status", "--db", db, "--job", "snap", "--dates", "2024-09-01..2024-09-03", "--json"));
        for (JsonNode d : after.get("days")) {
            assertThat(d.get("status").asText()).as(d.get("date").asText()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void importAppendAddsRowsAndNamesTheDaysItTouched() throws Exception {
        Path more = Files2.write(dir, "more.csv", "event_id,item_id,kind,date\n900001,1,view,2024-09-03\n900002,2,click,2024-09-03\n");
        CliRunner.Result r = CliRunner.run("import", "--db", db, "--table", "item_events", "--csv", more.toString(), "--append");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Appended to item_events: 2 rows from more.csv (event table: 1 day touched, 2024-09-03)\n");
        JsonNode days = json(CliRunner.run("status", "--db", db, "--job", "snap", "--dates", "2024-09-01..2024-09-03", "--json"))
                .get("days");
        assertThat(days.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(days.get(1).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(days.get(2).get("reasons").get(0).get("table").asText()).isEqualTo("item_events");
    }

    @Test
    void aBadAppendSaysWhyInOneSentenceAndChangesNothing() throws Exception {
        String before = WorkspaceState.of(Path.of(db));
        Path wrong = Files2.write(dir, "wrong.csv", "event_id,item,kind,date\n1,1,view,2024-09-03\n");
        CliRunner.Result columns = CliRunner.run("import", "--db", db, "--table", "item_events", "--csv", wrong.toString(), "--append");
        assertThat(columns.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(columns.err().strip()).isEqualTo(wrong + " line 1: the columns do not match item_events (missing item_id;"
                + " not in the table item).");
        Path badDate = Files2.write(dir, "bad.csv", "event_id,item_id,kind,date\n1,1,view,2024-09-03\n2,1,view,someday\n");
        CliRunner.Result date = CliRunner.run("import", "--db", db, "--table", "item_events", "--csv", badDate.toString(), "--append");
        assertThat(date.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(date.err().strip()).contains("line 3").doesNotContain("\n");
        CliRunner.Result none = CliRunner.run("import", "--db", db, "--table", "nope", "--csv", badDate.toString(), "--append");
        assertThat(none.err().strip()).isEqualTo("Table nope does not exist; import bad.csv without --append to create it.");
        CliRunner.Result both = CliRunner.run("import", "--db", db, "--table", "item_events", "--csv", wrong.toString(), "--append",
                "--replace");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err().strip()).isEqualTo("Give --replace or --append, not both.");
        assertThat(WorkspaceState.of(Path.of(db))).isEqualTo(before);
    }

    private static JsonNode json(CliRunner.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }
}
