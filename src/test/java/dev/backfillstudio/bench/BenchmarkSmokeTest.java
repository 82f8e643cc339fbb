package dev.backfillstudio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every benchmark workload at a tiny scale in the default build, so the benchmark cannot rot. */
class BenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void theBenchmarkRunsEndToEndAndWritesAWellFormedResultsFile() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Benchmark bench = new Benchmark(BenchScale.TINY, dir, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<BenchResult> results = bench.run();
        Path out = dir.resolve("bench/results.json");
        BenchmarkRunner.write(out, "tiny", bench.machine(), results);

        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.get("scale").asText()).isEqualTo("tiny");
        assertThat(doc.get("machine").asText()).contains("cores").contains("DuckDB");
        assertThat(doc.get("workloads")).extracting(w -> w.get("name").asText()).containsExactly(
                "backfill", "rerun", "snapshot_load", "history_build", "history_extend", "export_parquet", "status_365");
        for (JsonNode w : doc.get("workloads")) {
            assertThat(w.get("app_s").asDouble()).as(w.get("name").asText()).isPositive();
            assertThat(w.has("raw_s") && w.has("ratio") && w.has("target")).isTrue();
            if (!w.get("raw_s").isNull()) {
                double app = w.get("app_s").asDouble();
                double raw = w.get("raw_s").asDouble();
                // the file keeps four decimals of each time: allow for that rounding on tiny timings
                double slack = 100 * (0.00006 / app + 0.00006 / raw) + 0.1;
                assertThat(w.get("ratio").asDouble()).isCloseTo(app / raw, org.assertj.core.data.Percentage.withPercentage(slack));
            } else {
                assertThat(w.get("ratio").isNull()).isTrue();
            }
        }
        assertThat(BenchmarkRunner.table(results)).contains("| backfill |").contains("| status_365 |");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("export_parquet");
    }
}
