-- A workspace on another engine (Spark over Iceberg) keeps no copies of replaced rows: the engine's
-- own table history holds them. Each attempt that wrote a day records the engine commit (an Iceberg
-- snapshot id) holding its rows, so undo and restore can read the day as that attempt left it.
CREATE TABLE IF NOT EXISTS bfs.engine_commits (
    job        VARCHAR NOT NULL,
    day        DATE NOT NULL,
    attempt    BIGINT NOT NULL,
    commit_id  VARCHAR NOT NULL
);
