package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.Workspaces;
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
 * Issue 15, item 6: commands that only read never write to the workspace, so the file stays
 * byte-identical (and no write-ahead log appears) after each; and a static mark can be undone.
 */
class ReadOnlyCommandsTest {

    @TempDir
    static Path dir;
    static Path db;
    static Path sql;

    @BeforeAll
    static void sample() throws Exception {
        db = dir.resolve("w.duckdb");
        Workspaces.demoFile(db);
        // a run left RUNNING by a process that died: the first writing open would mark it INTERRUPTED
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
             java.sql.Statement st = c.createStatement()) {
            st.execute("UPDATE bfs.runs SET outcome = 'RUNNING', ended_at = NULL WHERE run_id = (SELECT max(run_id) FROM bfs.runs)");
        }
        sql = Files2.write(dir, "q.sql", SampleData.jobSql(SampleData.NAIVE_JOB));
    }

    static Stream<Arguments> readers() {
        return Stream.of(
                Arguments.of("status, a month", new String[] {"status", "--job", SampleData.SNAPSHOT_JOB, "--month", "2024-09"}),
                Arguments.of("status, json", new String[] {"status", "--job", SampleData.SNAPSHOT_JOB, "--json"}),
                Arguments.of("lint a job", new String[] {"lint", "--job", SampleData.NAIVE_JOB}),
                Arguments.of("lint a file", new String[] {"lint", "--sql-file", "FILE"}),
                Arguments.of("job list", new String[] {"job", "list"}),
                Arguments.of("job show", new String[] {"job", "show", "--name", SampleData.HISTORY_JOB}),
                Arguments.of("job show a version", new String[] {"job", "show", "--name", SampleData.HISTORY_JOB, "--version", "1"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void aReadOnlyCommandLeavesTheWorkspaceByteIdentical(String name, String[] command) throws Exception {
        String before = Files2.sha256(db);
        String[] args = Stream.concat(Stream.of(command[0]), Stream.concat(
                command[0].equals("job") ? Stream.of(command[1], "--db", db.toString()) : Stream.of("--db", db.toString()),
                Stream.of(command).skip(command[0].equals("job") ? 2 : 1).map(a -> a.equals("FILE") ? sql.toString() : a)))
                .toArray(String[]::new);
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.out() + r.err()).isIn(ExitCodes.OK, ExitCodes.FAILED);
        assertThat(r.out()).isNotBlank();
        assertThat(Files2.sha256(db)).as(name).isEqualTo(before);
        assertThat(dir.resolve("w.duckdb.wal")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void aReadOnlyCommandOnAMissingFileSaysSoAndMakesNoFile(String name, String[] command) {
        Path missing = dir.resolve("no-such-workspace.duckdb");
        String[] args = Stream.concat(Stream.of(command[0]), Stream.concat(
                command[0].equals("job") ? Stream.of(command[1], "--db", missing.toString()) : Stream.of("--db", missing.toString()),
                Stream.of(command).skip(command[0].equals("job") ? 2 : 1).map(a -> a.equals("FILE") ? sql.toString() : a)))
                .toArray(String[]::new);

        CliRunner.Result r = CliRunner.run(args);

        assertThat(r.exitCode()).as(name).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo(missing.toAbsolutePath().normalize() + " does not exist; create it with `init --db "
                + missing.toAbsolutePath().normalize() + "`.");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aStaticMarkIsUndoneWithNotStatic() throws Exception {
        Path copy = dir.resolve("marks.duckdb");
        Files.copy(db, copy);
        String job = SampleData.NAIVE_JOB;
        CliRunner.Result marked = CliRunner.run("lint", "--db", copy.toString(), "--job", job, "--static", "item");
        assertThat(marked.out()).doesNotContain("MUTABLE_READ");
        CliRunner.Result still = CliRunner.run("lint", "--db", copy.toString(), "--job", job);
        assertThat(still.out()).as("the mark is kept in the workspace").doesNotContain("MUTABLE_READ");

        CliRunner.Result undone = CliRunner.run("lint", "--db", copy.toString(), "--job", job, "--not-static", "item");
        assertThat(undone.exitCode()).as(undone.err()).isZero();
        assertThat(undone.out()).contains("item is no longer marked static.").contains("MUTABLE_READ");
        assertThat(CliRunner.run("lint", "--db", copy.toString(), "--job", job).out()).contains("MUTABLE_READ");

        CliRunner.Result twice = CliRunner.run("lint", "--db", copy.toString(), "--job", job, "--not-static", "item");
        assertThat(twice.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(twice.err().strip()).isEqualTo("Table item is not marked static.");
    }
}
