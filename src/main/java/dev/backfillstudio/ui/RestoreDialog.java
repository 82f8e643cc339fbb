package dev.backfillstudio.ui;

import dev.backfillstudio.run.Restorer;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.ui.grid.ResultGrid;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Shows what restoring an attempt would add to and remove from its day, and asks to go ahead. */
final class RestoreDialog {

    private RestoreDialog() {
    }

    static Dialog<ButtonType> create(Window owner, RunHistory.Attempt attempt, Restorer.Preview preview) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Restore attempt #" + attempt.runId());
        dialog.setHeaderText("Put the rows of attempt #" + attempt.runId() + " (version " + attempt.version() + ") back into "
                + attempt.day());
        Label summary = new Label(String.format("The day would gain %,d rows and lose %,d. The rows it holds now are kept, so this"
                + " can be undone.", preview.added(), preview.removed()));
        summary.setWrapText(true);
        summary.getStyleClass().add("restore-summary");
        ResultGrid added = new ResultGrid();
        added.show(preview.addedSample());
        ResultGrid removed = new ResultGrid();
        removed.show(preview.removedSample());
        Label addedTitle = new Label(String.format("+%,d rows it would add", preview.added()));
        addedTitle.getStyleClass().add("diff-added");
        Label removedTitle = new Label(String.format("\u2212%,d rows it would remove", preview.removed()));
        removedTitle.getStyleClass().add("diff-removed");
        VBox left = new VBox(2, addedTitle, added);
        VBox right = new VBox(2, removedTitle, removed);
        added.setPrefHeight(260);
        removed.setPrefHeight(260);
        HBox grids = new HBox(8, left, right);
        HBox.setHgrow(left, javafx.scene.layout.Priority.ALWAYS);
        HBox.setHgrow(right, javafx.scene.layout.Priority.ALWAYS);
        VBox content = new VBox(10, summary, grids);
        content.setPrefWidth(920);
        dialog.getDialogPane().setContent(content);
        // two grids side by side need more than the theme's 600 px cap on a dialog
        DialogStage.style(dialog.getDialogPane());
        ButtonType go = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(go).getStyleClass().add("accent");
        dialog.getDialogPane().getStyleClass().add("restore-dialog");
        return dialog;
    }

    /** Shows the preview and waits; true when the user chose to restore. */
    static boolean confirm(Window owner, RunHistory.Attempt attempt, Restorer.Preview preview) {
        return create(owner, attempt, preview).showAndWait().map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false);
    }
}
