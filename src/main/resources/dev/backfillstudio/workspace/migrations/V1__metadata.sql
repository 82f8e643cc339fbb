-- The app's own metadata lives in schema bfs; the user's tables stay in main.
CREATE SCHEMA IF NOT EXISTS bfs;

CREATE TABLE bfs.meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- What the app knows about the user's tables beyond what DuckDB's catalog says.
-- kind: SNAPSHOT (one copy per day, keyed by date_column), HISTORY (validity intervals built from
-- source_table by key_columns), EVENT (append-only, dated by date_column), STATIC (reference data
-- that lint treats as pinned). needs_rebuild marks a HISTORY whose source gained or replaced a day
-- on or before built_through, so the next history build cannot just extend it.
CREATE TABLE bfs.tables (
    name           VARCHAR PRIMARY KEY,
    kind           VARCHAR NOT NULL,
    date_column    VARCHAR,
    source_table   VARCHAR,
    key_columns    VARCHAR,
    built_through  DATE,
    needs_rebuild  BOOLEAN NOT NULL DEFAULT false,
    created_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);
