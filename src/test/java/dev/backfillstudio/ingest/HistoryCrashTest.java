package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.GeneratedWorkspace;
import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.support.HistoryBuildChild;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, crash (c): a history build killed with kill -9 at seeded points leaves either the previous
 * history, whole, or the new one, complete (its {@code _asof} equals every day's snapshot); building
 * again then gives exactly what a fresh full build gives. Odd seeds extend the history, even seeds
 * rebuild it from scratch. Replay a failure with the seed in its message (the seeds are chosen to spread the kill points).
 */
class HistoryCrashTest {

    static final GeneratedWorkspace.Size SIZE = new GeneratedWorkspace.Size(20_000, 60, 0);
    static final LocalDate BUILT_THROUGH = GeneratedWorkspace.FIRST_DAY.plusDays(39);

    @TempDir
    static Path shared;
    static Path template;
    static String previous;

    @TempDir
    Path dir;

    /** A workspace whose history is built through day 40 of 60: the next build has 20 days to fold in. */
    @BeforeAll
    static void workspaceWithAnOlderHistory() throws Exception {
        template = shared.resolve("template.duckdb");
        try (Workspace ws = Workspace.open(template, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            Db db = ws.db();
            GeneratedWorkspace.createTables(db, SIZE);
            db.update("INSERT INTO bfs.tables (name, kind, date_column) VALUES ('item_snapshot', 'SNAPSHOT', 'snapshot_date')");
            db.update("CREATE TABLE later AS FROM item_snapshot WHERE snapshot_date > ?", BUILT_THROUGH);
            db.update("DELETE FROM item_snapshot WHERE snapshot_date > ?", BUILT_THROUGH);
            new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null);
            db.execute("INSERT INTO item_snapshot FROM later");
            db.execute("DROP TABLE later");
            previous = historyState(db);
        }
    }

    static String historyState(Db db) throws Exception {
        return db.queryOne("SELECT count(*) || ':' || sum(hash(t)) FROM item_history t", rs -> rs.getString(1)).orElseThrow()
                + "|" + db.queryOne("SELECT built_through || '/' || needs_rebuild FROM bfs.tables WHERE name = 'item_history'",
                        rs -> rs.getString(1)).orElseThrow();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2, 7, 13, 40})
    void aBuildKilledAtASeededPointLeavesThePreviousHistoryOrTheCompleteNewOne(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        boolean full = seed % 2 == 0;
        String[] steps = {"checking that each key", full ? "building item_history" : "folding the days", "creating item_history_asof"};
        String step = steps[random.nextInt(steps.length)];
        int delayMs = random.nextInt(200);
        String replay = "seed " + seed + ": " + (full ? "full build" : "extension") + " killed " + delayMs + " ms after step '" + step + "'";
        Path file = dir.resolve("w.duckdb");
        Files.copy(template, file);
        if (full) {
            try (Workspace ws = Workspace.open(file)) {
                ws.db().update("UPDATE bfs.tables SET needs_rebuild = true WHERE name = 'item_history'");
            }
        }
        String before = full ? previous.replace("/false", "/true") : previous;
        try (ChildJvm child = ChildJvm.start(HistoryBuildChild.class, file.toString(), "item_snapshot", "id")) {
            String line;
            while ((line = child.readLine()) != null && !line.startsWith("step " + step)) {
                assertThat(line).as(replay).startsWith("step ");
            }
            assertThat(line).as(replay).isNotNull();
            Thread.sleep(delayMs);
            child.kill();
        }

        try (Workspace ws = Workspace.open(file)) {
            Db db = ws.db();
            String after = historyState(db);
            if (!after.equals(before)) {
                assertThat(after).as(replay + ": not the previous history, so the new one, complete")
                        .endsWith("|" + GeneratedWorkspace.lastDay(SIZE) + "/false");
                assertThat(HistoryBuilderTest.asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).as(replay).isZero();
            }
            new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null);
            assertThat(HistoryBuilderTest.asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).as(replay).isZero();
            new HistoryBuilder(ws).build("item_snapshot", List.of("id"), "fresh_history");
            assertThat(HistoryBuilderTest.tableMismatches(db, "item_history", "fresh_history")).as(replay).isZero();
        }
    }
}
