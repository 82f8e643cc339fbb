package dev.backfillstudio.run;

import dev.backfillstudio.workspace.BackfillException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per job and workspace in this process (a run, an undo, a restore); other processes are
 * kept out by DuckDB's file lock.
 */
final class JobLock implements AutoCloseable {

    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final String key;

    private JobLock(String key) {
        this.key = key;
    }

    /** Takes the job's lock, or refuses with a sentence when another run, undo or restore of it is under way. */
    static JobLock take(Path file, String job) {
        String key = file.toAbsolutePath().normalize() + "\n" + job;
        if (!HELD.add(key)) {
            throw BackfillException.badInput("Job " + job + " is already running in this workspace; wait for that run to"
                    + " finish or cancel it.");
        }
        return new JobLock(key);
    }

    @Override
    public void close() {
        HELD.remove(key);
    }
}
