package dev.backfillstudio.spark;

import static dev.backfillstudio.spark.SparkSample.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.cli.CliRunner;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.run.Fingerprint;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undo and restore on Spark: the Iceberg table's history gives back each attempt's rows, day by day. */
@Tag("spark")
class SparkUndoTest {

    static final String JOB = SampleData.SNAPSHOT_JOB;
    static final String TARGET = "active_item_events";
    static final String RANGE = "2024-09-01..2024-09-04";

    @Test
    void undoGivesBackTheEarlierRowsDayByDayAndRestorePutsBackAChosenAttempt(@TempDir Path dir) throws Exception {
        String db = workspace(dir);
        String v1 = SampleData.jobSql(JOB);
        save(dir, db, v1);
        ok(CliRunner.run("run", "--db", db, "--job", JOB, "--dates", RANGE));
        save(dir, db, v1.replace("AND e.date = {DATE}", "AND e.date = {DATE} AND e.kind = 'view'"));
        ok(CliRunner.run("run", "--db", db, "--job", JOB, "--dates", RANGE));
        long first = runIds(db).get(0);
        long rerun = runIds(db).get(1);
        Map<LocalDate, String> firstPrints = prints(db, first);
        Map<LocalDate, String> rerunPrints = prints(db, rerun);
        assertThat(held(db)).isEqualTo(rerunPrints);
        assertThat(rerunPrints.values()).doesNotContainAnyElementsOf(firstPrints.values());

        CliRunner.Result undo = ok(CliRunner.run("undo", "--db", db, "--run", Long.toString(rerun)));
        assertThat(undo.out()).contains("4 of 4 days put back");
        assertThat(held(db)).as("each day holds the first run's rows again").isEqualTo(firstPrints);
        assertThat(CliRunner.run("status", "--db", db, "--job", JOB, "--dates", RANGE).out()).contains("STALE")
                .doesNotContain("SUCCEEDED");
        assertThat(ok(CliRunner.run("verify", "--db", db, "--job", JOB, "--dates", RANGE)).out()).contains("4 reproducible");

        ok(CliRunner.run("restore", "--db", db, "--job", JOB, "--day", "2024-09-02", "--attempt", Long.toString(rerun)));
        Map<LocalDate, String> expected = new LinkedHashMap<>(firstPrints);
        expected.put(LocalDate.parse("2024-09-02"), rerunPrints.get(LocalDate.parse("2024-09-02")));
        assertThat(held(db)).as("the restored day holds the rerun's rows, the others stay").isEqualTo(expected);

        ok(CliRunner.run("undo", "--db", db, "--run", Long.toString(first)));
        try (Workspace ws = Workspace.open(Path.of(db)); DayEngine engine = Engines.open(ws).orElseThrow()) {
            for (LocalDate d = LocalDate.parse("2024-09-01"); !d.isAfter(LocalDate.parse("2024-09-04")); d = d.plusDays(1)) {
                Fingerprint f = engine.storedDay(TARGET, d);
                assertThat(f.rows()).as(d + ": undoing its first run leaves it without output").isZero();
            }
        }
        assertThat(CliRunner.run("status", "--db", db, "--job", JOB, "--dates", RANGE).out()).contains("MISSING");
    }

    @Test
    void theChangeLimitBlocksADayOnSparkAndDownstreamDaysFollowTheirUpstream(@TempDir Path dir) throws Exception {
        String db = workspace(dir);
        String v1 = SampleData.jobSql(JOB);
        save(dir, db, v1);
        ok(CliRunner.run("run", "--db", db, "--job", JOB, "--dates", RANGE));
        Path downstream = Files.writeString(dir.resolve("down.sql"), SampleData.jobSql(SampleData.DOWNSTREAM_JOB));
        ok(CliRunner.run("job", "save", "--db", db, "--name", SampleData.DOWNSTREAM_JOB, "--target", "per_kind", "--sql-file",
                downstream.toString()));
        ok(CliRunner.run("run", "--db", db, "--job", SampleData.DOWNSTREAM_JOB, "--dates", RANGE));
        Map<LocalDate, String> before = held(db);
        save(dir, db, v1.replace("AND e.date = {DATE}", "AND e.date = {DATE} AND e.kind = 'view'"));

        CliRunner.Result blocked = CliRunner.run("run", "--db", db, "--job", JOB, "--dates", RANGE, "--max-change", "10");
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.err()).contains("4 of 4 days of job " + JOB + " were blocked by --max-change 10").contains("BLOCKED");
        assertThat(held(db)).as("blocked days keep their rows").isEqualTo(before);

        CliRunner.Result wide = ok(CliRunner.run("run", "--db", db, "--job", JOB, "--dates", RANGE, "--max-change", "100",
                "--with-downstream"));
        assertThat(wide.out()).contains("4 of 4 days succeeded").contains("Downstream: Run");
        assertThat(held(db).values()).doesNotContainAnyElementsOf(before.values());
        CliRunner.Result down = CliRunner.run("status", "--db", db, "--job", SampleData.DOWNSTREAM_JOB, "--dates", RANGE);
        assertThat(down.out()).contains("SUCCEEDED").doesNotContain("STALE");
        // the downstream days hold what their query gives over the upstream days now held
        assertThat(ok(CliRunner.run("verify", "--db", db, "--job", SampleData.DOWNSTREAM_JOB, "--dates", RANGE)).out())
                .contains("4 reproducible");
    }

    private static String workspace(Path dir) throws Exception {
        return SparkSample.workspace(dir, f -> f.contains("2024-09-0"));
    }

    private static Map<LocalDate, String> held(String db) {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        try (Workspace ws = Workspace.open(Path.of(db)); DayEngine engine = Engines.open(ws).orElseThrow()) {
            for (LocalDate d = LocalDate.parse("2024-09-01"); !d.isAfter(LocalDate.parse("2024-09-04")); d = d.plusDays(1)) {
                out.put(d, engine.storedDay(TARGET, d).hash());
            }
        }
        return out;
    }

    private static Map<LocalDate, String> prints(String db, long run) throws Exception {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        try (Workspace ws = Workspace.open(Path.of(db))) {
            for (Object[] r : ws.db().query("SELECT day, fingerprint FROM bfs.attempts WHERE run_id = ? ORDER BY day",
                    rs -> new Object[] {rs.getObject(1, LocalDate.class), rs.getString(2)}, run)) {
                out.put((LocalDate) r[0], (String) r[1]);
            }
        }
        return out;
    }

    private static List<Long> runIds(String db) throws Exception {
        try (Workspace ws = Workspace.open(Path.of(db))) {
            return ws.db().query("SELECT run_id FROM bfs.runs ORDER BY run_id", rs -> rs.getLong(1));
        }
    }


    private static void save(Path dir, String db, String sql) throws Exception {
        Path file = Files.writeString(dir.resolve("job-" + System.nanoTime() + ".sql"), sql);
        ok(CliRunner.run("job", "save", "--db", db, "--name", JOB, "--target", TARGET, "--sql-file", file.toString()));
    }
}
