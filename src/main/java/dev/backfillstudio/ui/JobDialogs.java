package dev.backfillstudio.ui;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobRemoval;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.workspace.BackfillException;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The confirmations of renaming and deleting a job; each says exactly what will change. */
final class JobDialogs {

    private JobDialogs() {
    }

    /** Asks for a new name; OK stays disabled, with the reason shown, while the name is not usable. */
    static Dialog<String> rename(Window owner, Job job, Set<String> taken) {
        Dialog<String> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Rename job");
        dialog.setHeaderText("Rename job " + job.name());
        TextField name = new TextField(job.name());
        name.setId("new-job-name");
        Label problem = new Label();
        problem.setId("rename-problem");
        problem.getStyleClass().add("dialog-error");
        problem.setWrapText(true);
        Label note = new Label("Its versions, runs and attempts follow the new name; its output table "
                + job.target() + " keeps its name.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        VBox content = new VBox(8, name, problem, note);
        content.setPrefWidth(440);
        dialog.getDialogPane().setContent(content);
        ButtonType go = new ButtonType("Rename", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        dialog.getDialogPane().getStyleClass().add("rename-job");
        problem.textProperty().bind(Bindings.createStringBinding(() -> problem(name.getText(), job, taken), name.textProperty()));
        dialog.getDialogPane().lookupButton(go).disableProperty().bind(problem.textProperty().isNotEmpty());
        dialog.setResultConverter(b -> b == go ? name.getText().strip() : null);
        name.selectAll();
        return dialog;
    }

    static String problem(String text, Job job, Set<String> taken) {
        String to = text == null ? "" : text.strip();
        if (to.equals(job.name())) {
            return to.isEmpty() ? "" : "Type the new name.";
        }
        if (taken.contains(to)) {
            return "There is already a job named " + to + ".";
        }
        try {
            JobStore.requireValidName(to);
            return "";
        } catch (BackfillException e) {
            return e.getMessage();
        }
    }

    /**
     * Says what a delete removes — the job's versions, runs and attempts, and its output table if ticked —
     * and returns whether to drop the output table, or empty when the user backs out.
     */
    static Dialog<Boolean> delete(Window owner, JobRemoval.Impact impact) {
        Dialog<Boolean> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Delete job");
        dialog.setHeaderText("Delete job " + impact.job().name() + "?");
        CheckBox drop = new CheckBox(impact.output().map(t -> "Also drop its output table " + t).orElse("It has no output table"));
        drop.setId("drop-output");
        drop.setDisable(impact.output().isEmpty());
        Label what = new Label();
        what.setId("delete-summary");
        what.setWrapText(true);
        what.textProperty().bind(Bindings.createStringBinding(() -> summary(impact, drop.isSelected()), drop.selectedProperty()));
        VBox content = new VBox(10, what, drop);
        content.setPrefWidth(480);
        dialog.getDialogPane().setContent(content);
        ButtonType go = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, go);
        dialog.getDialogPane().lookupButton(go).getStyleClass().add("danger");
        ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(go)).setDefaultButton(false);
        dialog.getDialogPane().getStyleClass().add("delete-job");
        dialog.setResultConverter(b -> b == go ? drop.isSelected() : null);
        return dialog;
    }

    /** The confirmation's sentence: what goes, and what happens to the output table. */
    static String summary(JobRemoval.Impact impact, boolean dropOutput) {
        String records = "This removes " + impact.records() + ". It cannot be undone.";
        return impact.output().map(t -> records + (dropOutput ? " The output table " + t + " is dropped as well."
                : " The output table " + t + " stays, as a plain table.")).orElse(records + " It never wrote its output table.");
    }

    static Optional<Boolean> confirmDelete(Window owner, JobRemoval.Impact impact) {
        return delete(owner, impact).showAndWait();
    }
}
