package dev.backfillstudio.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.Main;
import dev.backfillstudio.support.CaptureChild;
import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.support.Postgres;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture killed with kill -9 while its rows stream in leaves the workspace exactly as it was (the
 * day absent), and the next capture, from the command line with the password in BFS_SOURCE_PASSWORD,
 * takes the whole day quietly.
 */
class CaptureKillTest {

    static final int ROWS = 1_000_000;
    static final LocalDate D1 = LocalDate.of(2024, 9, 1);
    static final LocalDate D2 = D1.plusDays(1);
    static final Map<String, String> ENV = Map.of("BFS_SOURCE_PASSWORD", Postgres.PASSWORD);
    static String database;

    @TempDir
    Path dir;

    @BeforeAll
    static void aLargeSourceTable() {
        database = Postgres.newDatabase("kill");
        Postgres.exec(database, "CREATE TABLE item AS SELECT i AS id, 'item ' || i AS name,"
                        + " CASE WHEN i % 4 = 0 THEN 'PASSIVE' ELSE 'ACTIVE' END AS status FROM generate_series(1, " + ROWS + ") i",
                "GRANT SELECT ON item TO " + Postgres.USER);
    }

    @ParameterizedTest(name = "killed after {0} progress reports")
    @ValueSource(ints = {1, 8})
    void aCaptureKilledMidwayLeavesTheDayAbsentAndTheNextCaptureTakesItWhole(int reports) throws Exception {
        Path file;
        String before;
        try (Workspace ws = Workspaces.empty(dir)) {
            file = ws.file();
            new SourceStore(ws).add(new Source("big", Postgres.url(database), "SELECT id, name, status FROM item WHERE id <= "
                    + (ROWS / 10), "item_snapshot", List.of("id")));
            new JdbcCapture(ws).capture(new SourceStore(ws).get("big"), D1, false, java.util.Optional.of(Postgres.PASSWORD));
            ws.db().update("UPDATE bfs.sources SET query = 'SELECT id, name, status FROM item' WHERE name = 'big'");
            before = WorkspaceState.of(ws.db());
        }
        try (ChildJvm child = ChildJvm.start(ENV, List.of(), CaptureChild.class, file.toString(), "big", D2.toString())) {
            for (int i = 1; i <= reports; i++) {
                String line = child.readLine();
                assertThat(line).as("the child's output").startsWith("rows ");
            }
            child.kill();
        }
        assertThat(WorkspaceState.of(file)).as("after kill -9 %d progress reports in", reports).isEqualTo(before);

        try (ChildJvm cli = ChildJvm.start(ENV, List.of(), Main.class, "capture", "--db", file.toString(), "--source", "big",
                "--date", D2.toString())) {
            assertThat(cli.readLine()).as("capture is quiet on success").isNull();
            assertThat(cli.waitFor()).isZero();
        }
        try (Workspace ws = Workspace.open(file)) {
            assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot WHERE snapshot_date = ?", D2)).isEqualTo(ROWS);
            assertThat(ws.db().queryLong("SELECT count(*) FROM item_history_asof(?)", D2)).isEqualTo(ROWS);
        }
    }
}
