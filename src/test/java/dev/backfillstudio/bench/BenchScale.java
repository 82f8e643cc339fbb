package dev.backfillstudio.bench;

import dev.backfillstudio.demo.GeneratedWorkspace;

/** How big the benchmark's workloads are. Small is about a tenth of full; tiny only proves it runs. */
enum BenchScale {
    TINY(new GeneratedWorkspace.Size(300, 20, 20_000), 20_000, 1),
    SMALL(new GeneratedWorkspace.Size(10_000, 365, 1_000_000), 100_000, 3),
    FULL(new GeneratedWorkspace.Size(100_000, 365, 10_000_000), 1_000_000, 5);

    final GeneratedWorkspace.Size size;
    final int snapshotCsvRows;
    final int runs;

    BenchScale(GeneratedWorkspace.Size size, int snapshotCsvRows, int runs) {
        this.size = size;
        this.snapshotCsvRows = snapshotCsvRows;
        this.runs = runs;
    }

    static BenchScale parse(String name) {
        return valueOf(name.trim().toUpperCase());
    }
}
