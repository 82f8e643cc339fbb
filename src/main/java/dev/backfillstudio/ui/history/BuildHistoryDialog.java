package dev.backfillstudio.ui.history;

import dev.backfillstudio.ui.DialogStage;
import dev.backfillstudio.workspace.Workspace;
import java.util.concurrent.Executor;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens "Build history…" from a snapshot table's context menu in the sidebar. */
public final class BuildHistoryDialog {

    private BuildHistoryDialog() {
    }

    /** Shows the dialog; closing it while the build runs cancels the build first. */
    public static Stage show(Window owner, Workspace workspace, Executor executor, String snapshotTable, Runnable onBuilt) {
        BuildHistoryViewModel model = new BuildHistoryViewModel(workspace, executor, snapshotTable, onBuilt);
        Parent root = DialogStage.load(BuildHistoryDialog.class.getResource("BuildHistoryDialog.fxml"), new BuildHistoryController(model));
        Stage stage = DialogStage.create(owner, root, "Build history of " + snapshotTable, 560, 300);
        DialogStage.growToShow(stage, model.errorProperty(), model.resultProperty());
        DialogStage.cancelOnClose(stage, model.runningProperty(), model::cancel);
        stage.show();
        return stage;
    }
}
