package dev.backfillstudio.ui.snapshot;

import dev.backfillstudio.ui.DialogStage;
import dev.backfillstudio.workspace.Workspace;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Parent;
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
        Parent root = DialogStage.load(SnapshotLoadDialog.class.getResource("SnapshotLoadDialog.fxml"),
                new SnapshotLoadController(model));
        Stage stage = DialogStage.create(owner, root, "Load snapshots", 760, 520);
        // on a short screen the preview grid is what gives up height
        DialogStage.growToShow(stage, model.phaseProperty(), model.errorProperty(), model.historyTextProperty(),
                model.historyErrorProperty());
        // Closing the window mid-load cancels it; the window goes once the engine has rolled back.
        DialogStage.cancelOnClose(stage, model.busyProperty(), model::cancel);
        return new SnapshotLoadDialog(stage, model);
    }

    public Stage stage() {
        return stage;
    }

    public SnapshotLoadViewModel model() {
        return model;
    }
}
