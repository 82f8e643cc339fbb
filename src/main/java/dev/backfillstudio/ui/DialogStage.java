package dev.backfillstudio.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The app's dialog windows: a form loaded from FXML, in a window modal to its owner with the app's
 * stylesheet, that grows (on screen) as results appear under the form, and that cancels its
 * background work rather than close while the work runs.
 */
public final class DialogStage {

    private static final String STYLESHEET = "/dev/backfillstudio/ui/app.css";

    private DialogStage() {
    }

    /** Loads the FXML with the given controller (the FXML names its controller type). */
    public static Parent load(URL fxml, Object controller) {
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the app's stylesheet to a scene of one of its windows. */
    public static void style(Scene scene) {
        scene.getStylesheets().add(DialogStage.class.getResource(STYLESHEET).toExternalForm());
    }

    /** Adds the app's stylesheet to a dialog's pane (among other things it lifts the theme's 600 px cap on dialogs it names). */
    public static void style(javafx.scene.control.DialogPane pane) {
        pane.getStylesheets().add(DialogStage.class.getResource(STYLESHEET).toExternalForm());
    }

    /** A window showing {@code root}, modal to {@code owner} when there is one; not shown yet. */
    public static Stage create(Window owner, Parent root, String title, double minWidth, double minHeight) {
        Scene scene = new Scene(root);
        style(scene);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(title);
        stage.setScene(scene);
        stage.setMinWidth(minWidth);
        stage.setMinHeight(minHeight);
        return stage;
    }

    /**
     * Progress, errors and results appear under the form: after each change of {@code changes}, the
     * window grows to show them, never shrinks, and moves up rather than off the screen (on a short
     * screen it stays the screen's height and the form's growing parts give up height).
     */
    public static void growToShow(Stage stage, ObservableValue<?>... changes) {
        Runnable fit = () -> {
            Scene scene = stage.getScene();
            double needed = scene.getRoot().prefHeight(scene.getWidth());
            if (needed > scene.getHeight() + 0.5) {
                Rectangle2D screen = Screen.getScreensForRectangle(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())
                        .stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
                double height = Math.min(stage.getHeight() + needed - scene.getHeight(), screen.getHeight());
                stage.setY(Math.max(screen.getMinY(), Math.min(stage.getY(), screen.getMaxY() - height)));
                stage.setHeight(height);
            }
        };
        for (ObservableValue<?> change : changes) {
            change.addListener((o, a, b) -> Platform.runLater(fit));
        }
    }

    /** Closing the window while {@code busy} cancels the work instead; the window goes once the work has stopped. */
    public static void cancelOnClose(Stage stage, ObservableBooleanValue busy, Runnable cancel) {
        stage.setOnCloseRequest(e -> {
            if (busy.get()) {
                e.consume();
                cancel.run();
                busy.addListener((o, was, now) -> {
                    if (!now) {
                        stage.hide();
                    }
                });
            }
        });
    }
}
