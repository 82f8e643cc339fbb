package dev.backfillstudio.ui.export;

import static dev.backfillstudio.ui.Controls.makePrimary;
import static dev.backfillstudio.ui.Controls.showText;
import static dev.backfillstudio.ui.Controls.showWhen;

import dev.backfillstudio.export.ExportFormat;
import dev.backfillstudio.export.ExportSource;
import java.io.File;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Binds the Export dialog's controls to its {@link ExportViewModel} and turns clicks into its
 * actions; the only logic here is which chooser to show.
 */
public final class ExportDialogController {

    private final ExportViewModel model;
    private final ExportSource source;
    private final Consumer<URI> openFolder;

    @FXML
    private Label title;
    @FXML
    private GridPane form;
    @FXML
    private Label sourceSummary;
    @FXML
    private Label sourceDetail;
    @FXML
    private ToggleGroup formats;
    @FXML
    private RadioButton csv;
    @FXML
    private RadioButton parquet;
    @FXML
    private RadioButton json;
    @FXML
    private Label formatHint;
    @FXML
    private TextField destination;
    @FXML
    private CheckBox partitioned;
    @FXML
    private CheckBox overwrite;
    @FXML
    private Node progressBox;
    @FXML
    private ProgressBar progress;
    @FXML
    private Label status;
    @FXML
    private Node errorBox;
    @FXML
    private Label error;
    @FXML
    private Node resultBox;
    @FXML
    private Label resultText;
    @FXML
    private Button openFolderButton;
    @FXML
    private Button close;
    @FXML
    private Button cancel;
    @FXML
    private Button export;

    /** {@code openFolder} may be null where the platform cannot show a folder; the button then stays hidden. */
    ExportDialogController(ExportViewModel model, ExportSource source, Consumer<URI> openFolder) {
        this.model = model;
        this.source = source;
        this.openFolder = openFolder;
    }

    @FXML
    private void initialize() {
        title.setText(source instanceof ExportSource.JobOutput ? "Export job output" : "Export table");
        sourceSummary.textProperty().bind(model.sourceSummaryProperty());
        sourceDetail.textProperty().bind(model.sourceDetailProperty());
        formatHint.textProperty().bind(model.formatHintProperty());
        bindFormat();
        destination.textProperty().bindBidirectional(model.destinationProperty());
        partitioned.selectedProperty().bindBidirectional(model.partitionedProperty());
        overwrite.selectedProperty().bindBidirectional(model.overwriteProperty());
        form.disableProperty().bind(model.runningProperty());

        progress.progressProperty().bind(model.progressProperty());
        status.textProperty().bind(model.statusProperty());
        showWhen(progress, model.runningProperty());
        showWhen(progressBox, model.statusProperty().isNotEmpty().or(model.runningProperty()));
        showText(error, errorBox, model.errorProperty());
        resultText.textProperty().bind(model.resultTextProperty());
        showWhen(resultBox, model.phaseProperty().isEqualTo(ExportViewModel.Phase.DONE));

        showWhen(openFolderButton, model.phaseProperty().isEqualTo(ExportViewModel.Phase.DONE).and(
                Bindings.createBooleanBinding(() -> openFolder != null)));
        showWhen(close, model.runningProperty().not());
        showWhen(cancel, model.runningProperty());
        cancel.disableProperty().bind(model.phaseProperty().isEqualTo(ExportViewModel.Phase.CANCELLING));
        export.disableProperty().bind(model.canExportProperty().not());
        model.phaseProperty().addListener((o, a, p) -> primaryAction(p == ExportViewModel.Phase.DONE ? close : export));
    }

    /** Once the file is written, closing is what the user most likely does next. */
    private void primaryAction(Button primary) {
        makePrimary(primary, primary == export ? close : export);
    }

    private void bindFormat() {
        Map<ExportFormat, RadioButton> buttons = Map.of(ExportFormat.CSV, csv, ExportFormat.PARQUET, parquet,
                ExportFormat.JSON, json);
        buttons.forEach((f, b) -> b.setUserData(f));
        formats.selectToggle(buttons.get(model.formatProperty().get()));
        formats.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                formats.selectToggle(a); // a radio group always has one format
            } else {
                model.formatProperty().set((ExportFormat) t.getUserData());
            }
        });
        model.formatProperty().addListener((o, a, f) -> {
            Toggle t = buttons.get(f);
            if (formats.getSelectedToggle() != t) {
                formats.selectToggle(t);
            }
        });
    }

    @FXML
    private void onChoose() {
        File chosen;
        if (model.partitionedProperty().get()) {
            // A partitioned export is a folder of day folders: pick the folder it goes in, keep the name.
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder to export into");
            chooser.setInitialDirectory(model.chooserFolder().toFile());
            File folder = chooser.showDialog(window());
            chosen = folder == null ? null : new File(folder, model.chooserName());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export to");
            chooser.setInitialDirectory(model.chooserFolder().toFile());
            chooser.setInitialFileName(model.chooserName());
            ExportFormat f = model.formatProperty().get();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.name() + " file", "*." + f.label()));
            chosen = chooser.showSaveDialog(window());
        }
        if (chosen != null) {
            model.chooseDestination(chosen.toPath());
        }
    }

    @FXML
    private void onExport() {
        model.export();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onClose() {
        Window w = window();
        if (w != null) {
            w.hide();
        }
    }

    @FXML
    private void onOpenFolder() {
        model.folderToOpen().ifPresent(folder -> openFolder.accept(folder.toUri()));
    }

    private Window window() {
        return export.getScene() == null ? null : export.getScene().getWindow();
    }
}
