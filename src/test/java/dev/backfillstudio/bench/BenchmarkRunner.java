package dev.backfillstudio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs workloads the same way each time: one untimed warm-up of each side, then timed rounds
 * interleaved app, raw, app, raw… in one process, and reports the medians and their ratio.
 * Interleaving spreads the noise of a shared machine over both sides alike. A workload runs at least
 * {@code runs} rounds, and more (up to {@link #MAX_RUNS}) while they fit in {@code budgetSeconds} as
 * its warm-up timed them (preparations included): single rounds of a second or less vary by a third
 * here, so short workloads need more of them for a median that holds still.
 */
final class BenchmarkRunner {

    static final int MAX_RUNS = 51;

    private final int runs;
    private final double budgetSeconds;
    private final PrintStream log;

    BenchmarkRunner(int runs, double budgetSeconds, PrintStream log) {
        this.runs = runs;
        this.budgetSeconds = budgetSeconds;
        this.log = log;
    }

    /**
     * How many timed rounds a workload gets whose warm-up round (both sides) took {@code warmUpSeconds} and that may
     * spend {@code budgets} round budgets ({@link Workload#budgets()}).
     */
    int rounds(double warmUpSeconds, int budgets) {
        double budget = budgetSeconds * budgets;
        int fit = budget <= 0 ? 0 : warmUpSeconds <= 0 ? MAX_RUNS : (int) Math.floor(budget / warmUpSeconds);
        return Math.max(runs, Math.min(MAX_RUNS, fit));
    }

    BenchResult measure(Workload w) throws Exception {
        log.printf("%-16s warming up…%n", w.name());
        // a round costs its preparations too (some rebuild a table, one runs a whole rerun)
        double warmUp = time(w::prepareApp) + time(w::runApp);
        if (w.hasRaw()) {
            warmUp += time(w::prepareRaw) + time(w::runRaw);
        }
        int n = rounds(warmUp, w.budgets());
        double[] app = new double[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            w.prepareApp();
            app[i] = time(w::runApp);
            if (!Double.isNaN(w.measuredSeconds())) {
                app[i] = w.measuredSeconds();
            }
            if (w.hasRaw()) {
                w.prepareRaw();
                raw[i] = time(w::runRaw);
            }
        }
        if (Boolean.getBoolean("bench.rounds")) {
            // -Dbench.rounds=true: every round's app/raw milliseconds, in order, to tell the machine's bursts from a slow side
            StringBuilder rounds = new StringBuilder();
            for (int i = 0; i < n; i++) {
                rounds.append(String.format(" %.0f/%.0f", app[i] * 1000, w.hasRaw() ? raw[i] * 1000 : Double.NaN));
            }
            log.printf("%-16s rounds (ms, app/raw):%s%n", w.name(), rounds);
        }
        // both sides ran the same number of times from the same start: their outputs must be equal
        w.check();
        double appMedian = median(app);
        Double rawMedian = w.hasRaw() ? median(raw) : null;
        w.measured(appMedian, rawMedian);
        Double ratio = rawMedian == null || rawMedian == 0 ? null : appMedian / rawMedian;
        Target t = w.target();
        boolean met = t == null ? w.metOwnTarget() : t.met(appMedian, rawMedian);
        BenchResult r = new BenchResult(w.name(), round(appMedian), rawMedian == null ? null : round(rawMedian),
                ratio == null ? null : round(ratio), t == null ? null : t.value(), t == null ? null : t.kindName(), n, met,
                w.note());
        log.printf("%-16s app %8.3f s   raw %8s   ratio %6s   target %s%s   %s%n", r.name(), r.appSeconds(),
                r.rawSeconds() == null ? "-" : String.format("%.3f s", r.rawSeconds()),
                r.ratio() == null ? "-" : String.format("%.3f", r.ratio()),
                t == null ? "-" : t.label(), met ? "" : "  MISSED", r.note());
        return r;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double time(Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** Writes {@code {"scale", "machine", "workloads": [...]}} and prints the table. */
    static void write(Path file, String scale, String machine, List<BenchResult> results) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scale", scale);
        doc.put("machine", machine);
        doc.put("workloads", new ArrayList<>(results));
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    private static String label(BenchResult r) {
        return switch (r.targetKind()) {
            case "seconds" -> "≤ " + r.target() + " s";
            case "seconds_over_raw" -> "≤ raw + " + r.target() + " s";
            default -> "≤ " + r.target();
        };
    }

    /** A Markdown table of the results, as the README shows it. */
    static String table(List<BenchResult> results) {
        StringBuilder out = new StringBuilder("| workload | app (s) | raw DuckDB (s) | ratio | target | met | note |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | :---: | --- |\n");
        for (BenchResult r : results) {
            out.append(String.format("| %s | %.3f | %s | %s | %s | %s | %s |%n", r.name(), r.appSeconds(),
                    r.rawSeconds() == null ? "–" : String.format("%.3f", r.rawSeconds()),
                    r.ratio() == null ? "–" : String.format("%.3f", r.ratio()),
                    r.target() == null ? "–" : label(r),
                    r.met() ? "yes" : "**no**", r.note()));
        }
        return out.toString();
    }
}
