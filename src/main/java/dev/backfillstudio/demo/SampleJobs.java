package dev.backfillstudio.demo;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The sample's four jobs, saved and partly run so a newcomer sees every day status at once: the
 * snapshot job has days made by an older version (STALE), days of the current one (SUCCEEDED), the
 * day whose snapshot never arrived (FAILED) and days never run (MISSING); the naive job's days are
 * STALE because today's item table is not what they read; a fourth job reads the snapshot job's
 * output, so its days downstream of stale days are stale too.
 */
public final class SampleJobs {

    /** The snapshot job as first written: without the event kind, which version 2 adds. */
    static final String SNAPSHOT_JOB_V1 = """
            -- Events of the items that were ACTIVE on the day, read from that day's snapshot.
            SELECT e.event_id, e.item_id, e.date
            FROM item_events e
            WHERE e.item_id IN (SELECT id FROM item_snapshot
                                WHERE status = 'ACTIVE' AND snapshot_date = {DATE})
              AND e.date = {DATE}
            """;

    private SampleJobs() {
    }

    public static void install(Workspace ws) {
        JobStore jobs = new JobStore(ws);
        LocalDate sep1 = SampleData.FIRST_DAY;
        LocalDate oct1 = LocalDate.of(2024, 10, 1);

        jobs.save(SampleData.NAIVE_JOB, "active_item_events_naive_out", SampleData.jobSql(SampleData.NAIVE_JOB));
        runNaiveAsItRanOnEachDay(ws);

        jobs.save(SampleData.SNAPSHOT_JOB, "active_item_events", SNAPSHOT_JOB_V1);
        run(ws, SampleData.SNAPSHOT_JOB, DaySet.range(sep1, LocalDate.of(2024, 10, 20)));
        jobs.save(SampleData.SNAPSHOT_JOB, "active_item_events", SampleData.jobSql(SampleData.SNAPSHOT_JOB));
        run(ws, SampleData.SNAPSHOT_JOB, DaySet.range(oct1, LocalDate.of(2024, 10, 10)));

        jobs.save(SampleData.HISTORY_JOB, "active_item_events_history_out", SampleData.jobSql(SampleData.HISTORY_JOB));
        run(ws, SampleData.HISTORY_JOB, DaySet.range(sep1, LocalDate.of(2024, 9, 30)));

        // downstream of the snapshot job: its September days read days of version 1, stale upstream, so they are stale too
        jobs.save(SampleData.DOWNSTREAM_JOB, "active_items_per_kind_out", SampleData.jobSql(SampleData.DOWNSTREAM_JOB));
        run(ws, SampleData.DOWNSTREAM_JOB, DaySet.range(LocalDate.of(2024, 9, 25), LocalDate.of(2024, 10, 10)));
    }

    /**
     * The naive job ran every day of the two months back then, when `item` held that day's
     * statuses: its stored output is right for each day. Today `item` has moved on, so verify shows
     * its old days DRIFTED, which is the story the sample tells.
     */
    private static void runNaiveAsItRanOnEachDay(Workspace ws) {
        Db db = ws.db();
        try {
            db.execute("CREATE OR REPLACE TABLE item_today AS SELECT * FROM item");
            LocalDate known = SampleData.FIRST_DAY;
            for (LocalDate d = SampleData.FIRST_DAY; !d.isAfter(SampleData.LAST_DAY); d = d.plusDays(1)) {
                // a day whose export never arrived still ran, on the last state the table had
                if (db.queryLong("SELECT count(*) FROM item_snapshot WHERE snapshot_date = ?", d) > 0) {
                    known = d;
                }
                db.update("DELETE FROM item");
                db.update("INSERT INTO item SELECT id, name, status FROM item_snapshot WHERE snapshot_date = ?", known);
                run(ws, SampleData.NAIVE_JOB, DaySet.of(java.util.List.of(d)));
            }
            db.update("DELETE FROM item");
            db.update("INSERT INTO item SELECT * FROM item_today");
            db.execute("DROP TABLE item_today");
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot build the sample's naive job history: " + e.getMessage(), e);
        }
    }

    private static void run(Workspace ws, String job, DaySet days) {
        new Backfill(ws).run(job, days, new RunListener() { });
    }
}
