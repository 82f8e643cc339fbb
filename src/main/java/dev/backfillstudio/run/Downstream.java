package dev.backfillstudio.run;

import dev.backfillstudio.job.JobGraph;
import dev.backfillstudio.workspace.Workspace;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * After a run, reruns the days downstream of it that it turned stale, job by job in dependency order:
 * a downstream job's day is rerun when it is STALE because it read the output of a job rerun in this
 * chain. A job two links down is reached once the job between has rerun and changed its days.
 */
public final class Downstream {

    private final Workspace ws;
    private volatile Backfill current;
    private volatile boolean cancelled;

    public Downstream(Workspace ws) {
        this.ws = ws;
    }

    /** The downstream runs, in the order they ran; jobs with nothing turned stale are left out. */
    public List<RunSummary> rerunAfter(String job, RunListener listener) {
        JobGraph graph = JobGraph.of(ws.db());
        Set<String> rerun = new HashSet<>(List.of(job));
        List<RunSummary> out = new ArrayList<>();
        for (String down : graph.allDownstream(job)) {
            if (cancelled) {
                break;
            }
            Set<String> upstreamTargets = new HashSet<>();
            for (String up : graph.upstream(down)) {
                if (rerun.contains(up)) {
                    graph.target(up).ifPresent(t -> upstreamTargets.add(t.toLowerCase(java.util.Locale.ROOT)));
                }
            }
            DaySet days = staleBecauseOf(down, upstreamTargets);
            if (days.isEmpty()) {
                continue;
            }
            current = new Backfill(ws);
            RunSummary summary = current.run(down, days, listener);
            out.add(summary);
            rerun.add(down);
            if (summary.outcome() == RunOutcome.CANCELLED) {
                break;
            }
        }
        return out;
    }

    /** The days of {@code job} that are stale because an input among {@code tables} changed. */
    public DaySet staleBecauseOf(String job, Set<String> tables) {
        StatusReader status = new StatusReader(ws);
        Optional<LocalDate[]> range = status.knownRange(job);
        if (range.isEmpty() || tables.isEmpty()) {
            return DaySet.of(List.of());
        }
        List<LocalDate> days = new ArrayList<>();
        for (DayInfo d : status.days(job, range.get()[0], range.get()[1])) {
            if (d.status() == DayStatus.STALE && d.reasons().stream().anyMatch(r -> r.kind() == StaleReason.Kind.INPUT_CHANGED
                    && r.table().map(t -> tables.contains(t.toLowerCase(java.util.Locale.ROOT))).orElse(false))) {
                days.add(d.day());
            }
        }
        return DaySet.of(days);
    }

    /** Stops the downstream run under way and starts no other. */
    public void cancel() {
        cancelled = true;
        Backfill b = current;
        if (b != null) {
            b.cancel();
        }
    }
}
