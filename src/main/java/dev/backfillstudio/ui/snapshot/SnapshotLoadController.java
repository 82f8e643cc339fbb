package dev.backfillstudio.ui.snapshot;

import static dev.backfillstudio.ui.Controls.makePrimary;
import static dev.backfillstudio.ui.Controls.showText;
import static dev.backfillstudio.ui.Controls.showWhen;

import atlantafx.base.theme.Styles;
import dev.backfillstudio.ui.grid.ResultGrid;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.DateFrom;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.FileLine;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.FileState;
import dev.backfillstudio.ui.snapshot.SnapshotLoadViewModel.Phase;
import java.io.File;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Binds the snapshot dialog's controls to its {@link SnapshotLoadViewModel} and turns clicks into its
 * actions; the only logic here is which chooser to show and how a file's line looks.
 */
public final class SnapshotLoadController {

    private static final String STATE_PREFIX = "snapshot-file-";

    private final SnapshotLoadViewModel model;

    @FXML
    private GridPane form;
    @FXML
    private ListView<FileLine> fileList;
    @FXML
    private Label fileCount;
    @FXML
    private Button clearFiles;
    @FXML
    private ComboBox<String> tableBox;
    @FXML
    private Label tableHint;
    @FXML
    private ToggleGroup dateFrom;
    @FXML
    private RadioButton fromColumn;
    @FXML
    private RadioButton fromFileName;
    @FXML
    private RadioButton fromDay;
    @FXML
    private ComboBox<String> dateColumnBox;
    @FXML
    private DatePicker dayPicker;
    @FXML
    private CheckBox replace;
    @FXML
    private Label previewCaption;
    @FXML
    private Label previewColumns;
    @FXML
    private ResultGrid previewGrid;
    @FXML
    private Node previewErrorBox;
    @FXML
    private Label previewError;
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
    private HBox summaryBox;
    @FXML
    private FontIcon summaryIcon;
    @FXML
    private Label summary;
    @FXML
    private Node historyBox;
    @FXML
    private Node historyForm;
    @FXML
    private TextField historyKeys;
    @FXML
    private TextField historyName;
    @FXML
    private Button rebuild;
    @FXML
    private Node historyRunningBox;
    @FXML
    private Label historyStatus;
    @FXML
    private Node historyResultBox;
    @FXML
    private Label historyText;
    @FXML
    private Node historyErrorBox;
    @FXML
    private Label historyError;
    @FXML
    private Button close;
    @FXML
    private Button cancel;
    @FXML
    private Button load;

