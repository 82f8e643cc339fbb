package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, hostile SQL at the command line. {@code job save} refuses it with exit 2 and the reason,
 * before any of it runs: nothing in the workspace changes and no file appears. {@link
 * dev.backfillstudio.job.QueryGuardTest} holds the full corpus against the guard itself; here one of
 * each kind goes through the command. And a query written past the save checks (straight into the
 * metadata) is refused again when it would run, by the command line and the app's engine alike.
 */
class HostileSqlCliTest {

    @TempDir
    static Path dir;
    static Path db;
    static Path outside;

    @BeforeAll
    static void sample() throws Exception {
        db = dir.resolve("w.duckdb");
        Workspaces.demoFile(db);
        outside = Files.createDirectories(dir.resolve("outside"));
        Files2.write(outside, "secret.csv", "a\n42\n");
    }

    /** The command names no statement kind: one sentence says what a job may be (the guard's own test checks the kinds). */
    static final String NOT_A_QUERY = "Job evil is not a read-only query: a job is exactly one SELECT";

    static String p(String name) {
        return Db.literal(outside.resolve(name).toString());
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("DROP TABLE item", NOT_A_QUERY),
                Arguments.of("DELETE FROM item_events WHERE date = {DATE}", NOT_A_QUERY),
                Arguments.of("UPDATE item SET status = 'GONE'", NOT_A_QUERY),
                Arguments.of("INSERT INTO item SELECT * FROM item", NOT_A_QUERY),
                Arguments.of("CREATE TABLE stolen AS SELECT * FROM item", NOT_A_QUERY),
                Arguments.of("COPY item TO " + p("copied.csv"), NOT_A_QUERY),
                Arguments.of("ATTACH " + p("other.duckdb") + " AS other", NOT_A_QUERY),
                Arguments.of("DETACH other", NOT_A_QUERY),
                Arguments.of("INSTALL httpfs", NOT_A_QUERY),
                Arguments.of("LOAD httpfs", NOT_A_QUERY),
                Arguments.of("SET enable_external_access = true", NOT_A_QUERY),
                Arguments.of("RESET threads", NOT_A_QUERY),
                Arguments.of("PRAGMA enable_profiling", NOT_A_QUERY),
                Arguments.of("CALL pragma_version()", NOT_A_QUERY),
                Arguments.of("SELECT * FROM item_events WHERE date = {DATE}; COPY item TO " + p("stacked.csv"), NOT_A_QUERY),
                Arguments.of("SELECT * FROM read_csv(" + p("secret.csv") + ") WHERE {DATE} IS NOT NULL", "`read_csv(...)` reads files"),
                Arguments.of("SELECT * FROM read_parquet(" + p("x.parquet") + ") WHERE {DATE} IS NOT NULL", "`read_parquet(...)` reads files"),
                Arguments.of("SELECT * FROM read_text('/etc/hostname') WHERE {DATE} IS NOT NULL", "`read_text(...)` reads files"),
                Arguments.of("SELECT * FROM glob('/etc/*') WHERE {DATE} IS NOT NULL", "`glob(...)` reads files"),
                Arguments.of("SELECT * FROM " + p("secret.csv") + " WHERE {DATE} IS NOT NULL", "names a file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void jobSaveRefusesHostileSqlWithExit2AndTheReasonAndChangesNothing(String sql, String reason) throws Exception {
        Path file = Files2.write(dir, "hostile.sql", sql);
        String before = WorkspaceState.of(db);
        CliRunner.Result r = CliRunner.run("job", "save", "--db", db.toString(), "--name", "evil", "--target", "evil_out",
                "--sql-file", file.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(reason);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(WorkspaceState.of(db)).isEqualTo(before);
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("secret.csv");
        }
    }

    @Test
    void aStoredQueryThatReadsAFileIsRefusedWhenItRunsNotOnlyWhenItIsSaved() throws Exception {
        String sneaky = "SELECT a FROM read_csv(" + p("secret.csv") + ") WHERE {DATE} IS NOT NULL";
        Path copy = dir.resolve("sneaky.duckdb");
        Files.copy(db, copy);
        try (Workspace ws = Workspace.open(copy)) {
            new JobStore(ws).save("sneak", "sneak_out", "SELECT count(*) AS a FROM item_events WHERE date = {DATE}");
            ws.db().update("UPDATE bfs.job_versions SET sql = ? WHERE job = 'sneak'", sneaky); // written past the save checks
        }
        String before = WorkspaceState.of(copy);

        CliRunner.Result r = CliRunner.run("run", "--db", copy.toString(), "--job", "sneak", "--dates", "2024-09-01..2024-09-02");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("`read_csv(...)` reads files");
        assertThat(WorkspaceState.of(copy)).as("nothing ran, nothing was written").isEqualTo(before);

        // the app's engine path refuses it the same way, before the run starts
        try (Workspace ws = Workspace.open(copy)) {
            assertThatThrownBy(() -> new Backfill(ws).run("sneak", DaySet.parse("2024-09-01"), RunListener.NONE))
                    .hasMessageContaining("`read_csv(...)` reads files");
            assertThatThrownBy(() -> dev.backfillstudio.run.RerunPlan.of(ws, "sneak", DaySet.parse("2024-09-01")))
                    .hasMessageContaining("`read_csv(...)` reads files");
            // and were the checks to miss it, DuckDB itself cannot open the file from this workspace
            Db session = ws.newSession();
            assertThatThrownBy(() -> session.query("SELECT * FROM read_csv(" + p("secret.csv") + ")", rs -> 1))
                    .hasMessageContaining("file system operations are disabled");
            session.connection().close();
        }
        assertThat(WorkspaceState.of(copy)).isEqualTo(before);
    }
}
