package dev.backfillstudio.ui;

import atlantafx.base.theme.PrimerLight;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the dialog tests share: opening a dialog with the app's theme on the JavaFX thread, and finding its nodes. */
public final class HeadlessDialogs {

    private HeadlessDialogs() {
    }

    /** Runs {@code show} on the JavaFX thread with the app's theme set, and waits until the dialog is laid out. */
    public static <T> T open(Callable<T> show) throws Exception {
        T dialog = WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            return show.call();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        return dialog;
    }

    /** The node of the dialog's window that the query (e.g. "#export") finds. */
    public static Node find(Stage stage, String query) {
        return new FxRobot().from(stage.getScene().getRoot()).lookup(query).query();
    }
}
