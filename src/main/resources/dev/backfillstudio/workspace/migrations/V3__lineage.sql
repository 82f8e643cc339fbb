-- Lineage: what each day of each job read, so a day is green only while rerunning it would give what is stored.

-- The identity of each day of a dated input table: a snapshot day (computed when the day is loaded) or
-- the rows of an event table on one day (computed when rows are imported or appended). origin says how
-- the day arrived: file, import, append, table, jdbc.
CREATE TABLE bfs.input_days (
    table_name   VARCHAR NOT NULL,
    day          DATE NOT NULL,
    rows         BIGINT NOT NULL,
    fingerprint  VARCHAR NOT NULL,
    origin       VARCHAR NOT NULL,
    loaded_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Per attempt, the identity of every input its query read (JSON: a list of {table, kind, day, identity}).
ALTER TABLE bfs.attempts ADD COLUMN inputs VARCHAR;

CREATE OR REPLACE VIEW bfs.partitions AS
SELECT job,
       day,
       arg_max(version, run_id) FILTER (WHERE outcome = 'SUCCEEDED')     AS version,
       arg_max(rows, run_id) FILTER (WHERE outcome = 'SUCCEEDED')        AS rows,
       arg_max(fingerprint, run_id) FILTER (WHERE outcome = 'SUCCEEDED') AS fingerprint,
       max(started_at) FILTER (WHERE outcome = 'SUCCEEDED')              AS succeeded_at,
       arg_max(outcome, run_id)                                          AS last_outcome,
       arg_max(error, run_id)                                            AS last_error,
       max(started_at)                                                   AS last_attempt_at,
       arg_max(inputs, run_id) FILTER (WHERE outcome = 'SUCCEEDED')      AS inputs
FROM bfs.attempts
GROUP BY job, day;
