package dev.backfillstudio.run;

import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.LiveRuns;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the status of a job's days from {@code bfs.partitions} (one row per day ever attempted), the
 * snapshot days of the tables it reads, and the run under way, if any: a handful of small queries for
 * any range.
 */
public final class StatusReader {

    private final Db db;
    private final Path file;

    public StatusReader(Workspace ws) {
        this.db = ws.db();
        this.file = ws.file();
    }

    /** A reader over another connection to the workspace (the app's browsing session, say). */
    public StatusReader(Db db) {
        this.db = db;
        this.file = null;
    }

    private record Partition(Integer version, Long rows, String fingerprint, String outcome, String error, String inputs) {
    }

    private record CurrentJob(int version, String sql, String target) {
    }

    /** Every day in [from, to], MISSING where never run. */
    public List<DayInfo> days(String job, LocalDate from, LocalDate to) {
        return days(job, from, to, new HashSet<>());
    }

    private List<DayInfo> days(String job, LocalDate from, LocalDate to, Set<String> visiting) {
        visiting.add(job);
        if (to.isBefore(from)) {
            throw BackfillException.badInput("The range " + from + ".." + to + " ends before it starts.");
        }
        try {
            CurrentJob current = current(job);
            Map<LocalDate, Partition> parts = new HashMap<>();
            // the lineage as its UTF-8 bytes (Db.utf8)
            for (Object[] r : db.query("SELECT day, version, rows, fingerprint, last_outcome, last_error, encode(inputs) FROM bfs.partitions"
                    + " WHERE job = ? AND day BETWEEN ? AND ?", rs -> new Object[] {rs.getObject(1, LocalDate.class),
                        new Partition(rs.getObject(2, Integer.class), rs.getObject(3, Long.class),
                                rs.getString(4), rs.getString(5), rs.getString(6), Db.utf8(rs.getBytes(7)))}, job, from, to)) {
                parts.put((LocalDate) r[0], (Partition) r[1]);
            }
            JobInputs.Days inputs = JobInputs.of(db, current.sql(), current.target()).over(from, to);
            Map<LocalDate, List<InputIdentity>> recorded = new HashMap<>();
            Map<LocalDate, List<InputIdentity>> differing = new HashMap<>();
            recorded(parts, inputs, recorded, differing);
            Map<LocalDate, List<StaleReason>> changed = inputs.changedInputs(db, differing);
            staleUpstream(recorded, changed, visiting);
            Map<LocalDate, DayStatus> live = liveDays(job);
            List<DayInfo> out = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                boolean inputMissing = inputs.missing(d).isPresent();
                Partition p = parts.get(d);
                DayInfo info = p == null ? DayInfo.missing(d, inputMissing)
                        : info(d, p, current.version(), inputMissing, changed.getOrDefault(d, List.of()));
                DayStatus running = live.get(d);
                out.add(running == null ? info : info.withStatus(running));
            }
            return out;
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the status of job " + job + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /** The days of {@code job} in [from, to] whose status is {@code status}. */
    public DaySet daysWith(String job, DayStatus status, LocalDate from, LocalDate to) {
        List<LocalDate> out = new ArrayList<>();
        for (DayInfo d : days(job, from, to)) {
            if (d.status() == status) {
                out.add(d.day());
            }
        }
        return DaySet.of(out);
    }

    /** Earliest..latest day known for the job: its partitions and the snapshot days of the tables it reads. */
    public Optional<LocalDate[]> knownRange(String job) {
        try {
            CurrentJob current = current(job);
            Optional<LocalDate[]> parts = db.queryOne("SELECT min(day), max(day) FROM bfs.partitions WHERE job = ?",
                    rs -> rs.getObject(1) == null ? null
                            : new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)}, job);
            Optional<LocalDate[]> snaps = JobInputs.of(db, current.sql(), current.target()).range();
            if (parts.isEmpty()) {
                return snaps;
            }
            if (snaps.isEmpty()) {
                return parts;
            }
            LocalDate min = parts.get()[0].isBefore(snaps.get()[0]) ? parts.get()[0] : snaps.get()[0];
            LocalDate max = parts.get()[1].isAfter(snaps.get()[1]) ? parts.get()[1] : snaps.get()[1];
            return Optional.of(new LocalDate[] {min, max});
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the days of job " + job + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    /**
     * Staleness flows down a chain: a day that read another job's day which is itself STALE is stale
     * too, though what it read has not changed yet (the upstream day has still to be rerun).
     */
    private void staleUpstream(Map<LocalDate, List<InputIdentity>> recorded, Map<LocalDate, List<StaleReason>> changed,
            Set<String> visiting) throws SQLException {
        Map<String, LocalDate[]> spans = new HashMap<>();
        for (List<InputIdentity> inputs : recorded.values()) {
            for (InputIdentity i : inputs) {
                if (i.kind() == InputKind.JOB_DAY) {
                    spans.merge(i.table(), new LocalDate[] {i.day(), i.day()},
                            (a, b) -> new LocalDate[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
                }
            }
        }
        for (Map.Entry<String, LocalDate[]> span : spans.entrySet()) {
            Optional<String> upstream = db.queryOne("SELECT name FROM bfs.jobs WHERE lower(target) = lower(?)", rs -> rs.getString(1),
                    span.getKey());
            if (upstream.isEmpty() || visiting.contains(upstream.get())) {
                continue;
            }
            Map<LocalDate, DayInfo> stale = new HashMap<>();
            for (DayInfo d : days(upstream.get(), span.getValue()[0], span.getValue()[1], new HashSet<>(visiting))) {
                if (d.status() == DayStatus.STALE) {
                    stale.put(d.day(), d);
                }
            }
            recorded.forEach((day, inputs) -> {
                for (InputIdentity i : inputs) {
                    boolean known = changed.getOrDefault(day, List.of()).stream()
                            .anyMatch(r -> r.table().equals(Optional.of(i.table())) && r.day().equals(Optional.ofNullable(i.day())));
                    if (i.kind() == InputKind.JOB_DAY && i.table().equals(span.getKey()) && stale.containsKey(i.day()) && !known) {
                        changed.computeIfAbsent(day, k -> new ArrayList<>()).add(StaleReason.inputChanged(i.table(), i.day(),
                                "The output of " + i.day() + " in " + i.table() + " is stale itself; rerun job " + upstream.get()
                                        + " for that day first, then this one."));
                    }
                }
            });
        }
    }

    /**
     * The lineage of each day's stored output (its last successful attempt) into {@code recorded}, and into
     * {@code differing} that of the days whose lineage is not, to the letter, what the day would read now.
     * Most days read what they read when they ran, and comparing the stored text costs far less than
     * parsing it.
     */
    private static void recorded(Map<LocalDate, Partition> parts, JobInputs.Days now, Map<LocalDate, List<InputIdentity>> recorded,
            Map<LocalDate, List<InputIdentity>> differing) {
        parts.forEach((day, p) -> {
            if (p.version() != null && !"FAILED".equals(p.outcome())) {
                List<InputIdentity> reads = now.identities(day);
                if (p.inputs() != null && p.inputs().equals(InputIdentity.encode(reads))) {
                    recorded.put(day, reads);
                } else {
                    List<InputIdentity> then = InputIdentity.decode(p.inputs());
                    recorded.put(day, then);
                    differing.put(day, then);
                }
            }
        });
    }

    private static DayInfo info(LocalDate d, Partition p, int currentVersion, boolean inputMissing, List<StaleReason> changed) {
        DayStatus status;
        List<StaleReason> reasons = new ArrayList<>();
        if ("FAILED".equals(p.outcome())) {
            status = DayStatus.FAILED;
        } else if (p.version() == null) {
            status = DayStatus.MISSING;
        } else {
            if (p.version() < currentVersion) {
                reasons.add(StaleReason.newVersion(p.version(), currentVersion));
            }
            reasons.addAll(changed);
            status = reasons.isEmpty() ? DayStatus.SUCCEEDED : DayStatus.STALE;
        }
        return new DayInfo(d, status, Optional.ofNullable(p.version()), Optional.ofNullable(p.rows()),
                Optional.ofNullable(p.fingerprint()),
                status == DayStatus.FAILED ? Optional.ofNullable(p.error()) : Optional.empty(), inputMissing, reasons);
    }

    /** RUNNING for the days a live run is computing, QUEUED for the days it has yet to reach. */
    private Map<LocalDate, DayStatus> liveDays(String job) throws SQLException {
        Map<LocalDate, DayStatus> out = new HashMap<>();
        if (file != null && !LiveRuns.any(file)) {
            // a run writes, so with the workspace open here none can be under way in another process
            return out;
        }
        List<Object[]> runs = db.query("SELECT run_id, days FROM bfs.runs WHERE job = ? AND outcome = 'RUNNING'",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, job);
        for (Object[] run : runs) {
            if (file != null && !LiveRuns.isLive(file, (Long) run[0])) {
                continue; // left RUNNING by a dead process in a workspace opened read-only: not under way
            }
            Set<LocalDate> done = new HashSet<>(db.query("SELECT day FROM bfs.attempts WHERE run_id = ?",
                    rs -> rs.getObject(1, LocalDate.class), run[0]));
            // a run of this process says which days it computes (several at once when they overlap); between two
            // days, the first not done is the one it computes next
            Set<LocalDate> computing = new HashSet<>(file == null ? Set.of() : LiveRuns.computingDays(file, (Long) run[0]));
            computing.removeAll(done);
            boolean first = true;
            for (LocalDate d : DaySet.parse((String) run[1])) {
                if (!done.contains(d)) {
                    boolean running = computing.isEmpty() ? first : computing.contains(d);
                    out.put(d, running ? DayStatus.RUNNING : DayStatus.QUEUED);
                    first = false;
                }
            }
        }
        return out;
    }

    private CurrentJob current(String job) throws SQLException {
        return db.queryOne("SELECT v.version, v.sql, j.target FROM bfs.jobs j JOIN bfs.job_versions v ON v.job = j.name"
                        + " AND v.version = j.current_version WHERE j.name = ?",
                rs -> new CurrentJob(rs.getInt(1), rs.getString(2), rs.getString(3)), job)
                .orElseThrow(() -> BackfillException.badInput("No job named " + job + "."));
    }
}
