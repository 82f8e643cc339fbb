package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.demo.GeneratedWorkspace;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, cancel from the API: a snapshot load and a history build cancelled from another thread
 * while DuckDB runs their statement (as the app's Cancel button does) keep the same guarantees as a
 * kill: the day in flight is absent, the previous history is whole, and doing it again completes.
 * Runs and exports have theirs in {@code BackfillTest} and {@code ExporterTest}.
 */
class CancelFromAnotherThreadTest {

    @TempDir
    Path dir;

    /** Cancels, from another thread, once {@code go} opens, over and over until the work returns (so it lands inside a statement). */
    private static CompletableFuture<Void> canceller(CountDownLatch go, Runnable cancel, CompletableFuture<?> work) {
        return CompletableFuture.runAsync(() -> {
            try {
                go.await(30, TimeUnit.SECONDS);
                while (!work.isDone()) {
                    cancel.run();
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aSnapshotLoadCancelledWhileItsInsertRunsKeepsTheLoadedDaysAndNothingOfTheOneInFlight() throws Exception {
        Path a = dir.resolve("item_2024-03-01.csv");
        Path b = dir.resolve("item_2024-03-02.csv");
        try (Workspace ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            // written by a DuckDB of the test's own: the workspace's may write files only in its IoFolder
            try (java.sql.Connection plain = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                 java.sql.Statement st = plain.createStatement()) {
                for (Path f : List.of(a, b)) {
                    st.execute("COPY (SELECT i AS id, 'item ' || i AS name FROM range(1000000) t(i)) TO " + Db.literal(f.toString()) + " (HEADER)");
                }
            }
            SnapshotLoader loader = new SnapshotLoader(ws);
            CountDownLatch second = new CountDownLatch(1);
            loader.onProgress((i, n, f) -> {
                if (i == 2) {
                    second.countDown();
                }
            });
            CompletableFuture<List<SnapshotFileResult>> load = CompletableFuture.supplyAsync(
                    () -> loader.load("item_snapshot", List.of(a, b), SnapshotDateSource.fromFileName(), false));
            canceller(second, loader::cancel, load).get(30, TimeUnit.SECONDS);

            assertThat(load.get()).extracting(SnapshotFileResult::outcome).containsExactly(SnapshotOutcome.LOADED, SnapshotOutcome.CANCELLED);
            assertThat(ws.db().query("SELECT snapshot_date, count(*) FROM item_snapshot GROUP BY ALL",
                    rs -> rs.getObject(1, LocalDate.class) + ":" + rs.getLong(2))).containsExactly("2024-03-01:1000000");
            List<SnapshotFileResult> again = new SnapshotLoader(ws).load("item_snapshot", List.of(b), SnapshotDateSource.fromFileName(), false);
            assertThat(again).extracting(SnapshotFileResult::outcome).containsExactly(SnapshotOutcome.LOADED);
            assertThat(ws.db().queryLong("SELECT count(*) FROM item_snapshot")).isEqualTo(2_000_000);
        }
    }

    @Test
    void aHistoryBuildCancelledMidStatementFromAnotherThreadLeavesThePreviousHistoryWhole() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("h.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            Db db = ws.db();
            GeneratedWorkspace.createTables(db, new GeneratedWorkspace.Size(20_000, 60, 0));
            db.update("INSERT INTO bfs.tables (name, kind, date_column) VALUES ('item_snapshot', 'SNAPSHOT', 'snapshot_date')");
            db.execute("CREATE TABLE later AS FROM item_snapshot WHERE snapshot_date > DATE '2024-02-09'");
            db.execute("DELETE FROM item_snapshot WHERE snapshot_date > DATE '2024-02-09'");
            new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null);
            db.execute("INSERT INTO item_snapshot FROM later");
            String before = HistoryCrashTest.historyState(db);

            HistoryBuilder builder = new HistoryBuilder(ws);
            CountDownLatch folding = new CountDownLatch(1);
            builder.onStep(step -> {
                if (step.startsWith("folding")) {
                    folding.countDown();
                }
            });
            CompletableFuture<HistoryResult> build = CompletableFuture.supplyAsync(() -> builder.build("item_snapshot", List.of("id"), null));
            canceller(folding, builder::cancel, build).get(30, TimeUnit.SECONDS);

            assertThatThrownBy(build::join).hasRootCauseInstanceOf(Exception.class)
                    .hasMessageContaining("Building item_history was cancelled; the previous history is unchanged.");
            assertThat(HistoryCrashTest.historyState(db)).isEqualTo(before);
            assertThat(db.queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__bfs%'")).as("no leftover").isZero();

            new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null);
            assertThat(HistoryBuilderTest.asofMismatches(db, "item_snapshot", "snapshot_date", "item_history")).isZero();
        }
    }
}
