package dev.backfillstudio.ui.calendar;

import dev.backfillstudio.run.DayStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The ticking toolbar over a calendar: tick all missing / failed / stale days of the visible month,
 * clear, and how many days are ticked. Its layout is {@code CalendarToolbar.fxml}; this class is
 * both the root and the controller.
 */
public final class CalendarToolbar extends HBox {

    @FXML private Button allMissing;
    @FXML private Button allFailed;
    @FXML private Button allStale;
    @FXML private Button clear;
    @FXML private Label tickedCount;

    private final CalendarView calendar;
    private boolean refreshPending;

    public CalendarToolbar(CalendarView calendar) {
        this.calendar = calendar;
        FXMLLoader loader = new FXMLLoader(CalendarToolbar.class.getResource("CalendarToolbar.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FXML
    private void initialize() {
        DaySelection selection = calendar.getSelection();
        tickedCount.textProperty().bind(selection.sizeProperty().asString().map(CalendarToolbar::ticked));
        clear.disableProperty().bind(selection.sizeProperty().isEqualTo(0));
        calendar.yearMonthProperty().addListener((InvalidationListener) o -> refreshCounts());
        calendar.getDays().addListener((MapChangeListener<Object, Object>) c -> refreshSoon());
        refreshCounts();
    }

    private static String ticked(String n) {
        return n + " ticked";
    }

    // A year of statuses arrives as hundreds of map changes; count once after them, not once per change.
    private void refreshSoon() {
        if (!refreshPending) {
            refreshPending = true;
            Platform.runLater(this::refreshCounts);
        }
    }

    // Disabling a button when the month has none of that status tells the user before they click.
    private void refreshCounts() {
        refreshPending = false;
        show(allMissing, "Missing", calendar.countInView(DayStatus.MISSING));
        show(allFailed, "Failed", calendar.countInView(DayStatus.FAILED));
        show(allStale, "Stale", calendar.countInView(DayStatus.STALE));
    }

    private static void show(Button button, String text, int count) {
        button.setText(count == 0 ? text : text + " (" + count + ")");
        button.setDisable(count == 0);
    }

    @FXML
    private void tickAllMissing() {
        calendar.tickAllInView(DayStatus.MISSING);
    }

    @FXML
    private void tickAllFailed() {
        calendar.tickAllInView(DayStatus.FAILED);
    }

    @FXML
    private void tickAllStale() {
        calendar.tickAllInView(DayStatus.STALE);
    }

    @FXML
    private void clearTicks() {
        calendar.getSelection().clear();
    }
}
