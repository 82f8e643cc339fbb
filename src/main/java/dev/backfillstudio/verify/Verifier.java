package dev.backfillstudio.verify;

import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.Engines;
import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.JobVersion;
import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.job.QueryGuard;
import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.run.Cancellation;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.Fingerprint;
import dev.backfillstudio.run.JobInputs;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowHash;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recomputes days of a job without writing and compares them with their stored output. Each day is
 * recomputed with the version that produced its stored rows (not the job's current version), into a
 * temporary table on a connection of its own, inside a transaction that is always rolled back: the
 * workspace is left exactly as it was.
 */
public final class Verifier {

    private static final String FRESH = "bfs_verify_fresh";

    private final Workspace ws;
    private final Cancellation cancellation = new Cancellation();

    public Verifier(Workspace ws) {
        this.ws = ws;
    }

    /** Verifies one day; FAILED when {@link #cancel()} stopped it. */
    public VerifyResult verify(String job, LocalDate day) {
        List<VerifyResult> one = verify(job, DaySet.of(List.of(day)), VerifyListener.NONE);
        if (one.isEmpty()) {
            throw BackfillException.failed("The verify of " + day + " of job " + job + " was cancelled.", null);
        }
        return one.get(0);
    }

    /**
     * Verifies the days in ascending order. After {@link #cancel()} it returns the days finished so far.
     *
     * @throws BackfillException BAD_INPUT for an unknown job or no days; FAILED when the workspace cannot be read
     */
    public List<VerifyResult> verify(String job, DaySet days, VerifyListener listener) {
        Optional<DayEngine> engine = Engines.open(ws);
        if (engine.isPresent()) {
            try (DayEngine e = engine.get()) {
                return new EngineVerifier(ws, e).verify(job, days, listener);
            }
        }
        Job j = new JobStore(ws).get(job);
        if (days.isEmpty()) {
            throw BackfillException.badInput("No days to verify for job " + job + ".");
        }
        VerifyListener follow = listener == null ? VerifyListener.NONE : listener;
        Db db = ws.newSession();
        cancellation.start(db);
        try {
            Map<LocalDate, Stored> stored = stored(db, job, days.days().first(), days.days().last());
            Map<Integer, VersionInputs> versions = new HashMap<>();
            List<VerifyResult> out = new ArrayList<>();
            for (LocalDate day : days) {
                if (cancellation.requested()) {
                    break;
                }
                Stored s = stored.get(day);
                VerifyResult r;
                if (s == null) {
                    r = notRun(day, day + " was never run for job " + job + ": there is no output to verify.");
                } else if (s.version() == null) {
                    r = notRun(day, day + " has no output of job " + job + " to verify: every attempt failed"
                            + (s.lastError() == null ? "." : " (last: " + s.lastError() + ")."));
                } else {
                    VersionInputs v = versions.computeIfAbsent(s.version(), n -> inputs(db, j, n, days));
                    Optional<VerifyResult> r2 = verifyDay(db, j, day, s, v);
                    if (r2.isEmpty()) {
                        break;
                    }
                    r = r2.get();
                }
                out.add(r);
                follow.dayVerified(r, out.size(), days.size());
            }
            return out;
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot verify job " + job + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        } finally {
            cancellation.finish();
        }
    }

    /** Stops a verify from any thread: the day being recomputed is abandoned and no further day starts. */
    public void cancel() {
        cancellation.cancel();
    }

    /** A day's stored output as bfs.partitions knows it: the version that made it (null when none succeeded). */
    private record Stored(Integer version, String lastOutcome, String lastError) {
    }

    /** What recomputing with one version needs: its SQL, why it cannot run if so, and its snapshot days. */
    private record VersionInputs(JobVersion version, Optional<String> refusal, JobInputs.Days inputs) {
    }

    private static Map<LocalDate, Stored> stored(Db db, String job, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, Stored> out = new HashMap<>();
        for (Object[] r : db.query("SELECT day, version, last_outcome, last_error FROM bfs.partitions WHERE job = ? AND day BETWEEN ? AND ?",
                rs -> new Object[] {rs.getObject(1, LocalDate.class),
                    new Stored(rs.getObject(2, Integer.class), rs.getString(3), rs.getString(4))}, job, from, to)) {
            out.put((LocalDate) r[0], (Stored) r[1]);
        }
        return out;
    }

    private VersionInputs inputs(Db db, Job job, int n, DaySet days) {
        JobVersion version = new JobStore(ws).version(job.name(), n);
        try {
            // DuckDB's driver executes all but the last statement of a text while preparing it
            QueryGuard.requireSafeQuery(db, version.sql());
            JobInputs.Days inputs = JobInputs.of(db, version.sql(), job.target()).over(days.days().first(), days.days().last());
            return new VersionInputs(version, Optional.empty(), inputs);
        } catch (BackfillException e) {
            return new VersionInputs(version, Optional.of(e.getMessage()), null);
        } catch (SQLException e) {
            return new VersionInputs(version, Optional.of(QueryCheck.duckDbSentence(e.getMessage())), null);
        }
    }

    /** The day's verdict, or empty when the verify was cancelled while it ran. */
    private Optional<VerifyResult> verifyDay(Db db, Job job, LocalDate day, Stored s, VersionInputs v) throws SQLException {
        int version = s.version();
        if (v.refusal().isPresent()) {
            return Optional.of(cannot(day, version, day + " cannot be verified: version " + version + " of job " + job.name()
                    + " cannot be recomputed: " + v.refusal().get()));
        }
        Optional<String> missing = v.inputs().missing(day);
        if (missing.isPresent()) {
            String sentence = missing.get();
            return Optional.of(cannot(day, version, day + " cannot be verified: " + sentence + (sentence.endsWith(".") ? "" : ".")));
        }
        String target = Db.ident(job.target());
        String fresh = Db.ident(FRESH);
        Connection conn = db.connection();
        conn.setAutoCommit(false);
        try {
            // same columns in the same order as the target, so the fingerprints compare
            db.execute("CREATE OR REPLACE TEMP TABLE " + fresh + " AS SELECT * FROM " + target + " LIMIT 0");
            try (PreparedStatement insert = conn.prepareStatement(SqlTemplate.wrap("INSERT INTO " + fresh + " BY NAME SELECT q.*, "
                    + "?::DATE AS " + QueryCheck.PARTITION_COLUMN + " FROM (", v.version().sql(), ") q"))) {
                SqlTemplate.bindDay(insert, day);
                cancellation.executeUpdate(insert);
            }
            Fingerprint now = db.queryOne("SELECT count(*), " + RowHash.sql(db, job.target()) + " FROM " + fresh,
                    rs -> new Fingerprint(rs.getLong(1), rs.getString(2))).orElseThrow();
            Fingerprint kept = Fingerprint.ofDay(db, job.target(), day);
            String lastFailed = "FAILED".equals(s.lastOutcome()) ? " (its last attempt failed; this is the output kept from"
                    + " version " + version + ")" : "";
            String storedDay = "(SELECT * FROM " + target + " WHERE partition_date = ?::DATE)";
            long[] counts = db.queryOne(Fingerprint.changesSql(fresh, storedDay), rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                    day, day).orElseThrow();
            // equal fingerprints are not enough for a verdict of "reproduces": the rows themselves must be equal
            if (now.equals(kept) && counts[0] == 0 && counts[1] == 0) {
                return Optional.of(new VerifyResult(day, VerifyOutcome.REPRODUCIBLE, Optional.of(version), Optional.of(kept.rows()),
                        Optional.of(now.rows()), Optional.empty(), day + " reproduces: version " + version + " gives the "
                        + kept.rows() + " stored rows again" + lastFailed + "."));
            }
            RowSample addedRows = db.sample("SELECT * EXCLUDE (" + QueryCheck.PARTITION_COLUMN + ") FROM (SELECT * FROM " + fresh
                    + " EXCEPT ALL SELECT * FROM " + storedDay + ") d ORDER BY ALL", RowDiff.SAMPLE_ROWS, day);
            RowSample removedRows = db.sample("SELECT * EXCLUDE (" + QueryCheck.PARTITION_COLUMN + ") FROM (SELECT * FROM "
                    + storedDay + " EXCEPT ALL SELECT * FROM " + fresh + ") d ORDER BY ALL", RowDiff.SAMPLE_ROWS, day);
            RowDiff diff = new RowDiff(counts[0], counts[1], addedRows, removedRows);
            return Optional.of(new VerifyResult(day, VerifyOutcome.DRIFTED, Optional.of(version), Optional.of(kept.rows()),
                    Optional.of(now.rows()), Optional.of(diff), day + " drifted: version " + version + " now gives " + now.rows()
                    + " rows where " + kept.rows() + " are stored (+" + diff.added() + " -" + diff.removed() + ")" + lastFailed + "."));
        } catch (SQLException e) {
            if (cancellation.requested()) {
                return Optional.empty();
            }
            return Optional.of(cannot(day, version, day + " cannot be verified: recomputing it with version " + version + " of job "
                    + job.name() + " fails: " + QueryCheck.duckDbSentence(e.getMessage())));
        } finally {
            try {
                conn.rollback();
            } finally {
                conn.setAutoCommit(true);
            }
        }
    }

    private static VerifyResult notRun(LocalDate day, String message) {
        return new VerifyResult(day, VerifyOutcome.NOT_RUN, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                message);
    }

    private static VerifyResult cannot(LocalDate day, int version, String message) {
        return new VerifyResult(day, VerifyOutcome.CANNOT_VERIFY, Optional.of(version), Optional.empty(), Optional.empty(),
                Optional.empty(), message);
    }
}
