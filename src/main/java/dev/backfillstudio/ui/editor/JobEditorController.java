package dev.backfillstudio.ui.editor;

import static dev.backfillstudio.ui.Controls.showText;
import static dev.backfillstudio.ui.Controls.showWhen;

import dev.backfillstudio.job.JobVersion;
import dev.backfillstudio.job.LintFinding;
import dev.backfillstudio.job.Severity;
import dev.backfillstudio.job.VersionDiff;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import dev.backfillstudio.ui.grid.ResultGrid;

/**
 * Binds the job editor's controls to its {@link JobEditorViewModel} and turns clicks into its
 * actions; the only logic here is how findings, versions and diff lines look.
 */
public final class JobEditorController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final JobEditorViewModel model;
    private Runnable onClose = () -> { };

    @FXML
    private Label title;
    @FXML
    private Label subtitle;
    @FXML
    private GridPane identity;
    @FXML
    private TextField name;
    @FXML
    private TextField target;
    @FXML
    private Label dirtyMark;
    @FXML
    private SqlEditor editor;
    @FXML
    private Node saveErrorBox;
    @FXML
    private Label saveError;
    @FXML
    private Node saveMessageBox;
    @FXML
    private Label saveMessage;
    @FXML
    private FontIcon lintIcon;
    @FXML
    private Label lintSummary;
    @FXML
    private ScrollPane findingsScroll;
    @FXML
    private VBox findingsBox;
    @FXML
    private DatePicker previewDay;
    @FXML
    private Button previewButton;
    @FXML
    private Button cancelPreview;
    @FXML
    private ProgressIndicator previewProgress;
    @FXML
    private Label previewSummary;
    @FXML
    private Node previewErrorBox;
    @FXML
    private Label previewError;
    @FXML
    private ResultGrid previewGrid;
    @FXML
    private ListView<JobVersion> versions;
    @FXML
    private Label diffTitle;
    @FXML
    private ListView<VersionDiff.Line> diff;
    @FXML
    private Button restore;
    @FXML
    private ProgressIndicator saveProgress;
    @FXML
    private Button save;

    JobEditorController(JobEditorViewModel model) {
        this.model = model;
    }

    /** What Close does: the opener checks for unsaved changes, then hides the window. */
    void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    @FXML
    private void initialize() {
        bindHeader();
        bindEditor();
        bindLint();
        bindPreview();
        bindVersions();
        save.disableProperty().bind(model.savingProperty());
        showWhen(saveProgress, model.savingProperty());
    }

    void focusEditor() {
        Platform.runLater(() -> editor.area().requestFocus());
    }

    private void bindHeader() {
        title.textProperty().bind(Bindings.createStringBinding(
                () -> model.existingProperty().get() ? model.nameProperty().get() : "New job",
                model.existingProperty(), model.nameProperty()));
        subtitle.textProperty().bind(Bindings.createStringBinding(() -> model.existingProperty().get()
                        ? "writes to " + model.targetProperty().get() + "  \u00b7  current version " + model.currentVersionProperty().get()
                        : "Name the job and the new table it writes; each day's rows go to that table.",
                model.existingProperty(), model.targetProperty(), model.currentVersionProperty()));
        name.textProperty().bindBidirectional(model.nameProperty());
        target.textProperty().bindBidirectional(model.targetProperty());
        // A saved job keeps its name and target: runs and versions refer to them.
        name.editableProperty().bind(model.existingProperty().not());
        target.editableProperty().bind(model.existingProperty().not());
        showWhen(identity, model.existingProperty().not());
    }

    private void bindEditor() {
        editor.setText(model.sqlProperty().get());
        editor.textProperty().addListener((o, a, text) -> {
            if (!text.equals(model.sqlProperty().get())) {
                model.sqlProperty().set(text);
            }
        });
        model.sqlProperty().addListener((o, a, text) -> {
            if (!text.equals(editor.getText())) {
                editor.setText(text); // loaded or restored
            }
        });
        showWhen(dirtyMark, model.dirtyProperty());
        showText(saveError, saveErrorBox, model.saveErrorProperty());
        saveMessage.textProperty().bind(model.saveMessageProperty());
        showWhen(saveMessageBox, model.saveMessageProperty().isNotEmpty().and(model.saveErrorProperty().isEmpty()));
        model.saveErrorLineProperty().addListener((o, a, line) -> {
            if (line.intValue() > 0) {
                editor.goToLine(line.intValue());
                editor.area().requestFocus();
            }
        });
    }

    private void bindLint() {
        lintSummary.textProperty().bind(model.lintSummaryProperty());
        model.findings().addListener((ListChangeListener<LintFinding>) c -> showFindings());
        model.lintingProperty().addListener((o, a, b) -> showLintIcon());
        showWhen(findingsScroll, Bindings.isNotEmpty(model.findings()));
        // A scroll pane asks for its content's one-line height; ask for the wrapped height instead (capped by maxHeight).
        findingsScroll.prefViewportHeightProperty().bind(findingsBox.heightProperty());
        showFindings();
    }

    private void showFindings() {
        findingsBox.getChildren().setAll(model.findings().stream().map(JobEditorController::findingRow).toList());
        showLintIcon();
    }

    private void showLintIcon() {
        boolean errors = model.findings().stream().anyMatch(LintFinding::isError);
        boolean warnings = !model.findings().isEmpty();
        lintIcon.getStyleClass().removeAll("lint-clean", "lint-warning", "lint-error", "lint-busy");
        if (model.lintingProperty().get()) {
            lintIcon.setIconLiteral("mdi2t-timer-sand");
            lintIcon.getStyleClass().add("lint-busy");
        } else if (errors) {
            lintIcon.setIconLiteral("mdi2a-alert-circle");
            lintIcon.getStyleClass().add("lint-error");
        } else if (warnings) {
            lintIcon.setIconLiteral("mdi2a-alert");
            lintIcon.getStyleClass().add("lint-warning");
        } else {
            lintIcon.setIconLiteral("mdi2c-check-circle-outline");
            lintIcon.getStyleClass().add("lint-clean");
        }
    }

    /** One finding: icon and severity word (never colour alone), rule, sentence, and the fix when there is one. */
    private static Node findingRow(LintFinding f) {
        boolean error = f.severity() == Severity.ERROR;
        FontIcon icon = new FontIcon(error ? "mdi2a-alert-circle" : "mdi2a-alert");
        Label rule = new Label(f.rule().name());
        rule.getStyleClass().add("lint-rule");
        Label sentence = new Label(f.sentence());
        sentence.setWrapText(true);
        sentence.getStyleClass().add("lint-sentence");
        VBox text = new VBox(2, sentence);
        f.fix().ifPresent(fix -> {
            Label fixLabel = new Label(fix);
            fixLabel.setWrapText(true);
            fixLabel.getStyleClass().add("lint-fix-text");
            Label prefix = new Label("Fix:");
            prefix.getStyleClass().add("lint-fix-label");
            HBox line = new HBox(6, prefix, fixLabel);
            line.getStyleClass().add("lint-fix");
            text.getChildren().add(line);
        });
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        VBox head = new VBox(2, rule);
        Label severity = new Label(error ? "error" : "warning");
        severity.getStyleClass().add("lint-severity");
        head.getChildren().add(severity);
        head.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(10, icon, head, text);
        row.getStyleClass().addAll("lint-finding", error ? "lint-error" : "lint-warning");
        return row;
    }

    private void bindPreview() {
        dev.backfillstudio.ui.IsoDates.apply(previewDay);
        previewDay.valueProperty().bindBidirectional(model.previewDayProperty());
        previewButton.disableProperty().bind(model.previewingProperty());
        showWhen(cancelPreview, model.previewingProperty());
        showWhen(previewProgress, model.previewingProperty());
        previewSummary.textProperty().bind(model.previewSummaryProperty());
        showText(previewError, previewErrorBox, model.previewErrorProperty());
        Label placeholder = new Label("Choose a day and press Preview to see the first 1,000 rows; nothing is written.");
        placeholder.getStyleClass().add("job-editor-placeholder");
        previewGrid.setPlaceholder(placeholder);
        model.previewRowsProperty().addListener((o, a, rows) -> {
            if (rows == null) {
                previewGrid.clear();
            } else {
                previewGrid.show(rows);
            }
        });
    }

    private void bindVersions() {
        versions.setItems(model.versions());
        Label none = new Label("No versions yet");
        none.getStyleClass().add("job-editor-placeholder");
        versions.setPlaceholder(none);
        versions.setCellFactory(list -> new VersionCell());
        versions.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
            if (v != null && v != model.selectedVersionProperty().get()) {
                model.selectedVersionProperty().set(v);
            }
        });
        model.selectedVersionProperty().addListener((o, a, v) -> {
            if (v != versions.getSelectionModel().getSelectedItem()) {
                versions.getSelectionModel().select(v);
            }
        });
        diffTitle.textProperty().bind(model.diffTitleProperty());
        diff.setItems(model.diff());
        diff.setCellFactory(list -> new DiffCell());
        diff.setPlaceholder(new Label(""));
        diff.setFixedCellSize(22);
        restore.disableProperty().bind(model.selectedVersionProperty().isNull());
    }

    private final class VersionCell extends ListCell<JobVersion> {
        @Override
        protected void updateItem(JobVersion v, boolean empty) {
            super.updateItem(v, empty);
            if (empty || v == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label number = new Label("v" + v.version());
            number.getStyleClass().add("version-number");
            Label when = new Label(WHEN.format(v.createdAt()));
            Label hash = new Label(v.hash().substring(0, Math.min(8, v.hash().length())));
            hash.getStyleClass().add("version-hash");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox row = new HBox(10, number, when, gap, hash);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (v.version() == model.currentVersionProperty().get()) {
                Label current = new Label("current");
                current.getStyleClass().add("version-current");
                row.getChildren().add(2, current);
            }
            setText(null);
            setGraphic(row);
        }
    }

    private static final class DiffCell extends ListCell<VersionDiff.Line> {
        @Override
        protected void updateItem(VersionDiff.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("diff-added", "diff-removed", "diff-same");
            if (empty || line == null) {
                setText(null);
                return;
            }
            String mark = switch (line.change()) {
                case ADDED -> "+ ";
                case REMOVED -> "\u2212 ";
                case SAME -> "  ";
            };
            getStyleClass().add(switch (line.change()) {
                case ADDED -> "diff-added";
                case REMOVED -> "diff-removed";
                case SAME -> "diff-same";
            });
            setText(mark + line.text());
        }
    }

    @FXML
    private void onPreview() {
        model.preview();
    }

    @FXML
    private void onCancelPreview() {
        model.cancelPreview();
    }

    @FXML
    private void onSave() {
        model.save();
    }

    @FXML
    private void onRestore() {
        model.restoreSelected();
        editor.area().requestFocus();
    }

    @FXML
    private void onClose() {
        onClose.run();
    }

    Window window() {
        return save.getScene() == null ? null : save.getScene().getWindow();
    }
}
