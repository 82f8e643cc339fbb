package dev.backfillstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.cli.CliRunner;
import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.ingest.SnapshotCapture;
import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotFileResult;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way rows enter a Spark workspace reaches its Iceberg tables, whoever starts it: the app calls the
 * loaders directly, not the command line, so the hand-off to the engine lives in the loaders.
 */
@Tag("spark")
class SparkInputsTest {

    @Test
    void snapshotLoadsCapturesImportsAppendsAndHistoriesReachTheEngineWithoutTheCommandLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spark.duckdb");
        assertThat(CliRunner.run("init", "--db", file.toString(), "--engine", "spark", "--warehouse", dir.resolve("wh").toString())
                .exitCode()).isZero();
        try (Workspace ws = Workspace.open(file)) {
            List<SnapshotFileResult> loaded = new SnapshotLoader(ws).load("item_snapshot",
                    List.of(Path.of("sample-data/item_snapshots/item_2024-09-01.csv"),
                            Path.of("sample-data/item_snapshots/item_2024-09-02.csv")),
                    SnapshotDateSource.column("snapshot_date"), false);
            assertThat(loaded).allMatch(SnapshotFileResult::ok);
            new TableImporter(ws).importCsv("item_events", Path.of("sample-data/item_events.csv"), false);
            Path more = Files.writeString(dir.resolve("more.csv"), "event_id,item_id,kind,date\n900001,1,view,2024-09-02\n");
            new TableImporter(ws).appendCsv("item_events", more);
            ws.db().execute("CREATE TABLE live_item AS SELECT id, name, 'PASSIVE' AS status FROM item_snapshot"
                    + " WHERE snapshot_date = DATE '2024-09-02'");
            new SnapshotCapture(ws).fromTable("item_snapshot", "live_item", LocalDate.parse("2024-09-03"), false);
            new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null);

            try (DayEngine engine = Engines.open(ws).orElseThrow()) {
                for (String day : List.of("2024-09-01", "2024-09-02", "2024-09-03")) {
                    String where = " WHERE snapshot_date = DATE '" + day + "'";
                    assertThat(engine.fingerprintOf("SELECT * FROM item_snapshot" + where).rows())
                            .as("snapshot day " + day + " in Iceberg")
                            .isEqualTo(ws.db().queryLong("SELECT count(*) FROM item_snapshot" + where)).isPositive();
                }
                assertThat(engine.fingerprintOf("SELECT * FROM item_snapshot WHERE snapshot_date = DATE '2024-09-03'"
                        + " AND status <> 'PASSIVE'").rows()).as("the captured day holds the live table's rows").isZero();
                assertThat(engine.fingerprintOf("SELECT * FROM item_events").rows()).as("the import and its appended row")
                        .isEqualTo(ws.db().queryLong("SELECT count(*) FROM item_events"));
                assertThat(engine.fingerprintOf("SELECT * FROM item_events WHERE event_id = 900001").rows()).isEqualTo(1);
                assertThat(engine.fingerprintOf("SELECT * FROM item_history").rows()).as("the history built in the app")
                        .isEqualTo(ws.db().queryLong("SELECT count(*) FROM item_history")).isPositive();
            }
        }
    }
}
