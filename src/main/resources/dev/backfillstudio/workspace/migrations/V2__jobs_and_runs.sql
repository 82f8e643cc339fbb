-- Jobs and their immutable, numbered SQL versions.
CREATE TABLE bfs.jobs (
    name             VARCHAR PRIMARY KEY,
    target           VARCHAR NOT NULL,
    current_version  INTEGER NOT NULL,
    created_at       TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE bfs.job_versions (
    job         VARCHAR NOT NULL,
    version     INTEGER NOT NULL,
    sql         VARCHAR NOT NULL,
    hash        VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (job, version)
);

CREATE SEQUENCE bfs.run_ids START 1;

-- One row per backfill: outcome RUNNING, SUCCEEDED, FAILED, CANCELLED or INTERRUPTED.
CREATE TABLE bfs.runs (
    run_id      BIGINT PRIMARY KEY,
    job         VARCHAR NOT NULL,
    version     INTEGER NOT NULL,
    days        VARCHAR NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    ended_at    TIMESTAMP,
    outcome     VARCHAR NOT NULL
);

-- One row per day a run attempted: outcome SUCCEEDED, FAILED or CANCELLED.
CREATE TABLE bfs.attempts (
    run_id         BIGINT NOT NULL,
    job            VARCHAR NOT NULL,
    day            DATE NOT NULL,
    version        INTEGER NOT NULL,
    outcome        VARCHAR NOT NULL,
    rows           BIGINT,
    fingerprint    VARCHAR,
    previous_rows  BIGINT,
    added          BIGINT,
    removed        BIGINT,
    error          VARCHAR,
    started_at     TIMESTAMP NOT NULL,
    duration_ms    BIGINT NOT NULL
);

-- The current state of each day of each job, derived from its attempts: the output kept (the last
-- successful attempt) and the last attempt's outcome. A view rather than a table kept up to date,
-- because a per-day upsert on a keyed table cost more than the rest of the bookkeeping together;
-- attempts are append-only and a run id orders them.
CREATE VIEW bfs.partitions AS
SELECT job,
       day,
       arg_max(version, run_id) FILTER (WHERE outcome = 'SUCCEEDED')     AS version,
       arg_max(rows, run_id) FILTER (WHERE outcome = 'SUCCEEDED')        AS rows,
       arg_max(fingerprint, run_id) FILTER (WHERE outcome = 'SUCCEEDED') AS fingerprint,
       max(started_at) FILTER (WHERE outcome = 'SUCCEEDED')              AS succeeded_at,
       arg_max(outcome, run_id)                                          AS last_outcome,
       arg_max(error, run_id)                                            AS last_error,
       max(started_at)                                                   AS last_attempt_at
FROM bfs.attempts
GROUP BY job, day;
