package dev.backfillstudio.bench;

/**
 * One benchmark workload: the same work done through the app's engine and as the bare SQL
 * statements sent straight through JDBC. {@code prepare} runs before each timed run, untimed, so
 * every run starts from the same state.
 */
interface Workload {

    String name();

    /** The target for app_s / raw_s (or for app_s alone when there is no raw side); null for none. */
    Double target();

    /** Whether the workload met a target of its own kind (used when there is no raw side and no seconds target). */
    default boolean metOwnTarget() {
        return true;
    }

    /** True when {@link #target()} bounds app seconds rather than the ratio. */
    default boolean targetIsSeconds() {
        return false;
    }

    default boolean hasRaw() {
        return true;
    }

    void prepareApp() throws Exception;

    void runApp() throws Exception;

    void prepareRaw() throws Exception;

    void runRaw() throws Exception;

    /** Extra facts to print and store (e.g. a compression ratio); empty by default. */
    default String note() {
        return "";
    }
}
