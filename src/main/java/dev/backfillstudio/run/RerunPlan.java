package dev.backfillstudio.run;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.job.QueryGuard;
import dev.backfillstudio.workspace.Workspace;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What each ticked day will do if run now: replace stored rows (how many) or write new ones, with which
 * version, and the exact SQL that will run for it.
 */
public final class RerunPlan {

    /** One day of the plan. */
    public record PlannedDay(LocalDate day, boolean replaces, long currentRows, int versionToRun, boolean inputMissing, String sql) {
    }

    private final List<PlannedDay> days;

    private RerunPlan(List<PlannedDay> days) {
        this.days = List.copyOf(days);
    }

    /**
     * The plan for the ticked days.
     *
     * @throws dev.backfillstudio.workspace.BackfillException BAD_INPUT when the job's current SQL, or what it
     *     reaches through the workspace's views and macros, would be refused at run: the plan says so before
     *     anything runs
     */
    public static RerunPlan of(Workspace ws, String job, DaySet days) {
        JobStore store = new JobStore(ws);
        int version = store.get(job).currentVersion();
        String sql = store.version(job, version).sql();
        QueryGuard.requireSafeQuery(ws.db(), sql);
        List<PlannedDay> out = new ArrayList<>();
        if (!days.isEmpty()) {
            for (DayInfo info : new StatusReader(ws).days(job, days.days().first(), days.days().last())) {
                if (days.contains(info.day())) {
                    long rows = info.rows().orElse(0L);
                    out.add(new PlannedDay(info.day(), info.version().isPresent(), rows, version, info.inputMissing(),
                            SqlTemplate.forDay(sql, info.day())));
                }
            }
        }
        return new RerunPlan(out);
    }

    public List<PlannedDay> days() {
        return days;
    }
}
