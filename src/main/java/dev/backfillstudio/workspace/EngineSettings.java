package dev.backfillstudio.workspace;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The engine a workspace runs on, kept in its metadata ({@code bfs.meta}) so every command and the app
 * open the same one. A DuckDB workspace has no warehouse; a Spark one keeps its tables under
 * {@code warehouse} and runs on {@code master} ({@code local[2]} unless told).
 */
public record EngineSettings(EngineKind kind, Optional<Path> warehouse, String master) {

    public static final String LOCAL_MASTER = "local[2]";
    public static final EngineSettings DUCKDB = new EngineSettings(EngineKind.DUCKDB, Optional.empty(), LOCAL_MASTER);

    private static final String KIND = "engine";
    private static final String WAREHOUSE = "engine.warehouse";
    private static final String MASTER = "engine.master";

    public EngineSettings {
        if (kind == EngineKind.SPARK && warehouse.isEmpty()) {
            throw BackfillException.badInput("A Spark workspace needs --warehouse DIR: the folder its Iceberg tables live in.");
        }
    }

    public boolean isDuckDb() {
        return kind == EngineKind.DUCKDB;
    }

    /** What the workspace says; a workspace that never named an engine is a DuckDB one. */
    public static EngineSettings of(Db db) throws SQLException {
        Optional<String> kind = value(db, KIND);
        if (kind.isEmpty() || kind.get().equals(EngineKind.DUCKDB.label())) {
            return DUCKDB;
        }
        return new EngineSettings(EngineKind.parse(kind.get()), value(db, WAREHOUSE).map(Path::of),
                value(db, MASTER).orElse(LOCAL_MASTER));
    }

    /**
     * Records the engine of a new workspace. A workspace's engine is chosen once: its tables cannot move
     * between engines by a setting, so naming another engine for an existing one is refused.
     */
    public void saveTo(Db db) throws SQLException {
        EngineSettings now = of(db);
        boolean fresh = now.isDuckDb() && db.queryLong("SELECT count(*) FROM bfs.tables") == 0
                && db.queryLong("SELECT count(*) FROM bfs.jobs") == 0;
        if (!fresh && !now.equals(this)) {
            throw BackfillException.badInput("This workspace runs on " + now.describe() + "; its engine cannot be changed to "
                    + describe() + ".");
        }
        db.inTransaction(d -> {
            put(d, KIND, kind.label());
            if (warehouse.isPresent()) {
                put(d, WAREHOUSE, warehouse.get().toAbsolutePath().normalize().toString());
                put(d, MASTER, master);
            }
            return null;
        });
    }

    /** For sentences: "duckdb" or "spark (local[2], warehouse /data/wh)". */
    public String describe() {
        return isDuckDb() ? kind.label() : kind.label() + " (" + master + ", warehouse " + warehouse.get() + ")";
    }

    private static Optional<String> value(Db db, String key) throws SQLException {
        return db.queryOne("SELECT value FROM bfs.meta WHERE key = ?", rs -> rs.getString(1), key);
    }

    private static void put(Db db, String key, String value) throws SQLException {
        db.update("INSERT OR REPLACE INTO bfs.meta (key, value) VALUES (?, ?)", key, value);
    }
}
