package dev.backfillstudio.ui.snapshot;

import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the snapshot loading dialog. One line for the opener, e.g. from the File menu:
 * {@code SnapshotLoadDialog.show(window, ws, this::refreshTables)}.
 */
public final class SnapshotLoadDialog {

    // Loads write through the workspace connection; the dialog is modal, so the main window's worker is idle meanwhile.
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot-worker");
        t.setDaemon(true);
        return t;
    });

    private final Stage stage;
    private final SnapshotLoadViewModel model;

    private SnapshotLoadDialog(Stage stage, SnapshotLoadViewModel model) {
        this.stage = stage;
        this.model = model;
    }

    /**
     * Shows the dialog, loading on its own background thread.
     *
     * @param onLoaded told on the JavaFX thread after a load or history build changed the workspace
     */
    public static SnapshotLoadDialog show(Window owner, Workspace workspace, Runnable onLoaded) {
        return show(owner, workspace, WORKER, onLoaded);
    }

    /** Shows the dialog (modal to {@code owner} when there is one); {@code executor} is never the JavaFX thread. */
    public static SnapshotLoadDialog show(Window owner, Workspace workspace, Executor executor, Runnable onLoaded) {
        SnapshotLoadDialog dialog = create(owner, workspace, executor, onLoaded);
        dialog.stage.show();
        return dialog;
    }

    static SnapshotLoadDialog create(Window owner, Workspace workspace, Executor executor, Runnable onLoaded) {
        SnapshotLoadViewModel model = new SnapshotLoadViewModel(workspace, executor, onLoaded);
        FXMLLoader loader = new FXMLLoader(SnapshotLoadDialog.class.getResource("SnapshotLoadDialog.fxml"));
        loader.setControllerFactory(type -> new SnapshotLoadController(model));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Scene scene = new Scene(root);
        scene.getStylesheets().add(SnapshotLoadDialog.class.getResource("/dev/backfillstudio/ui/app.css").toExternalForm());
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Load snapshots");
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        // Results and the history section appear under the form: grow the window to show them, never shrink it.
        Runnable fit = () -> {
            double needed = root.prefHeight(scene.getWidth());
            if (needed > scene.getHeight() + 0.5) {
                Rectangle2D screen = Screen.getScreensForRectangle(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())
                        .stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
                // move up rather than off the screen; on a short screen the preview grid gives up height
                double height = Math.min(stage.getHeight() + needed - scene.getHeight(), screen.getHeight());
                stage.setY(Math.max(screen.getMinY(), Math.min(stage.getY(), screen.getMaxY() - height)));
                stage.setHeight(height);
            }
        };
        model.phaseProperty().addListener((o, a, b) -> Platform.runLater(fit));
        model.errorProperty().addListener((o, a, b) -> Platform.runLater(fit));
        model.historyTextProperty().addListener((o, a, b) -> Platform.runLater(fit));
        model.historyErrorProperty().addListener((o, a, b) -> Platform.runLater(fit));
        // Closing the window mid-load cancels it; the window goes once the engine has rolled back.
        stage.setOnCloseRequest(e -> {
            if (model.busyProperty().get()) {
                e.consume();
                model.cancel();
                model.busyProperty().addListener((o, was, now) -> {
                    if (!now) {
                        stage.hide();
                    }
                });
            }
        });
        return new SnapshotLoadDialog(stage, model);
    }

    public Stage stage() {
        return stage;
    }

    public SnapshotLoadViewModel model() {
        return model;
    }
}
