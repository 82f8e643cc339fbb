package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which job reads which job's output, from the parsed SQL of each job's current version (the same
 * reading lineage uses). Edges point downstream: from the job whose output is read to the job that
 * reads it. A job reading its own earlier days is not an edge; a cycle between jobs is refused when
 * the version that would close it is saved, so the graph of saved jobs has none.
 */
public final class JobGraph {

    private final Map<String, String> targets;
    private final Map<String, Set<String>> upstream;

    private JobGraph(Map<String, String> targets, Map<String, Set<String>> upstream) {
        this.targets = targets;
        this.upstream = upstream;
    }

    /** The graph of the jobs as saved. */
    public static JobGraph of(Db db) {
        return build(db, null, null, null);
    }

    /** The graph as it would be with {@code sql} as job {@code job}'s current version (writing {@code target}). */
    static JobGraph withVersion(Db db, String job, String target, String sql) {
        return build(db, job, target, sql);
    }

    private static JobGraph build(Db db, String job, String target, String sql) {
        Map<String, String> targets = new TreeMap<>();
        Map<String, String> sqls = new TreeMap<>();
        try {
            for (String[] r : db.query("SELECT j.name, j.target, v.sql FROM bfs.jobs j JOIN bfs.job_versions v ON v.job = j.name"
                    + " AND v.version = j.current_version ORDER BY j.name", rs -> new String[] {rs.getString(1), rs.getString(2),
                        rs.getString(3)})) {
                targets.put(r[0], r[1]);
                sqls.put(r[0], r[2]);
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the jobs: " + QueryCheck.firstLine(e.getMessage()), e);
        }
        if (job != null) {
            targets.put(job, target);
            sqls.put(job, sql);
        }
        Map<String, String> jobByTarget = new LinkedHashMap<>();
        targets.forEach((j, t) -> jobByTarget.put(t.toLowerCase(Locale.ROOT), j));
        Map<String, Set<String>> upstream = new TreeMap<>();
        sqls.forEach((j, text) -> {
            Set<String> reads = new TreeSet<>();
            for (String table : QueryReads.of(db, text).tables().keySet()) {
                String writer = jobByTarget.get(table);
                if (writer != null && !writer.equals(j)) {
                    reads.add(writer);
                }
            }
            upstream.put(j, reads);
        });
        return new JobGraph(targets, upstream);
    }

    /** Every job, each after the jobs whose output it reads (then by name). */
    public List<String> order() {
        List<String> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (out.size() < upstream.size()) {
            boolean progress = false;
            for (Map.Entry<String, Set<String>> e : upstream.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
                    out.add(e.getKey());
                    placed.add(e.getKey());
                    progress = true;
                }
            }
            if (!progress) {
                // only a graph with a cycle stalls; keep every job listed anyway
                upstream.keySet().stream().filter(j -> !placed.contains(j)).forEach(out::add);
                break;
            }
        }
        return out;
    }

    /** The jobs whose output {@code job} reads. */
    public Set<String> upstream(String job) {
        return Collections.unmodifiableSet(upstream.getOrDefault(job, Set.of()));
    }

    /** The jobs that read {@code job}'s output. */
    public Set<String> downstream(String job) {
        Set<String> out = new TreeSet<>();
        upstream.forEach((j, ups) -> {
            if (ups.contains(job)) {
                out.add(j);
            }
        });
        return out;
    }

    /** Every job downstream of {@code job}, directly or not, in an order where each comes after its upstream jobs. */
    public List<String> allDownstream(String job) {
        Set<String> reached = new LinkedHashSet<>();
        List<String> frontier = new ArrayList<>(downstream(job));
        while (!frontier.isEmpty()) {
            String next = frontier.remove(0);
            if (reached.add(next)) {
                frontier.addAll(downstream(next));
            }
        }
        return order().stream().filter(reached::contains).toList();
    }

    /** The output table of a job. */
    public Optional<String> target(String job) {
        return Optional.ofNullable(targets.get(job));
    }

    /** A cycle through {@code job}, as the jobs along it ({@code [a, b, a]}), if there is one. */
    Optional<List<String>> cycleThrough(String job) {
        return path(job, job, new LinkedHashSet<>());
    }

    private Optional<List<String>> path(String from, String to, Set<String> seen) {
        for (String up : upstream.getOrDefault(from, Set.of())) {
            if (up.equals(to)) {
                return Optional.of(new ArrayList<>(List.of(from, up)));
            }
            if (seen.add(up)) {
                Optional<List<String>> rest = path(up, to, seen);
                if (rest.isPresent()) {
                    rest.get().add(0, from);
                    return rest;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a version of {@code job} that would close a cycle between jobs, naming each link:
     * downstream days could then never settle, each rerun turning the other's days stale.
     */
    static void requireNoCycle(Db db, String job, String target, String sql) {
        JobGraph graph = withVersion(db, job, target, sql);
        Optional<List<String>> cycle = graph.cycleThrough(job);
        if (cycle.isPresent()) {
            List<String> links = new ArrayList<>();
            List<String> c = cycle.get();
            for (int i = 0; i < c.size() - 1; i++) {
                links.add(c.get(i) + " reads " + c.get(i + 1) + "'s output " + graph.targets.get(c.get(i + 1)));
            }
            throw BackfillException.badInput("Job " + job + " would close a cycle between jobs (" + String.join(", ", links)
                    + "); a job may read another job's output only when that job does not read its output back.");
        }
    }
}
