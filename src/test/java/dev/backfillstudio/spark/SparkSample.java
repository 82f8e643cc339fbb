package dev.backfillstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A Spark workspace over the sample's events and some of its snapshot days, made as a user would, at the command line. */
public final class SparkSample {

    private SparkSample() {
    }

    /**
     * Creates {@code spark.duckdb} in {@code dir} with its warehouse beside it, imports the sample's events
     * and loads the snapshot files whose names {@code days} accepts; returns the workspace's path.
     */
    public static String workspace(Path dir, Predicate<String> days) throws IOException {
        String db = dir.resolve("spark.duckdb").toString();
        ok(CliRunner.run("init", "--db", db, "--engine", "spark", "--warehouse", dir.resolve("wh").toString()));
        ok(CliRunner.run("import", "--db", db, "--table", "item_events", "--csv", "sample-data/item_events.csv"));
        List<String> args = new ArrayList<>(List.of("snapshot", "--db", db, "--table", "item_snapshot", "--date-column",
                "snapshot_date", "--csv"));
        try (Stream<Path> files = Files.list(Path.of("sample-data/item_snapshots"))) {
            files.map(Path::toString).filter(days).sorted().forEach(args::add);
        }
        ok(CliRunner.run(args.toArray(String[]::new)));
        return db;
    }

    /** The command's result, once it is known to have succeeded. */
    public static CliRunner.Result ok(CliRunner.Result r) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }
}
