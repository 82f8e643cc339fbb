package dev.backfillstudio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobStoreTest {

    @TempDir
    Path dir;
    Workspace ws;
    JobStore jobs;

    @BeforeEach
    void open() throws Exception {
        ws = Workspaces.empty(dir);
        ws.db().execute("CREATE TABLE item (id BIGINT, status VARCHAR)");
        ws.db().execute("CREATE TABLE item_events (event_id BIGINT, item_id BIGINT, date DATE)");
        jobs = new JobStore(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static final String EVENTS = "SELECT event_id, item_id FROM item_events WHERE date = {DATE}";

    @Test
    void aFirstSaveCreatesVersionOneAChangedSqlVersionTwoAndIdenticalSqlNothing() {
        JobStore.SaveResult first = jobs.save("daily", "daily_out", EVENTS);
        assertThat(first.createdNewVersion()).isTrue();
        assertThat(first.job()).isEqualTo(new Job("daily", "daily_out", 1));
        assertThat(first.version().hash()).hasSize(64);

        JobStore.SaveResult same = jobs.save("daily", "daily_out", EVENTS + "\n\n");
        assertThat(same.createdNewVersion()).isFalse();
        assertThat(same.version().version()).isEqualTo(1);

        String changed = "SELECT event_id FROM item_events WHERE date = {DATE}";
        JobStore.SaveResult second = jobs.save("daily", "daily_out", changed);
        assertThat(second.createdNewVersion()).isTrue();
        assertThat(second.job().currentVersion()).isEqualTo(2);

        List<JobVersion> versions = jobs.versions("daily");
        assertThat(versions).extracting(JobVersion::version).containsExactly(1, 2);
        assertThat(versions.get(0).sql()).isEqualTo(EVENTS);
        assertThat(jobs.version("daily", 2).sql()).isEqualTo(changed);
        assertThat(versions.get(0).hash()).isNotEqualTo(versions.get(1).hash());
        assertThat(jobs.list()).containsExactly(new Job("daily", "daily_out", 2));
    }

    @Test
    void theSampleJobsThatReadLoadedTablesSave() throws Exception {
        try (Workspace sample = Workspaces.sample(java.nio.file.Files.createDirectories(dir.resolve("s")))) {
            JobStore store = new JobStore(sample);
            assertThat(store.save("naive", "naive_out", SampleData.jobSql(SampleData.NAIVE_JOB)).createdNewVersion()).isTrue();
            assertThat(store.save("snap", "snap_out", SampleData.jobSql(SampleData.SNAPSHOT_JOB)).createdNewVersion()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "DDL              | CREATE TABLE x AS SELECT * FROM item WHERE {DATE} IS NOT NULL | is not a read-only query",
        "DROP             | DROP TABLE item                                       | is not a read-only query",
        "DML              | DELETE FROM item WHERE {DATE} IS NULL                 | is not a read-only query",
        "UPDATE           | UPDATE item SET status = 'x' WHERE {DATE} IS NULL     | is not a read-only query",
        "COPY             | COPY item TO 'x.csv'                                  | is not a read-only query",
        "ATTACH           | ATTACH 'other.duckdb'                                 | is not a read-only query",
        "SET              | SET threads = 1                                       | is not a read-only query",
        "PRAGMA           | PRAGMA version                                        | is not a read-only query",
        "stacked          | SELECT * FROM item WHERE {DATE} IS NOT NULL; DROP TABLE item | ",
        "two selects      | SELECT 1 AS a, {DATE} AS d; SELECT 2 AS b, {DATE} AS d | has 2 statements; a job is exactly one SELECT query.",
        "no DATE          | SELECT * FROM item                                    | does not use {DATE}",
        "DATE in comment  | SELECT * FROM item -- {DATE}                           | only in comments or strings",
        "own parameter    | SELECT * FROM item_events WHERE date = {DATE} AND item_id = ? | parameter of its own",
        "syntax           | SELEC * FROM item WHERE {DATE}                        | has a syntax error on line 1",
    })
    void refusesTextThatIsNotExactlyOneReadOnlyQueryUsingDate(String what, String sql, String expected) throws Exception {
        assertThatThrownBy(() -> jobs.save("bad", "bad_out", sql))
                .isInstanceOfSatisfying(BackfillException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackfillException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("Job bad ").doesNotContain("\n");
                    if (expected != null) {
                        assertThat(e.getMessage()).contains(expected);
                    }
                });
        assertThat(jobs.list()).isEmpty();
        assertThat(ws.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('item', 'item_events')")).isEqualTo(2);
        assertThat(ws.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'x'")).isZero();
    }

    @Test
    void aQueryThatDoesNotBindIsRefusedWithDuckDbsMessageAndTheLine() {
        assertThatThrownBy(() -> jobs.save("bad", "bad_out", "SELECT event_id\nFROM item_events\nWHERE dte = {DATE}"))
                .isInstanceOf(BackfillException.class)
                .hasMessageStartingWith("Job bad does not run against this workspace for ")
                .hasMessageContaining("Referenced column \"dte\" not found")
                .hasMessageEndingWith("(line 3).");
        assertThatThrownBy(() -> jobs.save("bad", "bad_out", "SELECT *\nFROM itm WHERE {DATE} IS NOT NULL"))
                .hasMessageContaining("Table with name itm does not exist").hasMessageEndingWith("(line 2).");
    }

    @Test
    void aResultColumnNamedPartitionDateIsRefused() {
        assertThatThrownBy(() -> jobs.save("bad", "bad_out", "SELECT date AS partition_date FROM item_events WHERE date = {DATE}"))
                .hasMessage("Job bad returns a column named partition_date, which the app adds to every output row itself;"
                        + " rename that column.");
    }

    @Test
    void aTargetThatIsAnExistingTableOrAnotherJobsTargetIsRefused() {
        assertThatThrownBy(() -> jobs.save("j", "item", EVENTS))
                .hasMessage("Table item already exists (plain table); a job writes to a table of its own, so choose a new target name.");
        jobs.save("one", "out", EVENTS);
        assertThatThrownBy(() -> jobs.save("two", "out", EVENTS))
                .hasMessage("Table out is already the target of job one; give job two a target of its own.");
        assertThatThrownBy(() -> jobs.save("one", "elsewhere", EVENTS))
                .hasMessage("Job one writes to out; to write to elsewhere, save a job with a new name.");
        assertThatThrownBy(() -> jobs.save("bad name!", "x", EVENTS)).hasMessageContaining("is not a valid job name");
        assertThatThrownBy(() -> jobs.get("nope")).hasMessage("No job named nope.");
    }
}
