package dev.backfillstudio.bench;

/**
 * One benchmark workload: the same work done through the app's engine and as the statements a
 * careful engineer would send straight through JDBC. {@code prepare} runs before each timed run,
 * untimed, so every run starts from the same state. After the rounds, {@link #check()} compares
 * what the two sides produced, row for row; a difference fails the benchmark.
 *
 * <p>To add a workload: implement this (usually as an inner class of {@link Benchmark}, which owns
 * the generated workspace) and add it to {@link Benchmark#workloads()}.
 */
interface Workload {

    String name();

    /** What must hold; null for a workload that only reports. */
    Target target();

    /** Whether the workload met a target of its own kind (used when {@link #target()} is null). */
    default boolean metOwnTarget() {
        return true;
    }

    /**
     * How many of the scale's round budgets this workload may spend. A workload whose target is a difference
     * of a few percent between two nearly equal sides needs more rounds than one with a wide margin: single
     * rounds here vary by a tenth or more, and the median of five cannot tell 3 % from 7 %.
     */
    default int budgets() {
        return 1;
    }

    default boolean hasRaw() {
        return true;
    }

    void prepareApp() throws Exception;

    void runApp() throws Exception;

    default void prepareRaw() throws Exception {
    }

    default void runRaw() throws Exception {
    }

    /** Fails (throws) when the app's output and the raw statements' output differ. */
    default void check() throws Exception {
    }

    /**
     * The seconds to report for the last run, when the workload measures something other than the
     * wall time of {@link #runApp()} (a child process's time to its first frame); NaN for wall time.
     */
    default double measuredSeconds() {
        return Double.NaN;
    }

    /** Told the medians of the timed rounds (raw null without a raw side) before {@link #note()} is asked for. */
    default void measured(double appSeconds, Double rawSeconds) {
    }

    /** Extra facts to print and store (e.g. a compression ratio); empty by default. */
    default String note() {
        return "";
    }
}
