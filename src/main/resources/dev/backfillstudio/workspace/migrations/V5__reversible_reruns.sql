-- Reversible reruns: a rerun keeps the rows it replaces, and any attempt of a day can be put back.
-- Written to apply cleanly also over a workspace that already has it (tests rebuild older metadata).

-- A run is a backfill (RUN), the undo of an earlier run (UNDO, which names it in undoes) or the
-- restore of one day to an earlier attempt (RESTORE). All three record their days as attempts.
ALTER TABLE bfs.runs ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'RUN';
ALTER TABLE bfs.runs ADD COLUMN IF NOT EXISTS undoes BIGINT;

-- An attempt of an UNDO or RESTORE run names the attempt (its run id) whose rows it put back; its
-- version and inputs are that attempt's, so a restored older version is STALE for what it is.
-- Attempt outcomes now also include BLOCKED (a rerun refused by --max-change; the day kept its rows)
-- and CLEARED (an undo put back a day that had no output: the day holds nothing, as before).
ALTER TABLE bfs.attempts ADD COLUMN IF NOT EXISTS restored_from BIGINT;

-- The index of the kept rows: per job and day, the attempt whose rows were kept (they sit in
-- bfs."kept_<target>", one table per job output shaped like it plus bfs_kept_attempt), the run that
-- replaced them, and how many there are. A kept set and its rows are written in the transaction
-- that replaced the day, and pruned together.
CREATE TABLE IF NOT EXISTS bfs.kept (
    job          VARCHAR NOT NULL,
    day          DATE NOT NULL,
    attempt      BIGINT NOT NULL,
    replaced_by  BIGINT NOT NULL,
    rows         BIGINT NOT NULL,
    kept_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- How many replaced versions of each day a workspace keeps.
INSERT INTO bfs.meta VALUES ('kept_versions', '3') ON CONFLICT DO NOTHING;

-- The day's state now follows the last attempt that decided what it holds (SUCCEEDED or CLEARED); a
-- BLOCKED attempt changed nothing, so it leaves the day's last outcome as it was. attempt is the run
-- id of the attempt whose rows the day holds.
CREATE OR REPLACE VIEW bfs.partitions AS
SELECT job,
       day,
       CASE WHEN held = 'SUCCEEDED' THEN version END      AS version,
       CASE WHEN held = 'SUCCEEDED' THEN rows END         AS rows,
       CASE WHEN held = 'SUCCEEDED' THEN fingerprint END  AS fingerprint,
       CASE WHEN held = 'SUCCEEDED' THEN succeeded_at END AS succeeded_at,
       last_outcome,
       last_error,
       last_attempt_at,
       CASE WHEN held = 'SUCCEEDED' THEN inputs END       AS inputs,
       CASE WHEN held = 'SUCCEEDED' THEN attempt END      AS attempt
FROM (SELECT job,
             day,
             arg_max(outcome, run_id) FILTER (WHERE outcome IN ('SUCCEEDED', 'CLEARED'))     AS held,
             arg_max(version, run_id) FILTER (WHERE outcome IN ('SUCCEEDED', 'CLEARED'))     AS version,
             arg_max(rows, run_id) FILTER (WHERE outcome IN ('SUCCEEDED', 'CLEARED'))        AS rows,
             arg_max(fingerprint, run_id) FILTER (WHERE outcome IN ('SUCCEEDED', 'CLEARED')) AS fingerprint,
             arg_max(started_at, run_id) FILTER (WHERE outcome IN ('SUCCEEDED', 'CLEARED'))  AS succeeded_at,
             arg_max(outcome, run_id) FILTER (WHERE outcome <> 'BLOCKED')                    AS last_outcome,
             arg_max(error, run_id) FILTER (WHERE outcome <> 'BLOCKED')                      AS last_error,
             max(started_at)                                                                 AS last_attempt_at,
             arg_max(inputs, run_id) FILTER (WHERE outcome IN ('SUCCEEDED', 'CLEARED'))      AS inputs,
             max(run_id) FILTER (WHERE outcome IN ('SUCCEEDED', 'CLEARED'))                  AS attempt
      FROM bfs.attempts
      GROUP BY job, day) p;
