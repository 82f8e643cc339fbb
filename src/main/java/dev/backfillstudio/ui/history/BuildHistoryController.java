package dev.backfillstudio.ui.history;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;

/** The history dialog's form: a box per column to pick the key, the name, Build and Cancel. */
public final class BuildHistoryController {

    private final BuildHistoryViewModel model;

    @FXML
    private Label intro;
    @FXML
    private FlowPane keyBoxes;
    @FXML
    private TextField nameField;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label stepText;
    @FXML
    private Label historyError;
    @FXML
    private Label historyResult;
    @FXML
    private Button buildButton;
    @FXML
    private Button cancelButton;

    public BuildHistoryController(BuildHistoryViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        intro.setText("Validity intervals from the days of " + model.snapshotTable() + ": one row per version of each key,"
                + " rebuilt or restated from the snapshots as they are now.");
        model.columns().addListener((ListChangeListener<String>) c -> showKeys());
        model.keys().addListener((ListChangeListener<String>) c -> keyBoxes.getChildren().forEach(n ->
                ((CheckBox) n).setSelected(model.keys().contains(((CheckBox) n).getText()))));
        nameField.textProperty().bindBidirectional(model.nameProperty());
        busyIndicator.visibleProperty().bind(model.runningProperty());
        stepText.textProperty().bind(model.stepProperty());
        showWhenSet(historyError, model.errorProperty());
        showWhenSet(historyResult, model.resultProperty());
        buildButton.disableProperty().bind(model.canBuildProperty().not());
        cancelButton.disableProperty().bind(model.runningProperty().not());
        keyBoxes.disableProperty().bind(model.runningProperty());
        showKeys();
    }

    private void showKeys() {
        keyBoxes.getChildren().clear();
        for (String column : model.columns()) {
            CheckBox box = new CheckBox(column);
            box.setId("key-" + column);
            box.setSelected(model.keys().contains(column));
            box.selectedProperty().addListener((o, a, on) -> model.setKey(column, on));
            keyBoxes.getChildren().add(box);
        }
    }

    private static void showWhenSet(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }

    @FXML
    private void onBuild() {
        model.build();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onClose() {
        nameField.getScene().getWindow().hide();
    }
}
