package dev.backfillstudio.workspace;

/**
 * Switches that leave out part of the app's bookkeeping, for the benchmark only: it runs the same
 * work with and without them to measure what lineage ({@code bfs.attempts.inputs}) and the per-day
 * fingerprints of input tables ({@code bfs.input_days}) cost. The app never sets them; a workspace
 * written with one of them set has incomplete lineage. Read at each use, so a benchmark can flip
 * them between rounds.
 */
public final class Bookkeeping {

    /** System property: when "true", runs record no lineage and check no inputs (benchmark only). */
    public static final String SKIP_LINEAGE = "backfillstudio.bench.skipLineage";
    /** System property: when "true", loads and imports record no per-day fingerprints (benchmark only). */
    public static final String SKIP_INPUT_DAYS = "backfillstudio.bench.skipInputDays";

    private Bookkeeping() {
    }

    public static boolean lineage() {
        return !Boolean.getBoolean(SKIP_LINEAGE);
    }

    public static boolean inputDays() {
        return !Boolean.getBoolean(SKIP_INPUT_DAYS);
    }
}
