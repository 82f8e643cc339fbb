package dev.backfillstudio.ui;

import java.util.concurrent.Callable;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/** Runs view-model actions on the JavaFX thread, as the app does, for tests. */
public final class FxThread {

    private FxThread() {
    }

    /** Runs the work on the JavaFX thread, then waits for what it posted (tasks report success and failure through runLater). */
    public static <T> T onFx(Callable<T> work) {
        try {
            T value = WaitForAsyncUtils.asyncFx(work).get();
            WaitForAsyncUtils.waitForFxEvents();
            return value;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Reads the scene graph where it is safe to: on the JavaFX thread (at once when called there). A lookup
     * from the test's thread walks child lists that the JavaFX thread may be changing meanwhile.
     */
    public static <T> T read(Callable<T> read) {
        try {
            return Platform.isFxApplicationThread() ? read.call() : WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static void onFx(Runnable work) {
        onFx(() -> {
            work.run();
            return null;
        });
    }
}
