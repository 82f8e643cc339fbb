package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Postgres;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture commands as a user types them: `snapshot --from-table` and `--from-jdbc`, `source
 * add|list|remove`, and `capture`, quiet on success and one sentence with exit 1 on failure. The
 * password comes from the driver's password file here (BFS_SOURCE_PASSWORD is covered by CaptureKillTest).
 */
class CaptureCommandTest {

    static final String PGPASSFILE = "org.postgresql.pgpassfile";
    static String database;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    Path db;

    @BeforeAll
    static void sourceAndPasswordFile() throws Exception {
        database = Postgres.newDatabase("cli");
        Postgres.exec(database, "CREATE TABLE item (id integer, name text, status text)",
                "INSERT INTO item VALUES (1, 'a', 'ACTIVE'), (2, 'b', 'PASSIVE'), (3, 'c', 'ACTIVE')",
                "GRANT SELECT ON item TO " + Postgres.USER);
        System.setProperty(PGPASSFILE, Postgres.passwordFile(shared).toString());
    }

    @AfterAll
    static void forgetThePasswordFile() {
        System.clearProperty(PGPASSFILE);
    }

    @BeforeEach
    void workspace() {
        db = dir.resolve("w.duckdb");
        assertThat(CliRunner.run("init", "--db", db.toString()).exitCode()).isZero();
    }

    /** The command with --db added at the end (options may come in any order). */
    private CliRunner.Result cli(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--db";
        all[args.length + 1] = db.toString();
        return CliRunner.run(all);
    }

    private String state() {
        return WorkspaceState.of(db);
    }

    @Test
    void aSavedSourceIsCapturedQuietlyDayByDayAndItsHistoryKept() throws Exception {
        CliRunner.Result add = cli("source", "add", "--name", "shop", "--jdbc", Postgres.url(database),
                "--query", "SELECT id, name, status FROM item", "--table", "item_snapshot", "--key", "id");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Saved source shop: item_snapshot from jdbc:postgresql://localhost:" + Postgres.port()
                + "/" + database + ", history by id.");
        CliRunner.Result list = cli("source", "list");
        assertThat(list.out()).contains("shop  item_snapshot  jdbc:postgresql://localhost:").contains("key id")
                .contains("SELECT id, name, status FROM item");