    SnapshotLoadController(SnapshotLoadViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        bindFiles();
        bindTable();
        bindDateFrom();
        replace.selectedProperty().bindBidirectional(model.replaceProperty());
        form.disableProperty().bind(model.busyProperty());
        bindPreview();

        progress.progressProperty().bind(model.progressProperty());
        status.textProperty().bind(model.statusProperty());
        showWhen(progressBox, model.runningProperty());
        showText(error, errorBox, model.errorProperty());
        showText(summary, summaryBox, model.summaryProperty());
        model.summaryCleanProperty().addListener((o, a, clean) -> summaryLooks(clean));
        summaryLooks(true);

        bindHistory();

        showWhen(close, model.runningProperty().not());
        showWhen(cancel, model.busyProperty());
        cancel.disableProperty().bind(model.phaseProperty().isEqualTo(Phase.CANCELLING));
        cancel.textProperty().bind(Bindings.when(model.historyRunningProperty()).then("Cancel build").otherwise("Cancel loading"));
        load.disableProperty().bind(model.canLoadProperty().not());
        load.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = model.files().size();
            return n == 0 ? "Load" : n == 1 ? "Load 1 file" : "Load " + n + " files";
        }, model.files()));
        model.phaseProperty().addListener((o, a, p) -> primaryAction(p == Phase.DONE ? close : load));
    }

    private void bindFiles() {
        fileList.setItems(model.files());
        fileList.setCellFactory(list -> new FileCell());
        fileList.setPlaceholder(placeholder("No files yet", "Add CSV files, or a folder of them: one file per day."));
        fileCount.textProperty().bind(Bindings.createStringBinding(() -> {
            long n = model.files().size();
            long noDay = model.files().stream().filter(l -> l.state() == FileState.NO_DAY).count();
            String files = n == 1 ? "1 file" : n + " files";
            return n == 0 ? "" : noDay == 0 ? files : files + ", " + noDay + " without a day in the name";
        }, model.files()));
        clearFiles.disableProperty().bind(Bindings.isEmpty(model.files()));
        MenuItem remove = new MenuItem("Remove from the list");
        remove.setOnAction(e -> {
            FileLine line = fileList.getSelectionModel().getSelectedItem();
            if (line != null) {
                model.removeFile(line.file());
            }
        });
        fileList.setContextMenu(new ContextMenu(remove));
    }

    private void bindTable() {
        tableBox.setItems(model.tables());
        tableBox.setValue(model.tableProperty().get());
        // The editor's text is the table as typed; the value only follows it on Enter or focus loss.
        tableBox.getEditor().textProperty().addListener((o, a, text) -> model.tableProperty().set(text));
        tableBox.valueProperty().addListener((o, a, v) -> {
            if (v != null && !v.equals(model.tableProperty().get())) {
                model.tableProperty().set(v);
            }
        });
        model.tableProperty().addListener((o, a, v) -> {
            if (!v.equals(tableBox.getEditor().getText())) {
                tableBox.setValue(v);
                tableBox.getEditor().setText(v);
            }
        });
        tableHint.textProperty().bind(model.tableHintProperty());
    }

    private void bindDateFrom() {
        Map<DateFrom, RadioButton> buttons = Map.of(DateFrom.COLUMN, fromColumn, DateFrom.FILE_NAME, fromFileName,
                DateFrom.FIXED_DAY, fromDay);
        buttons.forEach((f, b) -> b.setUserData(f));
        dateFrom.selectToggle(buttons.get(model.dateFromProperty().get()));
        dateFrom.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                dateFrom.selectToggle(a); // one source is always chosen
            } else {
                model.dateFromProperty().set((DateFrom) t.getUserData());
            }
        });
        model.dateFromProperty().addListener((o, a, f) -> {
            Toggle t = buttons.get(f);
            if (dateFrom.getSelectedToggle() != t) {
                dateFrom.selectToggle(t);
            }
        });
        dateColumnBox.setItems(model.columns());
        dateColumnBox.valueProperty().bindBidirectional(model.dateColumnProperty());
        dateColumnBox.disableProperty().bind(model.dateFromProperty().isNotEqualTo(DateFrom.COLUMN));
        dev.backfillstudio.ui.IsoDates.apply(dayPicker);
        dayPicker.valueProperty().bindBidirectional(model.dayProperty());
        dayPicker.disableProperty().bind(model.dateFromProperty().isNotEqualTo(DateFrom.FIXED_DAY));
        // Picking a column or a day says where the day comes from.
        dateColumnBox.setOnMouseClicked(e -> model.dateFromProperty().set(DateFrom.COLUMN));
        dayPicker.setOnMouseClicked(e -> model.dateFromProperty().set(DateFrom.FIXED_DAY));
    }

    private void bindPreview() {
        previewGrid.setPlaceholder(placeholder("Nothing to preview", "The first rows of the first file show here."));
        model.previewProperty().addListener((o, a, sample) -> {
            if (sample == null) {
                previewGrid.clear();
            } else {
                previewGrid.show(sample);
                fitColumns(sample);
            }
        });
        previewCaption.textProperty().bind(Bindings.createStringBinding(() -> {
            var s = model.previewProperty().get();
            if (s == null || model.files().isEmpty()) {
                return "";
            }
            String first = model.files().get(0).name();
            return (s.truncated() ? "first " + s.rows().size() + " rows of " : "all " + s.rows().size() + " rows of ") + first;
        }, model.previewProperty(), model.files()));
        showText(previewColumns, previewColumns, model.previewColumnsProperty());
        showText(previewError, previewErrorBox, model.previewErrorProperty());
    }

    /** A preview is a few rows: size each column to its longest value so nothing hides behind an ellipsis. */
    private void fitColumns(RowSample sample) {
        for (int i = 0; i < sample.columns().size() && i < previewGrid.getColumns().size(); i++) {
            int chars = sample.columns().get(i).length();
            for (List<Object> row : sample.rows()) {
                Object v = row.get(i);
                chars = Math.max(chars, v == null ? 0 : v.toString().length());
            }
            previewGrid.getColumns().get(i).setPrefWidth(Math.max(64, Math.min(280, chars * 7.5 + 30)));
        }
    }

    private void bindHistory() {
        showWhen(historyBox, model.loadedAnyProperty());
        historyKeys.textProperty().bindBidirectional(model.historyKeysProperty());
        historyName.textProperty().bindBidirectional(model.historyNameProperty());
        historyForm.disableProperty().bind(model.busyProperty());
        rebuild.disableProperty().bind(model.canRebuildProperty().not());
        historyStatus.textProperty().bind(model.historyStatusProperty());
        showWhen(historyRunningBox, model.historyRunningProperty());
        showText(historyText, historyResultBox, model.historyTextProperty());
        showText(historyError, historyErrorBox, model.historyErrorProperty());
    }

    private void summaryLooks(boolean clean) {
        summaryBox.getStyleClass().removeAll("snapshot-done", "snapshot-partial");
        summaryBox.getStyleClass().add(clean ? "snapshot-done" : "snapshot-partial");
        summaryIcon.setIconLiteral(clean ? "mdi2c-check-circle-outline" : "mdi2a-alert-outline");
    }

    /** Once the files are in, closing (or the history) is what comes next, not loading them again. */
    private void primaryAction(Button primary) {
        makePrimary(primary, primary == load ? close : load);
    }

    private static Node placeholder(String title, String hint) {
        Label t = new Label(title);
        t.getStyleClass().add("text-bold");
        Label h = new Label(hint);
        h.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        h.setWrapText(true);
        VBox box = new VBox(4, t, h);
        box.setAlignment(javafx.geometry.Pos.CENTER);
        box.setMaxWidth(260);
        return box;
    }

    @FXML
    private void onAddFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Snapshot files");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.CSV"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> chosen = chooser.showOpenMultipleDialog(window());
        if (chosen != null) {
            model.addFiles(chosen.stream().map(File::toPath).toList());
        }
    }

    @FXML
    private void onAddFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder of snapshot files");
        File folder = chooser.showDialog(window());
        if (folder != null) {
            model.addFolder(folder.toPath());
        }
    }

    @FXML
    private void onClearFiles() {
        model.clearFiles();
    }

    @FXML
    private void onLoad() {
        model.load();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onRebuild() {
        model.rebuildHistory();
    }

    @FXML
    private void onClose() {
        Window w = window();
        if (w != null) {
            w.hide();
        }
    }

    private Window window() {
        return load.getScene() == null ? null : load.getScene().getWindow();
    }

    /** A file's line: an icon for its state, its name, and its day or what happened to it. */
    private static final class FileCell extends ListCell<FileLine> {

        private final FontIcon icon = new FontIcon();
        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box;

        FileCell() {
            name.getStyleClass().add("snapshot-file-name");
            detail.getStyleClass().add("snapshot-file-detail");
            detail.setWrapText(true);
            VBox text = new VBox(1, name, detail);
            HBox.setHgrow(text, Priority.ALWAYS);
            box = new HBox(8, icon, text);
            box.setAlignment(javafx.geometry.Pos.TOP_LEFT);
            box.getStyleClass().add("snapshot-file");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            // wrapped sentences need the cell's width, not the label's preferred one
            detail.prefWidthProperty().bind(widthProperty().subtract(56));
            detail.maxWidthProperty().bind(widthProperty().subtract(56));
            detail.setMinHeight(Region.USE_PREF_SIZE);
            text.setMinWidth(0);
        }

        @Override
        protected void updateItem(FileLine line, boolean empty) {
            super.updateItem(line, empty);
            box.getStyleClass().removeIf(c -> c.startsWith(STATE_PREFIX));
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            name.setText(line.name());
            detail.setText(underName(line));
            setTooltip(line.detail().isEmpty() ? null : new Tooltip(line.detail()));
            detail.setVisible(!line.detail().isEmpty());
            detail.setManaged(!line.detail().isEmpty());
            icon.setIconLiteral(iconOf(line.state()));
            box.getStyleClass().add(STATE_PREFIX + line.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            setGraphic(box);
        }

        /** The sentence without the file name it starts with, which the line shows just above it. */
        private static String underName(FileLine line) {
            String d = line.detail();
            for (String prefix : List.of(line.name() + ": ", line.name() + " ")) {
                if (d.startsWith(prefix) && d.length() > prefix.length()) {
                    String rest = d.substring(prefix.length());
                    return Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
                }
            }
            return d;
        }

        private static String iconOf(FileState state) {
            return switch (state) {
                case READY, WAITING -> "mdi2f-file-delimited-outline";
                case NO_DAY, REFUSED -> "mdi2f-file-document-alert-outline";
                case LOADING -> "mdi2t-timer-sand";
                case LOADED -> "mdi2f-file-document-check-outline";
                case REPLACED -> "mdi2f-file-document-refresh-outline";
                case CANCELLED, NOT_LOADED -> "mdi2f-file-document-minus-outline";
            };
        }
    }
}
