package dev.backfillstudio.ui.importer;

import dev.backfillstudio.ui.DialogStage;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens File → Import table…: one CSV file into a plain table, with a typed preview. */
public final class ImportTableDialog {

    /** Key of the view model in the dialog root's properties, for tests that set what the file chooser would. */
    public static final String MODEL = "import-table.model";

    private final Stage stage;
    private final ImportTableViewModel model;

    private ImportTableDialog(Stage stage, ImportTableViewModel model) {
        this.stage = stage;
        this.model = model;
    }

    /**
     * Shows the dialog, filled with {@code file} when there is one (a file dropped on the window).
     *
     * @param executor runs the previews and the import; never the JavaFX thread
     * @param onImported told on the JavaFX thread after an import changed the workspace
     */
    public static ImportTableDialog show(Window owner, Workspace workspace, Executor executor, Path file, Runnable onImported) {
        ImportTableViewModel model = new ImportTableViewModel(workspace, executor, onImported);
        Parent root = DialogStage.load(ImportTableDialog.class.getResource("ImportTableDialog.fxml"), new ImportTableController(model));
        root.getProperties().put(MODEL, model);
        Stage stage = DialogStage.create(owner, root, "Import table", 720, 480);
        DialogStage.growToShow(stage, model.errorProperty(), model.resultProperty());
        if (file != null) {
            model.fileProperty().set(file);
        }
        stage.show();
        return new ImportTableDialog(stage, model);
    }

    public Stage stage() {
        return stage;
    }

    public ImportTableViewModel model() {
        return model;
    }
}
