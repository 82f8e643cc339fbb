package dev.backfillstudio.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;

/**
 * Runs the app's background tasks one at a time on a daemon thread, so the JavaFX thread only
 * draws and two tasks never share the workspace connection at once.
 */
public class FxExecutor implements java.util.concurrent.Executor {

    private final ExecutorService executor;

    public FxExecutor() {
        this("backfill-worker");
    }

    public FxExecutor(String threadName) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts {@code task} after those already queued. Once the window has closed (the executor shut down),
     * a refresh still asked for by a listener of the closed window is cancelled instead of failing on the
     * JavaFX thread: there is nothing left to show it in.
     */
    public <T> Task<T> submit(Task<T> task) {
        try {
            executor.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.cancel(false);
        }
        return task;
    }

    @Override
    public void execute(Runnable command) {
        if (!executor.isShutdown()) {
            executor.execute(command);
        }
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
