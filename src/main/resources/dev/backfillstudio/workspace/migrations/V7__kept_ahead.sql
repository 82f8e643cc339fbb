-- A rerun that expects to replace many days copies their rows into bfs."kept_<target>" before its first
-- day, in one transaction (one bulk write instead of one small write per day's commit). Each day's own
-- transaction then only adds its index row in bfs.kept. The copies a run made ahead are listed here
-- until the run ends, so the copies of days it did not replace (unchanged, blocked, failed, or a
-- process killed midway) are found and dropped: a copy without its index row is never read.
CREATE TABLE IF NOT EXISTS bfs.kept_ahead (
    job      VARCHAR NOT NULL,
    day      DATE NOT NULL,
    attempt  BIGINT NOT NULL,
    run_id   BIGINT NOT NULL
);
