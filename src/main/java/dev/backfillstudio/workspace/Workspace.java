package dev.backfillstudio.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * One workspace: a DuckDB file holding the user's tables in {@code main} and the app's metadata in
 * {@code bfs}. Opening never changes a file it refuses: the file is first inspected (its header,
 * then its metadata through a read-only connection) and only then opened for writing.
 */
public final class Workspace implements AutoCloseable {

    /** How to treat a file that exists but has no metadata yet, or does not exist. */
    public enum OpenMode {
        /** Create the file if absent, initialise a foreign DuckDB file, migrate an older workspace. */
        CREATE_OR_INITIALISE,
        /** The file must already be a workspace (older metadata is migrated). */
        EXISTING,
        /** The file must already be a workspace of the current version; nothing is ever written. */
        READ_ONLY
    }

    private static final byte[] DUCKDB_MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LOCK_HOLDER = Pattern.compile("Conflicting lock is held in (.+?) \\(PID (\\d+)\\)");

    private final Path file;
    private final DuckDBConnection connection;
    private final Db db;
    private final boolean readOnly;
    /** Sessions given back by short tasks, newest first, for the next one ({@link #borrowSession}). */
    private final java.util.ArrayDeque<Db> idleSessions = new java.util.ArrayDeque<>();
    private static final int IDLE_SESSIONS = 2;
    private boolean closed;
    /** Read once: a workspace's engine is chosen when it is made and changes only through {@link #useEngine}. */
    private EngineSettings engine;

    private Workspace(Path file, DuckDBConnection connection, boolean readOnly) {
        this.file = file;
        this.connection = connection;
        this.db = new Db(connection);
        this.readOnly = readOnly;
    }

    /** Opens an existing workspace; see {@link #open(Path, OpenMode)}. */
    public static Workspace open(Path file) {
        return open(file, OpenMode.EXISTING);
    }

