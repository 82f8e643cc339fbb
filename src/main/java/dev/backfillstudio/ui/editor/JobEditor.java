package dev.backfillstudio.ui.editor;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.ui.DialogStage;
import dev.backfillstudio.ui.FxExecutor;
import dev.backfillstudio.workspace.Workspace;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the job editor window, owned by the main window. One line for the opener, e.g. from the
 * Job menu: {@code JobEditor.open(window, model::workspace, model.executor(), Optional.of(job), j -> refreshCalendar())}.
 */
public final class JobEditor {

    // Previews run on sessions of their own, so they need not queue behind the app's worker (nor hold it up).
    private static final FxExecutor PREVIEWS = new FxExecutor("preview-worker");

    private final Stage stage;
    private final JobEditorViewModel model;
    private final JobEditorController controller;

    private JobEditor(Stage stage, JobEditorViewModel model, JobEditorController controller) {
        this.stage = stage;
        this.model = model;
        this.controller = controller;
    }

    /**
     * Shows the editor for a job, or for a new job when {@code job} is empty.
     *
     * @param workspace read once, now: the editor keeps to the workspace it was opened on even if the
     *     main window opens another
     * @param executor the app's background worker (lint, loads and saves run there, one at a time)
     * @param onSaved called on the JavaFX thread after each save that made a new version
     */
    public static JobEditor open(Window owner, Supplier<Workspace> workspace, FxExecutor executor, Optional<Job> job,
            Consumer<Job> onSaved) {
        JobEditor editor = create(owner, workspace, executor, PREVIEWS, job, onSaved);
        editor.stage.show();
        editor.controller.focusEditor();
        return editor;
    }

    static JobEditor create(Window owner, Supplier<Workspace> workspace, FxExecutor executor, FxExecutor previews,
            Optional<Job> job, Consumer<Job> onSaved) {
        Workspace opened = workspace.get();
        JobEditorViewModel model = new JobEditorViewModel(() -> opened, executor, previews, job);
        model.setOnSaved(onSaved);
        JobEditorController controller = new JobEditorController(model);
        Parent root = DialogStage.load(JobEditor.class.getResource("JobEditorView.fxml"), controller);
        Scene scene = new Scene(root, 1180, 780);
        DialogStage.style(scene);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), model::save);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String name = model.nameProperty().get();
            String title = model.existingProperty().get() ? "Job " + name : "New job";
            return (model.dirtyProperty().get() ? "\u2022 " : "") + title + " \u2014 Backfill Studio";
        }, model.nameProperty(), model.existingProperty(), model.dirtyProperty()));
        stage.setScene(scene);
        stage.setMinWidth(820);
        stage.setMinHeight(560);
        stage.setOnCloseRequest(e -> {
            if (!mayClose(stage, model)) {
                e.consume();
            }
        });
        controller.setOnClose(() -> {
            if (mayClose(stage, model)) {
                stage.hide();
            }
        });
        stage.setOnHidden(e -> model.dispose());
        model.load();
        return new JobEditor(stage, model, controller);
    }

    /** Unsaved text is lost only when the user says so; a running preview is stopped. */
    private static boolean mayClose(Stage stage, JobEditorViewModel model) {
        if (model.dirtyProperty().get() && !confirmDiscard(stage)) {
            return false;
        }
        return true;
    }

    private static boolean confirmDiscard(Stage owner) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The SQL in the editor is not saved. Close the editor and lose it?");
        alert.initOwner(owner);
        alert.setHeaderText("Unsaved changes");
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, discard);
        return alert.showAndWait().filter(discard::equals).isPresent();
    }

    public Stage stage() {
        return stage;
    }

    public JobEditorViewModel model() {
        return model;
    }
}
