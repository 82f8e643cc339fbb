package dev.backfillstudio.spark;

import static dev.backfillstudio.spark.SparkSample.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.cli.CliRunner;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.run.Fingerprint;
import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.workspace.Workspace;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process rerunning days on Spark: every day holds the rows of one version, whole, and the books agree. */
@Tag("spark")
class SparkRunKillTest {

    static final LocalDate FIRST = LocalDate.of(2024, 9, 1);
    static final int DAYS = 8;

    @Test
    void aRerunKilledMidwayLeavesEveryDayWholeAndTheBooksNamingWhatItHolds(@TempDir Path dir) throws Exception {
        String db = SparkSample.workspace(dir, f -> f.contains("2024-09-0") || f.contains("2024-09-1"));
        String v1 = SampleData.jobSql(SampleData.SNAPSHOT_JOB);
        String v2 = v1.replace("AND e.date = {DATE}", "AND e.date = {DATE} AND e.kind = 'view'");
        save(dir, db, v1);
        String range = FIRST + ".." + FIRST.plusDays(DAYS - 1);
        ok(CliRunner.run("run", "--db", db, "--job", SampleData.SNAPSHOT_JOB, "--dates", range));
        save(dir, db, v2);

        List<String> jvm = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")).toList());
        jvm.add("-Xmx1g");
        try (ChildJvm child = ChildJvm.start(jvm, SparkRunChild.class, db, SampleData.SNAPSHOT_JOB, range)) {
            child.awaitLine("started");
            child.awaitLine("done " + FIRST);
            child.awaitLine("done " + FIRST.plusDays(1));
            child.kill();
        }

        int newer = 0;
        int older = 0;
        try (Workspace ws = Workspace.open(Path.of(db)); DayEngine engine = Engines.open(ws).orElseThrow()) {
            for (int i = 0; i < DAYS; i++) {
                LocalDate day = FIRST.plusDays(i);
                Fingerprint held = engine.storedDay("active_item_events", day);
                Fingerprint one = engine.fingerprintOf(SqlTemplate.forDay(v1, day));
                Fingerprint two = engine.fingerprintOf(SqlTemplate.forDay(v2, day));
                assertThat(one).as(day + ": the versions differ").isNotEqualTo(two);
                assertThat(held).as(day + " holds one version's rows, whole").isIn(one, two);
                newer += held.equals(two) ? 1 : 0;
                older += held.equals(one) ? 1 : 0;
                String recorded = ws.db().queryOne("SELECT fingerprint FROM bfs.partitions WHERE job = ? AND day = ?",
                        rs -> rs.getString(1), SampleData.SNAPSHOT_JOB, day).orElseThrow();
                if (held.equals(one)) {
                    assertThat(recorded).as(day + ": the books name the rows it still holds").isEqualTo(one.hash());
                }
            }
        }
        assertThat(newer).as("days rerun before the kill").isGreaterThanOrEqualTo(2);
        assertThat(older).as("days the kill stopped").isGreaterThanOrEqualTo(1);
        // a rerun finishes the job: every day of the current version, and verify agrees
        ok(CliRunner.run("run", "--db", db, "--job", SampleData.SNAPSHOT_JOB, "--stale"));
        assertThat(ok(CliRunner.run("verify", "--db", db, "--job", SampleData.SNAPSHOT_JOB, "--dates", range)).out())
                .contains(DAYS + " reproducible");
    }


    private static void save(Path dir, String db, String sql) throws Exception {
        Path file = Files.writeString(dir.resolve("job-" + System.nanoTime() + ".sql"), sql);
        ok(CliRunner.run("job", "save", "--db", db, "--name", SampleData.SNAPSHOT_JOB, "--target", "active_item_events",
                "--sql-file", file.toString()));
    }
}
