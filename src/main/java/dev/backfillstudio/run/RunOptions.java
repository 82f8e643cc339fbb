package dev.backfillstudio.run;

import java.util.OptionalDouble;

/**
 * How a run goes about its days. {@code maxChangePercent}, when set, is the guard on reruns: a day that
 * had output and whose rerun would add plus remove more than that percentage of its stored rows is not
 * committed (it keeps its rows and is reported BLOCKED). A day without output has nothing to lose and
 * is never blocked.
 */
public record RunOptions(boolean failFast, OptionalDouble maxChangePercent) {

    public static final RunOptions DEFAULT = new RunOptions(false, OptionalDouble.empty());

    public RunOptions {
        if (maxChangePercent.isPresent() && !(maxChangePercent.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("a change limit is a percentage of 0 or more");
        }
    }

    public static RunOptions failFast(boolean failFast) {
        return new RunOptions(failFast, OptionalDouble.empty());
    }

    public RunOptions withMaxChange(double percent) {
        return new RunOptions(failFast, OptionalDouble.of(percent));
    }

    /** A percentage as people write it: 50, 12.5. */
    public static String percent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** True when a day of {@code storedRows} rows that would gain {@code added} and lose {@code removed} must not be committed. */
    public boolean blocks(long storedRows, long added, long removed) {
        return maxChangePercent.isPresent() && storedRows > 0
                && (added + removed) * 100.0 > maxChangePercent.getAsDouble() * storedRows;
    }
}
