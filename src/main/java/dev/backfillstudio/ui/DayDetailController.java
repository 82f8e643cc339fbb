package dev.backfillstudio.ui;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.ui.calendar.DayLabels;
import dev.backfillstudio.ui.grid.ResultGrid;
import dev.backfillstudio.workspace.RowSample;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;

/** The day detail pane: what ran on a day, with which version, how many rows, how long, why it failed. */
public final class DayDetailController {

    private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("yyyy-MM-dd '·' EEEE", Locale.ENGLISH);

    private final DayDetailViewModel model;
    private final ResultGrid grid = new ResultGrid();

    @FXML
    private Label dayTitle;
    @FXML
    private Label dayStatus;
    @FXML
    private Label versionValue;
    @FXML
    private Label rowsValue;
    @FXML
    private Label durationValue;
    @FXML
    private TextField fingerprintValue;
    @FXML
    private TextArea errorText;
    @FXML
    private Label dayReasons;
    @FXML
    private Label dayInputs;
    @FXML
    private Label dayReaders;
    @FXML
    private TableView<RunHistory.Attempt> attemptTable;
    @FXML
    private javafx.scene.control.Button restoreButton;
    @FXML
    private Button previewButton;
    @FXML
    private Label previewInfo;
    @FXML
    private StackPane previewHolder;
    @FXML
    private javafx.scene.layout.VBox diffBox;
    @FXML
    private Label diffTitle;
    @FXML
    private Label addedTitle;
    @FXML
    private Label removedTitle;
    @FXML
    private StackPane addedHolder;
    @FXML
    private StackPane removedHolder;
    private final ResultGrid addedGrid = new ResultGrid();
    private final ResultGrid removedGrid = new ResultGrid();

    public DayDetailController(DayDetailViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        previewHolder.getChildren().add(grid);
        addedHolder.getChildren().add(addedGrid);
        removedHolder.getChildren().add(removedGrid);
        model.verifyProperty().addListener((o, a, r) -> showVerify(r));
        AttemptColumns.install(attemptTable, model.attempts(), this::askRestore);
        // Restore acts on the attempt selected in the table: one whose rows are kept and not the day's now
        restoreButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            RunHistory.Attempt a = attemptTable.getSelectionModel().getSelectedItem();
            return a == null || !a.restorable() || model.dayProperty().get() == null;
        }, attemptTable.getSelectionModel().selectedItemProperty(), model.dayProperty()));
        restoreButton.setTooltip(new javafx.scene.control.Tooltip("Put the selected attempt's rows back as the day's output"
                + " (shows what changes first; the rows the day holds now are kept)"));
        attemptTable.setPlaceholder(new Label("Never attempted"));
        model.dayProperty().addListener((o, a, day) -> show(day));
        model.previewProperty().addListener((o, a, sample) -> showPreview(sample));
        model.errorProperty().addListener((o, a, text) -> {
            if (text != null) {
                previewInfo.setText(text);
            }
        });
        // a day that holds no rows (never ran, failed before writing any, or wrote none) has nothing to preview
        previewButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            DayInfo d = model.dayProperty().get();
            return d == null || d.rows().orElse(0L) == 0;
        }, model.dayProperty()));
        model.attempts().addListener((javafx.collections.ListChangeListener<RunHistory.Attempt>) c -> showLatestDuration());
        dayInputs.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Read: " + (model.inputs().isEmpty()
                ? "nothing recorded" : String.join("\n", model.inputs())), model.inputs()));
        dayReaders.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Read by: " + (model.readers().isEmpty()
                ? "no other job's day" : String.join("\n", model.readers())), model.readers()));
        show(null);
    }

    private void show(DayInfo day) {
        if (day == null) {
            dayTitle.setText("No day opened");
            dayStatus.setText("Double-click a day, or press Enter on it, to see what ran.");
            versionValue.setText("–");
            rowsValue.setText("–");
            durationValue.setText("–");
            fingerprintValue.setText("");
            setError(null);
            showReasons(java.util.List.of());
            return;
        }
        dayTitle.setText(TITLE.format(day.day()));
        dayStatus.setText(DayLabels.summary(day));
        showReasons(dev.backfillstudio.ui.calendar.StaleReasons.sentences(day));
        dayStatus.getStyleClass().removeIf(c -> c.startsWith("status-"));
        dayStatus.getStyleClass().add(DayLabels.styleClass(day.status()));
        versionValue.setText(day.version().map(v -> "v" + v).orElse("–"));
        rowsValue.setText(day.rows().map(r -> String.format("%,d", r)).orElse("–"));
        fingerprintValue.setText(day.fingerprint().orElse(""));
        durationValue.setText("–");
        setError(day.error().orElse(null));
        showLatestDuration();
        grid.clear();
        previewInfo.setText("");
    }

    /** The verify result: its verdict, and when it drifted the rows added and removed side by side. */
    private void showVerify(dev.backfillstudio.verify.VerifyResult r) {
        boolean show = r != null;
        diffBox.setVisible(show);
        diffBox.setManaged(show);
        if (!show) {
            return;
        }
        diffTitle.setText("Verify: " + r.outcome() + (r.message() == null || r.message().isBlank() ? "" : " — " + r.message()));
        boolean drifted = r.diff().isPresent();
        addedTitle.getParent().setVisible(drifted);
        removedTitle.getParent().setVisible(drifted);
        r.diff().ifPresentOrElse(d -> {
            addedTitle.setText(String.format("+%,d rows a rerun adds", d.added()));
            removedTitle.setText(String.format("−%,d rows it removes", d.removed()));
            addedGrid.show(d.addedSample());
            removedGrid.show(d.removedSample());
        }, () -> {
            addedGrid.clear();
            removedGrid.clear();
        });
    }

    private void showLatestDuration() {
        model.attempts().stream().findFirst().ifPresent(a -> durationValue.setText(millis(a.duration().toMillis())));
    }

    private void showReasons(java.util.List<String> reasons) {
        dayReasons.setText(reasons.stream().map(r -> "Stale: " + r).collect(java.util.stream.Collectors.joining("\n")));
        dayReasons.setVisible(!reasons.isEmpty());
        dayReasons.setManaged(!reasons.isEmpty());
    }

    private void setError(String text) {
        errorText.setText(text == null ? "" : text);
        errorText.setVisible(text != null);
        errorText.setManaged(text != null);
    }

    private void showPreview(RowSample sample) {
        if (sample == null) {
            grid.clear();
            return;
        }
        grid.show(sample);
        previewInfo.setText(String.format("%s%,d rows in %d ms", sample.truncated() ? "first " : "", sample.rows().size(),
                sample.elapsed().toMillis()));
    }

    @FXML
    private void onPreview() {
        previewInfo.setText("Reading…");
        model.loadPreview();
    }

    @FXML
    private void onRestore() {
        RunHistory.Attempt a = attemptTable.getSelectionModel().getSelectedItem();
        if (a != null && a.restorable()) {
            askRestore(a);
        }
    }

    /** Shows what restoring the attempt would add and remove, and restores it when the user agrees. */
    private void askRestore(RunHistory.Attempt attempt) {
        javafx.concurrent.Task<dev.backfillstudio.run.Restorer.Preview> preview = model.previewRestore(attempt);
        preview.setOnSucceeded(e -> {
            if (RestoreDialog.confirm(attemptTable.getScene().getWindow(), attempt, preview.getValue())) {
                model.restore(attempt);
            }
        });
    }

    static String millis(long ms) {
        return DayLabels.duration(ms);
    }
}
