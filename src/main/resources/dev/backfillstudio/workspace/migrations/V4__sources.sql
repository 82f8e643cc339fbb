-- Saved sources: where a snapshot table's daily capture comes from. Never a password: that comes from
-- the environment (BFS_SOURCE_PASSWORD) or the driver's own password file when a capture connects.
CREATE TABLE bfs.sources (
    name          VARCHAR PRIMARY KEY,
    jdbc_url      VARCHAR NOT NULL,
    query         VARCHAR NOT NULL,
    target_table  VARCHAR NOT NULL,
    key_columns   VARCHAR,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);
