package dev.backfillstudio.verify;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.JobVersion;
import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.EngineSql;
import dev.backfillstudio.run.Fingerprint;
import dev.backfillstudio.run.JobInputs;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verify on a workspace whose tables live in another engine: each day is recomputed there with the version
 * that made it and compared row for row with what the engine holds for the day, and the engine's day with the
 * fingerprint the attempt recorded (a day changed behind the app's back does not pass).
 */
public final class EngineVerifier {

    private final Workspace ws;
    private final DayEngine engine;

    public EngineVerifier(Workspace ws, DayEngine engine) {
        this.ws = ws;
        this.engine = engine;
    }

    public List<VerifyResult> verify(String jobName, DaySet days, VerifyListener listener) {
        Job job = new JobStore(ws).get(jobName);
        if (days.isEmpty()) {
            throw BackfillException.badInput("No days to verify for job " + jobName + ".");
        }
        VerifyListener follow = listener == null ? VerifyListener.NONE : listener;
        Db db = ws.db();
        try {
            Map<LocalDate, Object[]> stored = new HashMap<>();
            for (Object[] r : db.query("SELECT day, version, rows, fingerprint FROM bfs.partitions WHERE job = ? AND day BETWEEN ? AND ?",
                    rs -> new Object[] {rs.getObject(1, LocalDate.class), rs.getObject(2, Integer.class), rs.getObject(3, Long.class),
                        rs.getString(4)}, jobName, days.days().first(), days.days().last())) {
                stored.put((LocalDate) r[0], r);
            }
            Map<Integer, JobInputs.Days> inputs = new HashMap<>();
            List<VerifyResult> out = new ArrayList<>();
            for (LocalDate day : days) {
                Object[] s = stored.get(day);
                VerifyResult r;
                if (s == null || s[1] == null) {
                    r = new VerifyResult(day, VerifyOutcome.NOT_RUN, Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty(), day + " has no output of job " + jobName + " to verify.");
                } else {
                    int version = (Integer) s[1];
                    JobVersion v = new JobStore(ws).version(jobName, version);
                    JobInputs.Days in = inputs.get(version);
                    if (in == null) {
                        in = JobInputs.of(db, v.sql(), job.target()).over(days.days().first(), days.days().last());
                        inputs.put(version, in);
                    }
                    r = verifyDay(job, day, version, v.sql(), new Fingerprint((Long) s[2], (String) s[3]), in);
                }
                out.add(r);
                follow.dayVerified(r, out.size(), days.size());
            }
            return out;
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot verify job " + jobName + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
        }
    }

    private VerifyResult verifyDay(Job job, LocalDate day, int version, String sql, Fingerprint recorded, JobInputs.Days inputs) {
        Optional<String> missing = inputs.missing(day);
        if (missing.isPresent()) {
            return cannot(day, version, day + " cannot be verified: " + missing.get());
        }
        try {
            Fingerprint held = engine.storedDay(job.target(), day);
            if (!held.equals(recorded)) {
                return new VerifyResult(day, VerifyOutcome.DRIFTED, Optional.of(version), Optional.of(recorded.rows()),
                        Optional.of(held.rows()), Optional.empty(), day + " drifted: " + job.target() + " holds " + held.rows()
                        + " rows for it that are not the " + recorded.rows() + " rows version " + version + " wrote.");
            }
            String daySql = EngineSql.forDay(ws.db(), sql, day);
            long[] changes = engine.changes(job.target(), day, daySql);
            long now = held.rows() + changes[0] - changes[1];
            if (changes[0] == 0 && changes[1] == 0) {
                return new VerifyResult(day, VerifyOutcome.REPRODUCIBLE, Optional.of(version), Optional.of(held.rows()),
                        Optional.of(now), Optional.empty(), day + " reproduces: version " + version + " gives the " + held.rows()
                        + " stored rows again.");
            }
            return new VerifyResult(day, VerifyOutcome.DRIFTED, Optional.of(version), Optional.of(held.rows()), Optional.of(now),
                    Optional.empty(), day + " drifted: version " + version + " now gives " + now + " rows where " + held.rows()
                    + " are stored (+" + changes[0] + " -" + changes[1] + ").");
        } catch (BackfillException e) {
            return cannot(day, version, day + " cannot be verified: " + e.getMessage());
        }
    }

    private static VerifyResult cannot(LocalDate day, int version, String message) {
        return new VerifyResult(day, VerifyOutcome.CANNOT_VERIFY, Optional.of(version), Optional.empty(), Optional.empty(),
                Optional.empty(), message);
    }
}
