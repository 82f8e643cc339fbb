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
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;

/** The day detail pane: what ran on a day, with which version, how many rows, how long, why it failed. */
public final class DayDetailController {

    private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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
    private ListView<RunHistory.Attempt> attemptList;
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
        attemptList.setItems(model.attempts());
        attemptList.setCellFactory(list -> new AttemptCell(this::askRestore));
        attemptList.setPlaceholder(new Label("Never attempted"));
        model.dayProperty().addListener((o, a, day) -> show(day));
        model.previewProperty().addListener((o, a, sample) -> showPreview(sample));
        model.errorProperty().addListener((o, a, text) -> {
            if (text != null) {
                previewInfo.setText(text);
            }
        });
        previewButton.disableProperty().bind(model.dayProperty().isNull());
        model.attempts().addListener((javafx.collections.ListChangeListener<RunHistory.Attempt>) c -> showLatestDuration());
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
            return;
        }
        dayTitle.setText(TITLE.format(day.day()));
        dayStatus.setText(DayLabels.describe(day));
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
            addedTitle.setText(String.format("+%,d rows a rerun would add", d.added()));
            removedTitle.setText(String.format("−%,d rows it would remove", d.removed()));
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

    /** Shows what restoring the attempt would add and remove, and restores it when the user agrees. */
    private void askRestore(RunHistory.Attempt attempt) {
        javafx.concurrent.Task<dev.backfillstudio.run.Restorer.Preview> preview = model.previewRestore(attempt);
        preview.setOnSucceeded(e -> {
            if (RestoreDialog.confirm(attemptList.getScene().getWindow(), attempt, preview.getValue())) {
                model.restore(attempt);
            }
        });
    }

    static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
    }

    /**
     * One attempt: its id, when, which version, outcome and rows, the rerun diff when it replaced output, and
     * Restore when its rows can be put back.
     */
    private static final class AttemptCell extends ListCell<RunHistory.Attempt> {
        private final Button restore = new Button("Restore");

        AttemptCell(java.util.function.Consumer<RunHistory.Attempt> onRestore) {
            restore.getStyleClass().add("restore-button");
            restore.setOnAction(e -> {
                if (getItem() != null) {
                    onRestore.accept(getItem());
                }
            });
            setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        }

        @Override
        protected void updateItem(RunHistory.Attempt a, boolean empty) {
            super.updateItem(a, empty);
            if (empty || a == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setGraphic(a.restorable() ? restore : null);
            StringBuilder text = new StringBuilder();
            text.append('#').append(a.runId()).append("  ");
            if (a.kind() != dev.backfillstudio.run.RunKind.RUN) {
                text.append(a.kind()).append(a.restoredFrom().map(r -> " of #" + r).orElse("")).append("  ");
            }
            text.append(WHEN.format(a.started().atZone(java.time.ZoneId.systemDefault())))
                    .append("  v").append(a.version()).append("  ").append(a.outcome());
            a.rows().ifPresent(r -> text.append(String.format("  %,d rows", r)));
            if (a.previousRows().isPresent() && a.added().isPresent() && a.removed().isPresent()) {
                text.append(String.format("  (replaced %,d: +%,d −%,d)", a.previousRows().get(), a.added().get(), a.removed().get()));
            }
            text.append("  ").append(millis(a.duration().toMillis()));
            if (a.kept() == RunHistory.Rows.PRUNED) {
                text.append("  (rows pruned)");
            }
            a.error().ifPresent(e -> text.append("\n").append(e));
            setText(text.toString());
        }
    }
}
