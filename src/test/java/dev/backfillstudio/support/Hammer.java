package dev.backfillstudio.support;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls an action again and again, every 20 µs, on a thread of its own until stopped: a user pressing
 * Ctrl-C over and over, so that every statement of a stretch of work is exposed to it.
 */
public final class Hammer implements AutoCloseable {

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread thread;

    private Hammer(Runnable action) {
        thread = new Thread(() -> {
            while (!stopped.get()) {
                action.run();
                LockSupport.parkNanos(20_000);
            }
        }, "hammer");
        thread.setDaemon(true);
    }

    public static Hammer start(Runnable action) {
        Hammer h = new Hammer(action);
        h.thread.start();
        return h;
    }

    /** Stops the calls from any thread (a listener's callback); {@link #close()} also waits for the last one. */
    public void stop() {
        stopped.set(true);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        thread.join();
    }
}
