package dev.backfillstudio.spark;

import static dev.backfillstudio.spark.SparkSample.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.cli.CliRunner;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.support.ChildJvm;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark session as a user meets it: started from whatever folder the command runs in. */
@Tag("spark")
class SparkSessionsTest {

    @Test
    void aRunOnSparkLeavesNothingInTheFolderItWasStartedFrom(@TempDir Path dir) throws Exception {
        String db = SparkSample.workspace(dir, f -> f.contains("2024-09-01"));
        Path sql = Files.writeString(dir.resolve("job.sql"), SampleData.jobSql(SampleData.SNAPSHOT_JOB));
        ok(CliRunner.run("job", "save", "--db", db, "--name", SampleData.SNAPSHOT_JOB, "--target", "active_item_events",
                "--sql-file", sql.toString()));
        Path here = Files.createDirectory(dir.resolve("here"));
        List<String> jvm = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")).toList());
        jvm.add("-Xmx1g");
        try (ChildJvm child = ChildJvm.startIn(here, jvm, SparkRunChild.class, db, SampleData.SNAPSHOT_JOB, "2024-09-01")) {
            child.awaitLine("done 2024-09-01");
            child.awaitLine("finished");
            assertThat(child.waitFor()).isZero();
        }
        try (Stream<Path> left = Files.list(here)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("what the run left in its working folder").isEmpty();
        }
    }
}
