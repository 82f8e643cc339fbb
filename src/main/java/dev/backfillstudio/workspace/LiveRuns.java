package dev.backfillstudio.workspace;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs going on in this process, per workspace file. Opening a workspace marks RUNNING runs as
 * INTERRUPTED; the ones listed here are alive (the same process may open a file twice) and are spared.
 */
public final class LiveRuns {

    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    private LiveRuns() {
    }

    public static void started(Path file, long runId) {
        LIVE.add(key(file, runId));
    }

    public static void ended(Path file, long runId) {
        LIVE.remove(key(file, runId));
    }

    public static boolean isLive(Path file, long runId) {
        return LIVE.contains(key(file, runId));
    }

    /** Whether any run of the workspace {@code file} is alive in this process. */
    public static boolean any(Path file) {
        String prefix = file.toAbsolutePath().normalize() + "\n";
        return LIVE.stream().anyMatch(k -> k.startsWith(prefix));
    }

    private static String key(Path file, long runId) {
        return file.toAbsolutePath().normalize() + "\n" + runId;
    }
}
