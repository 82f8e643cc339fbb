package dev.backfillstudio.run;

import dev.backfillstudio.job.JobGraph;
import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who read what, from the lineage of the stored days ({@code bfs.partitions.inputs}, the last successful
 * attempt of each day): the days of other jobs that read a table on given days, what one day read, and
 * the downstream days a rerun would reach. Lineage, not the SQL, decides: a day counts as a reader only
 * if its stored attempt recorded reading that day.
 */
public final class Readers {

    /** A stored day of {@code job} whose lineage records reading {@code table} on {@code readDay}. */
    public record Reader(String job, LocalDate day, String table, LocalDate readDay) {
    }

    /** The days of one downstream job that read days being rerun (directly, or through a job between). */
    public record DownstreamDays(String job, SortedSet<LocalDate> days) {
    }

    private final Workspace ws;

    public Readers(Workspace ws) {
        this.ws = ws;
    }

    /** The stored days of jobs other than {@code exceptJob} that read {@code table} on one of {@code days}, by job then day. */
    public List<Reader> of(String table, Collection<LocalDate> days, String exceptJob) {
        if (days.isEmpty()) {
            return List.of();
        }
        Set<LocalDate> wanted = new TreeSet<>(days);
        String name = table.toLowerCase(Locale.ROOT);
        List<Reader> out = new ArrayList<>();
        try {
            // the LIKE only narrows the rows to decode; the decoded lineage decides
            for (Object[] r : ws.db().query("SELECT job, day, inputs FROM bfs.partitions WHERE inputs IS NOT NULL"
                    + " AND job <> ? AND lower(inputs) LIKE ? ORDER BY job, day",
                    rs -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3)},
                    exceptJob == null ? "" : exceptJob, "%\"" + name + "\"%")) {
                for (InputIdentity in : InputIdentity.decode((String) r[2])) {
                    if (in.kind() == InputKind.JOB_DAY && in.day() != null && in.table().toLowerCase(Locale.ROOT).equals(name)
                            && wanted.contains(in.day())) {
                        out.add(new Reader((String) r[0], (LocalDate) r[1], in.table(), in.day()));
                    }
                }
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read who read " + table + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
        return out;
    }

    /** Who read {@code job}'s output of {@code day}: the stored days of downstream jobs that recorded it. */
    public List<Reader> ofDay(String job, LocalDate day) {
        Optional<String> target = JobGraph.of(ws.db()).target(job);
        return target.map(t -> of(t, List.of(day), job)).orElse(List.of());
    }

    /** What the stored {@code day} of {@code job} read, as its last successful attempt recorded it (empty if none). */
    public List<InputIdentity> inputsOf(String job, LocalDate day) {
        try {
            return ws.db().queryOne("SELECT inputs FROM bfs.partitions WHERE job = ? AND day = ?", rs -> rs.getString(1), job, day)
                    .map(InputIdentity::decode).orElse(List.of());
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read what job " + job + " read on " + day + ": "
                    + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /**
     * The downstream days a rerun of {@code days} of {@code job} may turn stale: every stored day of a job
     * reading its output that recorded one of those days, then, job by job in dependency order, the days
     * reading those. A rerun that writes the same rows turns none of them stale; these are the days at stake.
     */
    public List<DownstreamDays> downstreamOf(String job, DaySet days) {
        JobGraph graph = JobGraph.of(ws.db());
        Map<String, SortedSet<LocalDate>> reached = new LinkedHashMap<>();
        reached.put(job, new TreeSet<>(days.days()));
        List<DownstreamDays> out = new ArrayList<>();
        for (String down : graph.allDownstream(job)) {
            SortedSet<LocalDate> hit = new TreeSet<>();
            for (String up : graph.upstream(down)) {
                SortedSet<LocalDate> upDays = reached.get(up);
                if (upDays != null && !upDays.isEmpty()) {
                    graph.target(up).ifPresent(t -> of(t, upDays, up).stream()
                            .filter(r -> r.job().equals(down)).forEach(r -> hit.add(r.day())));
                }
            }
            if (!hit.isEmpty()) {
                reached.put(down, hit);
                out.add(new DownstreamDays(down, hit));
            }
        }
        return out;
    }
}
