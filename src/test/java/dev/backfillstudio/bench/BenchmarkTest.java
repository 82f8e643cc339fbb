package dev.backfillstudio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark proper, run only by {@code ./mvnw -Pbench verify -Dbench.scale=small|full}. Writes
 * target/bench/results.json and prints the table for the README.
 */
@Tag("bench")
class BenchmarkTest {

    @TempDir
    Path dir;

    @Test
    @org.junit.jupiter.api.Timeout(value = 90, unit = java.util.concurrent.TimeUnit.MINUTES)
    void benchmark() throws Exception {
        BenchScale scale = BenchScale.parse(System.getProperty("bench.scale", "small"));
        Benchmark bench = new Benchmark(scale, dir, System.out);
        List<BenchResult> results = bench.run();
        Path out = Path.of(System.getProperty("project.build.directory", "target"), "bench", "results.json");
        BenchmarkRunner.write(out, scale.name().toLowerCase(), bench.machine(), results);
        System.out.println();
        System.out.println("Machine: " + bench.machine());
        System.out.println(BenchmarkRunner.table(results));
        System.out.printf("Rows compared app against raw: %,d%n", bench.checkedRows());
        System.out.println("Results written to " + out);
        assertThat(Files.size(out)).isPositive();
    }
}
