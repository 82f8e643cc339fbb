package dev.backfillstudio.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfillstudio.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark workload at a tiny scale in the default build, so the benchmark cannot rot:
 * each workload runs on both sides, the app's rows are compared with the raw statements' rows, and
 * the results file has its shape. Timings at this scale say nothing; the targets are not asserted.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void everyWorkloadRunsOnBothSidesWritesTheSameRowsAsTheRawStatementsAndLandsInTheResultsFile() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Benchmark bench = new Benchmark(BenchScale.TINY, dir, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<BenchResult> results = bench.run();
        Path out = dir.resolve("bench/results.json");
        BenchmarkRunner.write(out, "tiny", bench.machine(), results);

        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.get("scale").asText()).isEqualTo("tiny");
        assertThat(doc.get("machine").asText()).contains("cores").contains("DuckDB");
        assertThat(doc.get("workloads")).extracting(w -> w.get("name").asText()).containsExactly(
                "backfill", "rerun", "lineage_backfill", "lineage_rerun", "rerun_changed", "rerun_changed_kept", "undo_rerun",
                "snapshot_load", "input_days_snapshot_load", "input_days_event_import", "history_build", "history_extend",
                "history_restate", "export_parquet", "status_365", "cli_status", "window_up", "capture_jdbc");
        for (JsonNode w : doc.get("workloads")) {
            String name = w.get("name").asText();
            assertThat(w.get("app_s").asDouble()).as(name).isPositive();
            for (String field : List.of("raw_s", "ratio", "target", "target_kind", "met")) {
                assertThat(w.has(field)).as(name + " has " + field).isTrue();
            }
            if (!w.get("raw_s").isNull()) {
                assertThat(w.get("raw_s").asDouble()).as(name).isPositive();
                assertThat(w.get("ratio").isNull()).as(name).isFalse();
            }
        }
        // the rows of every app-versus-raw pair were compared (a mismatch would have thrown above)
        assertThat(bench.checkedRows()).isPositive();
        assertThat(BenchmarkRunner.table(results)).contains("| rerun_changed |").contains("| window_up |");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("history_restate");
    }

    @Test
    void rowsThatDifferBetweenTheAppAndTheRawStatementsFailTheRun() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE a AS SELECT range AS id, 'x' AS v FROM range(10)");
            ws.db().execute("CREATE TABLE b AS SELECT * FROM a");
            assertThat(Benchmark.requireSameRows(ws.db(), "same", "SELECT * FROM a", "SELECT * FROM b")).isEqualTo(10);
            ws.db().execute("UPDATE b SET v = 'y' WHERE id = 3");
            assertThatThrownBy(() -> Benchmark.requireSameRows(ws.db(), "changed", "SELECT * FROM a", "SELECT * FROM b"))
                    .hasMessageContaining("changed: the app and the raw statements wrote different rows")
                    .hasMessageContaining("1 only in the app's, 1 only in the raw");
            // a duplicate row is a difference too
            ws.db().execute("UPDATE b SET v = 'x' WHERE id = 3");
            ws.db().execute("INSERT INTO b SELECT * FROM a WHERE id = 4");
            assertThatThrownBy(() -> Benchmark.requireSameRows(ws.db(), "dup", "SELECT * FROM a", "SELECT * FROM b"))
                    .hasMessageContaining("app 10 rows, raw 11");
        }
    }
}
