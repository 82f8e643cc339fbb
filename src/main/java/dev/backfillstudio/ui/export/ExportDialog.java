package dev.backfillstudio.ui.export;

import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.ui.DialogStage;
import dev.backfillstudio.workspace.Workspace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the Export dialog for a job's output (ticked days or all) or a table. One line for the
 * opener, e.g. from the calendar:
 * {@code ExportDialog.show(window, ws, ExportSource.job(name, ticked), uri -> getHostServices().showDocument(uri.toString()))}.
 */
public final class ExportDialog {

    private static final String LAST_FOLDER = "export.lastFolder";

    // The exporter reads on its own connection, so exports need not queue behind the app's worker.
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "export-worker");
        t.setDaemon(true);
        return t;
    });

    private final Stage stage;
    private final ExportViewModel model;

    private ExportDialog(Stage stage, ExportViewModel model) {
        this.stage = stage;
        this.model = model;
    }

    /** Shows the dialog, running the export on the dialog's own background thread. */
    public static ExportDialog show(Window owner, Workspace workspace, ExportSource source, Consumer<URI> openFolder) {
        return show(owner, workspace, source, WORKER, openFolder);
    }

    /**
     * Shows the dialog (modal to {@code owner} when there is one).
     *
     * @param executor runs the export task; never the JavaFX thread
     * @param openFolder shows a folder to the user (HostServices.showDocument); null hides "Open folder"
     */
    public static ExportDialog show(Window owner, Workspace workspace, ExportSource source, Executor executor,
            Consumer<URI> openFolder) {
        ExportDialog dialog = create(owner, workspace, source, executor, openFolder);
        dialog.stage.show();
        return dialog;
    }

    static ExportDialog create(Window owner, Workspace workspace, ExportSource source, Executor executor,
            Consumer<URI> openFolder) {
        Preferences prefs = preferences();
        ExportViewModel model = new ExportViewModel(workspace, source, executor, lastFolder(prefs));
        Parent root = DialogStage.load(ExportDialog.class.getResource("ExportDialog.fxml"),
                new ExportDialogController(model, source, openFolder));
        Stage stage = DialogStage.create(owner, root, "Export \u2014 " + model.sourceSummaryProperty().get(), 520, 360);
        model.resultProperty().addListener((o, a, r) -> {
            if (r != null && model.folderToOpen().isPresent()) {
                Path folder = r.partitioned() ? r.path().getParent() : model.folderToOpen().get();
                prefs.put(LAST_FOLDER, folder.toString());
            }
        });
        DialogStage.growToShow(stage, model.phaseProperty(), model.errorProperty(), model.statusProperty());
        // Closing the window mid-export cancels it; the window goes once the engine has tidied up.
        DialogStage.cancelOnClose(stage, model.runningProperty(), model::cancel);
        return new ExportDialog(stage, model);
    }

    public Stage stage() {
        return stage;
    }

    public ExportViewModel model() {
        return model;
    }

    private static Preferences preferences() {
        return Preferences.userRoot().node(System.getProperty("backfill.prefs.node", "dev/backfillstudio"));
    }

    private static Path lastFolder(Preferences prefs) {
        String last = prefs.get(LAST_FOLDER, null);
        if (last != null && Files.isDirectory(Path.of(last))) {
            return Path.of(last);
        }
        return Path.of(System.getProperty("user.home"));
    }
}
