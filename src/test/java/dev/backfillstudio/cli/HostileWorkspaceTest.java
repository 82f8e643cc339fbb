package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.QueryPreview;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.RerunPlan;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15, item 7: a DuckDB file made outside the app (plain JDBC) whose views and macros read
 * files, shadow the app's own tables and DuckDB's built-in functions, or draw from the app's
 * sequences; adopted with {@code init}. Every job that reaches one of them is refused with a sentence
 * naming the view or macro: at save and at run, from the command line and through the engine as the
 * app calls it, and nothing is read or written. A job over an innocent view of the same file runs.
 */
class HostileWorkspaceTest {

    @TempDir
    static Path dir;
    static Path db;
    static Path secret;

    @BeforeAll
    static void hostileFileAdopted() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        secret = Files2.write(outside, "secret.csv", "a\n42\n");
        db = dir.resolve("foreign.duckdb");
        String s = "'" + secret + "'";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE item_events AS SELECT i AS event_id, i % 5 AS item_id, 'view' AS kind,"
                    + " DATE '2024-09-01' + (i % 3)::INTEGER AS date FROM range(30) r(i)");
            st.execute("CREATE VIEW v_file AS SELECT * FROM read_csv(" + s + ")");
            st.execute("CREATE VIEW v_text AS SELECT content FROM read_text(" + s + ")");
            st.execute("CREATE VIEW v_glob AS SELECT file FROM glob('" + outside + "/*')");
            st.execute("CREATE VIEW v_replacement AS SELECT * FROM " + s);
            st.execute("CREATE VIEW v_nested AS SELECT * FROM v_file");
            st.execute("CREATE VIEW \"v cols\"(\"x AS y\") AS SELECT a FROM read_csv(" + s + ")");
            st.execute("CREATE MACRO m_file(d) AS TABLE SELECT * FROM read_csv(" + s + ")");
            st.execute("CREATE MACRO s_glob(x) AS (SELECT count(*) FROM glob('" + outside + "/*')) + x");
            // a macro in the database shadows DuckDB's built-in function of that name
            st.execute("CREATE MACRO upper(x) AS (SELECT max(content) FROM read_text(" + s + "))");
            st.execute("CREATE MACRO range(x) AS TABLE SELECT a AS range FROM read_csv(" + s + ")");
            st.execute("CREATE VIEW v_ok AS SELECT * FROM item_events");
        }
        CliRunner.Result init = CliRunner.run("init", "--db", db.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        // what needs the app's schema to exist: views over its tables, its sequences, a macro named like the app's own
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE VIEW attempts AS SELECT * FROM bfs.attempts");
            st.execute("CREATE VIEW v_seq AS SELECT nextval('bfs.run_ids') AS n");
            st.execute("CREATE MACRO item_history_asof(d) AS TABLE SELECT * FROM read_csv(" + s + ")");
        }
    }

    static Stream<Arguments> jobs() {
        return Stream.of(
                Arguments.of("SELECT a FROM v_file WHERE {DATE} IS NOT NULL", "view `v_file`", "reads files"),
                Arguments.of("SELECT content FROM v_text WHERE {DATE} IS NOT NULL", "view `v_text`", "reads files"),
                Arguments.of("SELECT file FROM v_glob WHERE {DATE} IS NOT NULL", "view `v_glob`", "reads files"),
                Arguments.of("SELECT a FROM v_replacement WHERE {DATE} IS NOT NULL", "view `v_replacement`", "names a file"),
                Arguments.of("SELECT e.* FROM item_events e JOIN v_nested n ON n.a = e.item_id WHERE e.date = {DATE}",
                        "view `v_nested`, then view `v_file`", "reads files"),
                Arguments.of("SELECT * FROM \"v cols\" WHERE {DATE} IS NOT NULL", "view `v cols`", "reads files"),
                Arguments.of("SELECT a FROM m_file({DATE})", "table macro `m_file`", "reads files"),
                Arguments.of("SELECT s_glob(1) AS n, * FROM item_events WHERE date = {DATE}", "macro `s_glob`", "reads files"),
                Arguments.of("SELECT upper(kind) AS k FROM item_events WHERE date = {DATE}", "macro `upper`", "reads files"),
                Arguments.of("SELECT r.range FROM range({DATE} - INTERVAL 1 DAY, {DATE}, INTERVAL 1 DAY) r",
                        "table macro `range`", "reads files"),
                Arguments.of("SELECT count(*) AS n FROM attempts WHERE day = {DATE}", "view `attempts`", "Backfill Studio's own metadata"),
                Arguments.of("SELECT n FROM v_seq WHERE {DATE} IS NOT NULL", "view `v_seq`", "`nextval(...)` uses a sequence"),
                Arguments.of("SELECT * FROM item_history_asof({DATE})", "table macro `item_history_asof`", "reads files"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("jobs")
    void aJobReachingItIsRefusedAtSaveFromTheCommandLineAndTheEngine(String sql, String named, String why) throws Exception {
        String before = WorkspaceState.of(db);
        Path file = Files2.write(dir, "job.sql", sql);
        CliRunner.Result r = CliRunner.run("job", "save", "--db", db.toString(), "--name", "evil", "--target", "evil_out",
                "--sql-file", file.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("Through " + named + ":").contains(why);
        assertThat(r.err().strip().lines()).hasSize(1);
        try (Workspace ws = Workspace.open(db)) {
            assertThatThrownBy(() -> new JobStore(ws).save("evil", "evil_out", sql)).hasMessageContaining(named).hasMessageContaining(why);
            assertThatThrownBy(() -> new QueryPreview(ws).run(sql, LocalDate.parse("2024-09-01")))
                    .hasMessageContaining(named).hasMessageContaining(why);
        }
        CliRunner.Result lint = CliRunner.run("lint", "--db", db.toString(), "--sql-file", file.toString());
        assertThat(lint.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(lint.out() + lint.err()).contains(named);
        assertThat(WorkspaceState.of(db)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("jobs")
    void aStoredJobReachingItIsRefusedAtRunFromTheCommandLineAndTheEngine(String sql, String named, String why) throws Exception {
        Path copy = dir.resolve("run-" + Math.abs(sql.hashCode()) + ".duckdb");
        Files.copy(db, copy);
        try (Workspace ws = Workspace.open(copy)) {
            new JobStore(ws).save("sneak", "sneak_out", "SELECT count(*) AS n FROM item_events WHERE date = {DATE}");
            new Backfill(ws).run("sneak", DaySet.parse("2024-09-01"), RunListener.NONE); // a stored day, for verify
            ws.db().update("UPDATE bfs.job_versions SET sql = ? WHERE job = 'sneak'", sql); // past the save checks
        }
        String before = WorkspaceState.of(copy);
        CliRunner.Result r = CliRunner.run("run", "--db", copy.toString(), "--job", "sneak", "--dates", "2024-09-01..2024-09-02");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(named).contains(why);
        CliRunner.Result v = CliRunner.run("verify", "--db", copy.toString(), "--job", "sneak", "--dates", "2024-09-01");
        assertThat(v.out()).as(v.out() + v.err()).contains("CANNOT_VERIFY").contains("Through " + named + ":").contains(why);
        try (Workspace ws = Workspace.open(copy)) {
            assertThatThrownBy(() -> RerunPlan.of(ws, "sneak", DaySet.parse("2024-09-01"))).hasMessageContaining(named);
            assertThatThrownBy(() -> new Backfill(ws).run("sneak", DaySet.parse("2024-09-01"), RunListener.NONE))
                    .hasMessageContaining(named).hasMessageContaining(why);
        }
        assertThat(WorkspaceState.of(copy)).as("nothing ran").isEqualTo(before);
    }

    @Test
    void aJobOverAnInnocentViewOfTheSameFileSavesAndRuns() throws Exception {
        Path copy = dir.resolve("innocent.duckdb");
        Files.copy(db, copy);
        Path file = Files2.write(dir, "ok.sql", "SELECT kind, count(*) AS n FROM v_ok WHERE date = {DATE} GROUP BY kind");
        CliRunner.Result save = CliRunner.run("job", "save", "--db", copy.toString(), "--name", "ok", "--target", "ok_out",
                "--sql-file", file.toString());
        assertThat(save.exitCode()).as(save.err()).isZero();
        CliRunner.Result run = CliRunner.run("run", "--db", copy.toString(), "--job", "ok", "--dates", "2024-09-01..2024-09-03");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }
}
