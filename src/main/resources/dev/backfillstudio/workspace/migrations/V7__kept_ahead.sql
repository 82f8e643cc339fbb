-- A rerun that expects to replace many days copies their rows into bfs."kept_<target>" before its first
-- day, in one transaction (one bulk write instead of one small write per day's commit). The copies a
-- run made ahead are listed here until the run ends: a copy whose day the run's attempt replaced is a
-- kept set and gets its index row in bfs.kept then; the copies of days it did not replace (unchanged,
-- blocked, failed, or a process killed midway) are dropped.
CREATE TABLE IF NOT EXISTS bfs.kept_ahead (
    job      VARCHAR NOT NULL,
    day      DATE NOT NULL,
    attempt  BIGINT NOT NULL,
    run_id   BIGINT NOT NULL
);
