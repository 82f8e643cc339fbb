package dev.backfillstudio.bench;

import dev.backfillstudio.demo.GeneratedWorkspace;

/** How big the benchmark's workloads are. Small is about a tenth of full; tiny only proves it runs. */
enum BenchScale {
    TINY(new GeneratedWorkspace.Size(300, 20, 20_000), 20_000, 1, 0),
    SMALL(new GeneratedWorkspace.Size(10_000, 365, 1_000_000), 100_000, 5, 20),
    FULL(new GeneratedWorkspace.Size(100_000, 365, 10_000_000), 1_000_000, 5, 60);

    final GeneratedWorkspace.Size size;
    final int snapshotCsvRows;
    /** Timed rounds of each workload at least. */
    final int runs;
    /**
     * Seconds a workload's timed rounds may take in all: a workload whose round is short runs more rounds (up to
     * {@link BenchmarkRunner#MAX_RUNS}), so its medians are not at the mercy of one noisy moment of a shared machine.
     */
    final double roundBudgetSeconds;

    BenchScale(GeneratedWorkspace.Size size, int snapshotCsvRows, int runs, double roundBudgetSeconds) {
        this.size = size;
        this.snapshotCsvRows = snapshotCsvRows;
        this.runs = runs;
        this.roundBudgetSeconds = roundBudgetSeconds;
    }

    static BenchScale parse(String name) {
        return valueOf(name.trim().toUpperCase());
    }
}
