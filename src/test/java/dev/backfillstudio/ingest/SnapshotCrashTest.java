package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.support.SnapshotLoadChild;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, crash (b): a multi-file snapshot load killed with kill -9 at seeded points leaves every
 * day either fully loaded or absent, and loading the files again completes the table exactly as an
 * unbroken load does. Replay a failure with the seed in its message (the seeds are chosen to spread the kill points).
 */
class SnapshotCrashTest {

    static final int FILES = 8;
    static final int ROWS = 150_000;
    static final LocalDate FIRST = LocalDate.of(2024, 3, 1);

    @TempDir
    static Path shared;
    static List<Path> files = new ArrayList<>();
    static Map<LocalDate, String> unbroken;

    @TempDir
    Path dir;

    @BeforeAll
    static void filesAndAnUnbrokenLoad() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (int d = 0; d < FILES; d++) {
                Path f = shared.resolve("item_" + FIRST.plusDays(d) + ".csv");
                st.execute("COPY (SELECT i AS id, 'item ' || i AS name, CASE WHEN hash(i, " + d + ") % 4 = 0 THEN 'PASSIVE'"
                        + " ELSE 'ACTIVE' END AS status FROM range(" + ROWS + ") t(i)) TO " + Db.literal(f.toString()) + " (HEADER)");
                files.add(f);
            }
        }
        try (Workspace ws = Workspace.open(shared.resolve("unbroken.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            new SnapshotLoader(ws).load("item_snapshot", files, SnapshotDateSource.fromFileName(), false);
            unbroken = days(ws.db());
        }
        assertThat(unbroken).hasSize(FILES);
    }

    /** Each loaded day with its row count and order-independent hash. */
    static Map<LocalDate, String> days(Db db) throws Exception {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        if (db.queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'item_snapshot'") == 0) {
            return out;
        }
        for (Object[] r : db.query("SELECT snapshot_date, count(*) || ':' || sum(hash(t)) FROM item_snapshot t GROUP BY ALL ORDER BY 1",
                rs -> new Object[] {rs.getObject(1, LocalDate.class), rs.getString(2)})) {
            out.put((LocalDate) r[0], (String) r[1]);
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {10, 15, 31})
    void aLoadKilledAtASeededPointLeavesWholeDaysOnlyAndLoadingAgainCompletesIt(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int killDuring = 1 + random.nextInt(FILES - 1);
        int delayMs = random.nextInt(60);
        String replay = "seed " + seed + ": killed " + delayMs + " ms into file " + killDuring;
        Path file = dir.resolve("w.duckdb");
        List<String> args = new ArrayList<>(List.of(file.toString(), "item_snapshot"));
        files.forEach(f -> args.add(f.toString()));
        try (ChildJvm child = ChildJvm.start(SnapshotLoadChild.class, args.toArray(String[]::new))) {
            child.awaitLine("started " + killDuring);
            Thread.sleep(delayMs);
            child.kill();
        }

        try (Workspace ws = Workspace.open(file)) {
            Map<LocalDate, String> present = days(ws.db());
            assertThat(present.size()).as(replay).isGreaterThanOrEqualTo(killDuring - 1);
            // files load in order, so the present days are the first ones, each exactly as in the unbroken load
            List<LocalDate> firstDays = new ArrayList<>(unbroken.keySet()).subList(0, present.size());
            assertThat(present.keySet()).as(replay).containsExactlyElementsOf(firstDays);
            present.forEach((day, state) -> assertThat(state).as(replay + ", day " + day).isEqualTo(unbroken.get(day)));

            List<SnapshotFileResult> again = new SnapshotLoader(ws).load("item_snapshot", files.subList(present.size(), FILES),
                    SnapshotDateSource.fromFileName(), false);
            assertThat(again).as(replay).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(SnapshotOutcome.LOADED));
            assertThat(days(ws.db())).as(replay).isEqualTo(unbroken);
            assertThat(ws.db().queryLong("SELECT count(*) FROM bfs.tables WHERE name = 'item_snapshot' AND kind = 'SNAPSHOT'"))
                    .as(replay).isEqualTo(1);
        }
    }
}
