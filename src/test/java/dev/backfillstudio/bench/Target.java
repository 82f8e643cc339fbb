package dev.backfillstudio.bench;

/**
 * What a workload must meet: a ratio of app to raw seconds, a bound on app seconds, or a bound on
 * the seconds the app adds over raw (for small operations, where a ratio magnifies a fixed cost).
 */
record Target(Kind kind, double value) {

    enum Kind {
        /** app_s / raw_s ≤ value */
        RATIO,
        /** app_s ≤ value */
        SECONDS,
        /** app_s − raw_s ≤ value */
        SECONDS_OVER_RAW
    }

    static Target ratio(double value) {
        return new Target(Kind.RATIO, value);
    }

    static Target seconds(double value) {
        return new Target(Kind.SECONDS, value);
    }

    static Target overRaw(double seconds) {
        return new Target(Kind.SECONDS_OVER_RAW, seconds);
    }

    boolean met(double app, Double raw) {
        return switch (kind) {
            case RATIO -> raw != null && raw > 0 && app / raw <= value;
            case SECONDS -> app <= value;
            case SECONDS_OVER_RAW -> raw != null && app - raw <= value;
        };
    }

    /** As the table shows it: "≤ 1.05", "≤ 0.6 s", "≤ raw + 0.02 s". */
    String label() {
        return switch (kind) {
            case RATIO -> "≤ " + value;
            case SECONDS -> "≤ " + value + " s";
            case SECONDS_OVER_RAW -> "≤ raw + " + value + " s";
        };
    }

    String kindName() {
        return switch (kind) {
            case RATIO -> "ratio";
            case SECONDS -> "seconds";
            case SECONDS_OVER_RAW -> "seconds_over_raw";
        };
    }
}