        CliRunner.Result first = cli("capture", "--source", "shop", "--date", "2024-09-01");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out() + first.err()).isEmpty();
        Postgres.exec(database, "UPDATE item SET status = 'PASSIVE' WHERE id = 1");
        CliRunner.Result second = cli("capture", "--source", "shop", "--date", "2024-09-02");
        assertThat(second.out() + second.err()).isEmpty();
        Postgres.exec(database, "UPDATE item SET status = 'ACTIVE' WHERE id = 1");

        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.db().query("SELECT status FROM item_history_asof(DATE '2024-09-02') WHERE id = 1", rs -> rs.getString(1)))
                    .containsExactly("PASSIVE");
            assertThat(ws.db().query("SELECT status FROM item_history_asof(DATE '2024-09-01') WHERE id = 1", rs -> rs.getString(1)))
                    .containsExactly("ACTIVE");
        }

        String before = state();
        CliRunner.Result again = cli("capture", "--source", "shop", "--date", "2024-09-02");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.out()).isEmpty();
        assertThat(again.err().strip()).isEqualTo("item_snapshot already has the snapshot of 2024-09-02; add --replace to swap it for source shop.");
        assertThat(state()).isEqualTo(before);
        assertThat(cli("capture", "--source", "shop", "--date", "2024-09-02", "--replace").exitCode()).isZero();

        CliRunner.Result unknown = cli("capture", "--source", "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.err().strip()).startsWith("There is no source nope in w.duckdb");

        assertThat(cli("source", "remove", "--name", "shop").out()).contains("Removed source shop.");
        assertThat(cli("source", "list").out()).startsWith("No sources yet");
        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.db().queryLong("SELECT count(DISTINCT snapshot_date) FROM item_snapshot")).isEqualTo(2);
        }
    }

    @Test
    void captureWithoutADateTakesToday() {
        cli("source", "add", "--name", "shop", "--jdbc", Postgres.url(database), "--query", "SELECT * FROM item", "--table", "item_snapshot");
        assertThat(cli("capture", "--source", "shop").exitCode()).isZero();
        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.db().query("SELECT DISTINCT snapshot_date FROM item_snapshot", rs -> rs.getObject(1, LocalDate.class)))
                    .containsExactly(LocalDate.now());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedCaptureIsOneSentenceAndExitOne() {
        cli("source", "add", "--name", "shop", "--jdbc", Postgres.url(database), "--query", "SELECT * FROM missing", "--table", "item_snapshot");
        String before = state();
        CliRunner.Result r = cli("capture", "--source", "shop", "--date", "2024-09-01");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("The query of source shop failed: ERROR: relation \"missing\" does not exist")
                .doesNotContain("\n");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aUrlCarryingAPasswordIsRefusedAndNothingSaved() {
        String before = state();
        CliRunner.Result r = cli("source", "add", "--name", "shop", "--jdbc", Postgres.url(database) + "&password=hunter2",
                "--query", "SELECT * FROM item", "--table", "item_snapshot");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("carries a password").contains("BFS_SOURCE_PASSWORD").doesNotContain("hunter2");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void snapshotFromJdbcAndFromATableOfTheWorkspace() throws Exception {
        CliRunner.Result jdbc = cli("snapshot", "--table", "item_snapshot", "--from-jdbc", Postgres.url(database),
                "--query", "SELECT id, name, status FROM item", "--date", "2024-09-01");
        assertThat(jdbc.exitCode()).as(jdbc.err()).isZero();
        assertThat(jdbc.out()).contains("LOADED   jdbc:postgresql://localhost:").contains(": 2024-09-01, 3 rows");
        assertThat(CliRunner.run("history", "--db", db.toString(), "--snapshot-table", "item_snapshot", "--key", "id").exitCode()).isZero();

        try (Workspace ws = Workspace.open(db)) {
            ws.db().execute("CREATE TABLE item AS SELECT * EXCLUDE (snapshot_date) FROM item_snapshot");
            ws.db().execute("UPDATE item SET status = 'GONE' WHERE id = 2");
        }
        CliRunner.Result table = cli("snapshot", "--table", "item_snapshot", "--from-table", "item", "--date", "2024-09-02");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("LOADED   table item: 2024-09-02, 3 rows; item_history followed");
        String before = state();
        CliRunner.Result twice = cli("snapshot", "--table", "item_snapshot", "--from-table", "item", "--date", "2024-09-02");
        assertThat(twice.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(twice.err().strip()).isEqualTo("item_snapshot already has the snapshot of 2024-09-02; add --replace to swap it for table item.");
        assertThat(state()).isEqualTo(before);
        assertThat(cli("snapshot", "--table", "item_snapshot", "--from-table", "item", "--date", "2024-09-02", "--replace").out())
                .contains("REPLACED table item: 2024-09-02, 3 rows, the same rows as before");

        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.db().query("SELECT day || ' ' || origin FROM bfs.input_days WHERE table_name = 'item_snapshot' ORDER BY day",
                    rs -> rs.getString(1))).containsExactly("2024-09-01 jdbc", "2024-09-02 table");
            assertThat(ws.db().query("SELECT status FROM item_history_asof(DATE '2024-09-02') WHERE id = 2", rs -> rs.getString(1)))
                    .containsExactly("GONE");
        }
    }

    @Test
    void theRowSourcesAreExclusiveAndACaptureIsNamedByDate() {
        assertThat(cli("snapshot", "--table", "t", "--from-table", "a", "--csv", "x.csv", "--date", "2024-09-01").err())
                .contains("mutually exclusive");
        assertThat(cli("snapshot", "--table", "t", "--from-table", "a", "--date-from-filename").err())
                .contains("--date-from-filename goes with --csv");
        assertThat(cli("snapshot", "--table", "t", "--from-jdbc", Postgres.url(database), "--date", "2024-09-01").err())
                .contains("--from-jdbc needs --query");
        CliRunner.Result query = cli("snapshot", "--table", "t", "--from-table", "a", "--query", "SELECT 1", "--date", "2024-09-01");
        assertThat(query.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(query.err()).contains("--query goes with --from-jdbc");
    }
}
