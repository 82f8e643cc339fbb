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
    private final List<Readers.DownstreamDays> downstream;
    private final List<Readers.DownstreamDays> alreadyStale;

    private RerunPlan(List<PlannedDay> days, List<Readers.DownstreamDays> downstream, List<Readers.DownstreamDays> alreadyStale) {
        this.days = List.copyOf(days);
        this.downstream = List.copyOf(downstream);
        this.alreadyStale = List.copyOf(alreadyStale);
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
        List<Readers.DownstreamDays> downstream = days.isEmpty() ? List.of() : new Readers(ws).downstreamOf(job, days);
        return new RerunPlan(out, downstream, without(alreadyStale(ws, job), downstream));
    }

    /** {@code stale} less the days {@code reading} lists already (a day stale because the ticked day is, and reading it). */
    private static List<Readers.DownstreamDays> without(List<Readers.DownstreamDays> stale, List<Readers.DownstreamDays> reading) {
        List<Readers.DownstreamDays> out = new ArrayList<>();
        for (Readers.DownstreamDays d : stale) {
            java.util.TreeSet<LocalDate> left = new java.util.TreeSet<>(d.days());
            reading.stream().filter(r -> r.job().equals(d.job())).forEach(r -> left.removeAll(r.days()));
            if (!left.isEmpty()) {
                out.add(new Readers.DownstreamDays(d.job(), left));
            }
        }
        return out;
    }

    /**
     * Per downstream job, its days already STALE because an output in this chain changed: a rerun with its
     * downstream reruns those too ({@link Downstream} reruns every day stale because of the jobs rerun before it).
     */
    private static List<Readers.DownstreamDays> alreadyStale(Workspace ws, String job) {
        dev.backfillstudio.job.JobGraph graph = dev.backfillstudio.job.JobGraph.of(ws.db());
        java.util.Set<String> chain = new java.util.HashSet<>(List.of(job));
        List<Readers.DownstreamDays> out = new ArrayList<>();
        Downstream downstream = new Downstream(ws);
        for (String down : graph.allDownstream(job)) {
            java.util.Set<String> tables = new java.util.HashSet<>();
            graph.upstream(down).stream().filter(chain::contains)
                    .forEach(up -> graph.target(up).ifPresent(t -> tables.add(t.toLowerCase(java.util.Locale.ROOT))));
            chain.add(down);
            DaySet stale = downstream.staleBecauseOf(down, tables);
            if (!stale.isEmpty()) {
                out.add(new Readers.DownstreamDays(down, new java.util.TreeSet<>(stale.days())));
            }
        }
        return out;
    }

    public List<PlannedDay> days() {
        return days;
    }

    /**
     * The stored days of downstream jobs that read the ticked days (directly or through a job between), job by
     * job in dependency order: the days this rerun turns stale if it changes what they read.
     */
    public List<Readers.DownstreamDays> downstream() {
        return downstream;
    }

    /** Per downstream job, the days already stale because of an output in this chain; "rerun them too" reruns them as well. */
    public List<Readers.DownstreamDays> alreadyStaleDownstream() {
        return alreadyStale;
    }
}
