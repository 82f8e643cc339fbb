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

-- The current state of each day of each job: what the calendar shows without scanning history.
CREATE TABLE bfs.partitions (
    job              VARCHAR NOT NULL,
    day              DATE NOT NULL,
    version          INTEGER,
    rows             BIGINT,
    fingerprint      VARCHAR,
    succeeded_at     TIMESTAMP,
    last_outcome     VARCHAR NOT NULL,
    last_error       VARCHAR,
    last_attempt_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (job, day)
);
