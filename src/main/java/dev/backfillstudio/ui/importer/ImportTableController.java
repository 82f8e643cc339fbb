package dev.backfillstudio.ui.importer;

import dev.backfillstudio.ui.grid.ResultGrid;
import java.io.File;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;

/** The import dialog's form: binds the view model and forwards the buttons. */
public final class ImportTableController {

    private final ImportTableViewModel model;
    private final ResultGrid grid = new ResultGrid();

    @FXML
    private TextField fileField;
    @FXML
    private TextField tableField;
    @FXML
    private Label tableHint;
    @FXML
    private ToggleGroup modeGroup;
    @FXML
    private RadioButton newMode;
    @FXML
    private RadioButton replaceMode;
    @FXML
    private RadioButton appendMode;
    @FXML
    private Label previewColumns;
    @FXML
    private StackPane previewHolder;
    @FXML
    private Label importError;
    @FXML
    private Label importResult;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Button importButton;
    @FXML
    private Button chooseButton;

    public ImportTableController(ImportTableViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        grid.setId("import-preview");
        previewHolder.getChildren().add(grid);
        fileField.textProperty().bind(model.fileProperty().asString().map(s -> "null".equals(s) ? "" : s));
        tableField.textProperty().bindBidirectional(model.tableProperty());
        tableHint.textProperty().bind(model.tableHintProperty());
        newMode.setUserData(ImportTableViewModel.Mode.NEW);
        replaceMode.setUserData(ImportTableViewModel.Mode.REPLACE);
        appendMode.setUserData(ImportTableViewModel.Mode.APPEND);
        selectMode(model.modeProperty().get());
        modeGroup.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                model.modeProperty().set((ImportTableViewModel.Mode) t.getUserData());
            }
        });
        model.modeProperty().addListener((o, a, m) -> selectMode(m));
        previewColumns.textProperty().bind(model.previewColumnsProperty());
        model.previewProperty().addListener((o, a, s) -> {
            if (s == null) {
                grid.clear();
            } else {
                grid.show(s);
            }
        });
        showWhenSet(importError, model.errorProperty());
        showWhenSet(importResult, model.resultProperty());
        busyIndicator.visibleProperty().bind(model.busyProperty());
        importButton.disableProperty().bind(model.canImportProperty().not());
        chooseButton.disableProperty().bind(model.busyProperty());
    }

    private void selectMode(ImportTableViewModel.Mode m) {
        modeGroup.getToggles().stream().filter(t -> t.getUserData() == m).findFirst().ifPresent(modeGroup::selectToggle);
    }

    private static void showWhenSet(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }

    @FXML
    private void onChoose() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a CSV file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV file", "*.csv"));
        File f = chooser.showOpenDialog(fileField.getScene().getWindow());
        if (f != null) {
            model.fileProperty().set(f.toPath());
        }
    }

    @FXML
    private void onImport() {
        model.importNow();
    }

    @FXML
    private void onClose() {
        fileField.getScene().getWindow().hide();
    }
}
