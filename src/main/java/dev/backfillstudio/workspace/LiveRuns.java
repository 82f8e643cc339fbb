package dev.backfillstudio.workspace;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs going on in this process, per workspace file. Opening a workspace marks RUNNING runs as
 * INTERRUPTED; the ones listed here are alive (the same process may open a file twice) and are spared.
 */
public final class LiveRuns {

    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    /** Per live run, the days it computes now (a run may compute several at once). */
    private static final Map<String, Set<LocalDate>> COMPUTING = new ConcurrentHashMap<>();

    private LiveRuns() {
    }

    public static void started(Path file, long runId) {
        LIVE.add(key(file, runId));
    }

    public static void ended(Path file, long runId) {
        LIVE.remove(key(file, runId));
        COMPUTING.remove(key(file, runId));
    }

    /** The run started computing {@code day}. */
    public static void computing(Path file, long runId, LocalDate day) {
        COMPUTING.computeIfAbsent(key(file, runId), k -> ConcurrentHashMap.newKeySet()).add(day);
    }

    /** The run is done with {@code day}: committed, recorded, rolled back or left. */
    public static void computed(Path file, long runId, LocalDate day) {
        Set<LocalDate> days = COMPUTING.get(key(file, runId));
        if (days != null) {
            days.remove(day);
        }
    }

    /** The days the live run computes now; empty when it told none (between days, or run elsewhere). */
    public static Set<LocalDate> computingDays(Path file, long runId) {
        Set<LocalDate> days = COMPUTING.get(key(file, runId));
        return days == null ? Set.of() : Set.copyOf(days);
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