    /**
     * Opens a workspace file.
     *
     * @throws WorkspaceException with a sentence naming the file when it is not a DuckDB database,
     *     has metadata newer than this app, has no metadata (in EXISTING mode), or is held by another
     *     process. The file is left untouched in each case.
     */
    public static Workspace open(Path file, OpenMode mode) {
        Path path = file.toAbsolutePath().normalize();
        String name = path.toString();
        boolean exists = Files.exists(path);
        if (Files.isDirectory(path)) {
            throw new WorkspaceException(WorkspaceException.Reason.NOT_A_WORKSPACE, name + " is a directory, not a workspace file.");
        }
        if (!exists) {
            // a read-only open must not make the file either
            if (mode != OpenMode.CREATE_OR_INITIALISE) {
                throw new WorkspaceException(WorkspaceException.Reason.MISSING,
                        name + " does not exist; create it with `init --db " + name + "`.");
            }
            Path parent = path.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new WorkspaceException(WorkspaceException.Reason.MISSING,
                        "Cannot create " + name + ": the folder " + parent + " does not exist.");
            }
            return connectAndMigrate(path, 0);
        }
        requireDuckDbHeader(path);
        boolean writable = mode != OpenMode.READ_ONLY
                && Files.isWritable(path) && path.getParent() != null && Files.isWritable(path.getParent());
        if (!writable) {
            return openReadOnly(path, mode);
        }
        int version = inspectMetadataVersion(path);
        requireKnownVersion(path, version, mode);
        return connectAndMigrate(path, version);
    }

    /**
     * Reads the version on the connection it then keeps: one start of the database, not two (the
     * probe that a writable open makes first is read-only, so a file it refuses is never written).
     */
    private static Workspace openReadOnly(Path path, OpenMode mode) {
        java.util.concurrent.CompletableFuture<DuckDBConnection> early = PREFETCHED.remove(path);
        DuckDBConnection opened = early == null ? null : early.join();
        Workspace ws = new Workspace(path, opened != null ? opened : connect(path, true), true);
        try {
            int version = inspectMetadataVersion(path, ws.db);
            requireKnownVersion(path, version, mode);
            if (version < Migrations.latest()) {
                throw new WorkspaceException(WorkspaceException.Reason.READ_ONLY,
                        path + " is read-only and its metadata needs an upgrade; make it writable to open it.");
            }
            ws.engine();
        } catch (SQLException e) {
            ws.close();
            throw new WorkspaceException(WorkspaceException.Reason.NOT_A_WORKSPACE,
                    "Cannot read the workspace metadata in " + path + ": " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            ws.close();
            throw e;
        }
        return ws;
    }

    /** Read-only connections opened ahead by {@link #prefetchReadOnly}, by file; null when that open failed. */
    private static final java.util.Map<Path, java.util.concurrent.CompletableFuture<DuckDBConnection>> PREFETCHED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Lets a command line that only reads start its database while it parses its options: starting DuckDB on a
     * workspace (its catalog, its extensions) took ~50 ms of a 0.7 s {@code status}. Registers the file now, on
     * the caller's thread, so that the read-only open that follows waits for this one instead of making its own,
     * and returns the open itself, to run on another thread. An open that fails leaves nothing behind: the open
     * that follows makes its own and reports the failure as it always does.
     */
    public static Runnable prefetchReadOnly(Path file) {
        Path path = file.toAbsolutePath().normalize();
        java.util.concurrent.CompletableFuture<DuckDBConnection> future = new java.util.concurrent.CompletableFuture<>();
        if (PREFETCHED.putIfAbsent(path, future) != null) {
            return () -> { };
        }
        return () -> {
            DuckDBConnection conn = null;
            try {
                if (Files.isRegularFile(path)) {
                    requireDuckDbHeader(path);
                    conn = connect(path, true);
                }
            } catch (RuntimeException | LinkageError e) {
                // reported by the open that follows
            } finally {
                future.complete(conn);
            }
        };
    }

    private static void requireKnownVersion(Path path, int version, OpenMode mode) {
        if (version > Migrations.latest()) {
            throw new WorkspaceException(WorkspaceException.Reason.NEWER_VERSION,
                    path + " was written by a newer Backfill Studio (metadata version " + version
                            + "; this app knows up to " + Migrations.latest() + "): open it with that version.");
        }
        if (version == 0 && mode != OpenMode.CREATE_OR_INITIALISE) {
            throw new WorkspaceException(WorkspaceException.Reason.NO_METADATA,
                    path + " is a DuckDB database but not a Backfill Studio workspace; run `init --db " + path
                            + "` to add the workspace metadata (its tables are kept).");
        }
    }

    private static Workspace connectAndMigrate(Path path, int version) {
        DuckDBConnection conn = connect(path, false);
        Workspace ws = new Workspace(path, conn, false);
        try {
            Migrations.migrate(ws.db, version);
            markInterruptedRuns(path, ws.db);
            // read now, not at the first load's end, where a cancel aimed at the load could interrupt it
            ws.engine();
        } catch (SQLException e) {
            ws.close();
            throw new WorkspaceException(WorkspaceException.Reason.NOT_A_WORKSPACE,
                    "Cannot prepare the workspace metadata in " + path + ": " + firstLine(e.getMessage()), e);
        }
        return ws;
    }

    /**
     * A run still RUNNING now was left by a process that died: DuckDB's file lock means no other process
     * can be running it. Its finished days are committed and its day in flight rolled back, so only the
     * run record needs correcting.
     */
    private static void markInterruptedRuns(Path path, Db db) throws SQLException {
        for (long runId : db.query("SELECT run_id FROM bfs.runs WHERE outcome = 'RUNNING'", rs -> rs.getLong(1))) {
            if (!LiveRuns.isLive(path, runId)) {
                db.update("UPDATE bfs.runs SET outcome = 'INTERRUPTED', ended_at = current_localtimestamp() WHERE run_id = ?", runId);
            }
        }
    }

    private static void requireDuckDbHeader(Path path) {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Reason.NOT_A_WORKSPACE,
                    "Cannot read " + path + ": " + e.getMessage() + ".", e);
        }
        if (n < head.length || !Arrays.equals(Arrays.copyOfRange(head, 8, 12), DUCKDB_MAGIC)) {
            throw new WorkspaceException(WorkspaceException.Reason.NOT_A_WORKSPACE,
                    path + " is not a DuckDB database file.");
        }
    }

    /** Reads the metadata version through a read-only connection, so a refused file is never written. */
    private static int inspectMetadataVersion(Path path) {
        try (DuckDBConnection conn = connect(path, true)) {
            return inspectMetadataVersion(path, new Db(conn));
        } catch (SQLException e) {
            throw new WorkspaceException(WorkspaceException.Reason.NOT_A_WORKSPACE,
                    "Cannot read the workspace metadata of " + path + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static int inspectMetadataVersion(Path path, Db probe) {
        try {
            boolean hasMeta = probe.queryLong(
                    "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'bfs' AND table_name = 'meta'") > 0;
            if (!hasMeta) {
                return 0;
            }
            Optional<String> v = probe.queryOne("SELECT value FROM bfs.meta WHERE key = 'schema_version'", rs -> rs.getString(1));
            return v.map(Integer::parseInt).orElse(0);
        } catch (SQLException | NumberFormatException e) {
            throw new WorkspaceException(WorkspaceException.Reason.NOT_A_WORKSPACE,
                    "Cannot read the workspace metadata of " + path + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static DuckDBConnection connect(Path path, boolean readOnly) {
        Properties props = new Properties();
        props.setProperty("memory_limit", System.getProperty("backfill.duckdb.memory_limit", "4GB"));
        props.setProperty("threads", System.getProperty("backfill.duckdb.threads",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        props.setProperty("autoinstall_known_extensions", "false");
        // Locked from the first statement: DuckDB touches files only inside the process's IoFolder (and the
        // workspace's own spill folder), for every query of every connection, and cannot be unlocked while open.
        props.setProperty("enable_external_access", "false");
        props.setProperty("allowed_directories", IoFolder.get().allowedDirectoriesSetting());
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + path, props);
            return c.unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            throw translateOpenError(path, e);
        }
    }

    static WorkspaceException translateOpenError(Path path, SQLException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        Matcher lock = LOCK_HOLDER.matcher(msg);
        if (lock.find()) {
            String program = Path.of(lock.group(1)).getFileName().toString();
            return new WorkspaceException(WorkspaceException.Reason.LOCKED,
                    path + " is open in another process (" + program + ", PID " + lock.group(2)
                            + "); close it there and try again.", e);
        }
        return new WorkspaceException(WorkspaceException.Reason.NOT_A_WORKSPACE,
                "Cannot open " + path + ": " + firstLine(msg), e);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error.";
        }
        String line = message.strip().split("\n", 2)[0].strip();
        return line.endsWith(".") ? line : line + ".";
    }

    public Path file() {
        return file;
    }

    /** True when the file or its folder cannot be written: browsing and export only. */
    public boolean readOnly() {
        return readOnly;
    }

    /** The workspace's main connection. One query runs on it at a time. */
    /** The engine the workspace runs on, as its metadata records it. */
    public synchronized EngineSettings engine() throws SQLException {
        if (engine == null) {
            engine = EngineSettings.of(db);
        }
        return engine;
    }

    /** Records the engine of a new workspace ({@link EngineSettings#saveTo}: refused for one that has tables or jobs). */
    public synchronized void useEngine(EngineSettings settings) throws SQLException {
        settings.saveTo(db);
        engine = settings;
    }

    public Db db() {
        return db;
    }

    /** A fresh connection to the same database, for work on another thread; the caller closes it. */
    public Db newSession() {
        try {
            return new Db(connection.duplicate());
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot open another connection to " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * A session for one short task (an export), from those given back before when there are any: a session
     * keeps its prepared statements, and a task's few metadata queries prepared afresh on a new session
     * cost more than they take to run (an export of 100,000 rows spent 5 ms of its 60 on them). Give it back
     * with {@link #giveBack} when the task ended cleanly; close it otherwise.
     */
    public Db borrowSession() {
        synchronized (idleSessions) {
            Db idle = idleSessions.poll();
            if (idle != null) {
                return idle;
            }
        }
        return newSession();
    }

    /** Keeps a borrowed session for the next task, or closes it when enough are kept or the workspace is closed. */
    public void giveBack(Db session) {
        synchronized (idleSessions) {
            if (!closed && idleSessions.size() < IDLE_SESSIONS) {
                idleSessions.push(session);
                return;
            }
        }
        closeQuietly(session);
    }

    private static void closeQuietly(Db session) {
        try {
            session.connection().close();
        } catch (SQLException ignored) {
            // the session holds no transaction when given back or dropped
        }
    }

    /** The DuckDB library version, for reports. */
    public String duckDbVersion() {
        try {
            return db.queryOne("SELECT version()", rs -> rs.getString(1)).orElse("?");
        } catch (SQLException e) {
            return "?";
        }
    }

    public void requireWritable() {
        if (readOnly) {
            throw BackfillException.badInput(file + " is open read-only (the file or its folder cannot be written).");
        }
    }

    @Override
    public void close() {
        synchronized (idleSessions) {
            closed = true;
            // a session left open keeps the database, and the file's lock, alive after this connection closes
            idleSessions.forEach(Workspace::closeQuietly);
            idleSessions.clear();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort: DuckDB has already committed or rolled back
        }
    }
}
