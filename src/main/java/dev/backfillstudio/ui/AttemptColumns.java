package dev.backfillstudio.ui;

import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.ui.calendar.DayLabels;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The columns of a day's attempts table, newest first as the engine lists them: time, version,
 * outcome, rows, +added −removed, duration. The run and a failed attempt's error are the row's tooltip.
 */
final class AttemptColumns {

    private AttemptColumns() {
    }

    static void install(TableView<RunHistory.Attempt> table) {
        table.getColumns().setAll(
                column("Time", "attempt-time", a -> MINUTE.format(a.started())),
                column("Ver.", "attempt-version", a -> "v" + a.version()),
                column("Outcome", "attempt-outcome", a -> a.outcome() == DayStatus.SUCCEEDED ? "OK" : a.outcome().name()),
                column("Rows", "attempt-rows", a -> a.rows().map(r -> String.format("%,d", r)).orElse("–")),
                column("Change", "attempt-change", AttemptColumns::change),
                column("Took", "attempt-took", a -> DayLabels.duration(a.duration().toMillis())));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RunHistory.Attempt a, boolean empty) {
                super.updateItem(a, empty);
                setTooltip(empty || a == null ? null : new Tooltip(details(a)));
                getStyleClass().remove("attempt-failed");
                if (!empty && a != null && a.error().isPresent()) {
                    getStyleClass().add("attempt-failed");
                }
            }
        });
    }

    // Seconds and the run are in the row's tooltip: the pane is narrow at 1280 pixels.
    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());

    /** The row's tooltip: the run, the exact time, and the error of a failed attempt. */
    static String details(RunHistory.Attempt a) {
        return "Run #" + a.runId() + " at " + DayLabels.WHEN.format(a.started()) + a.error().map(e -> "\n" + e).orElse("");
    }

    /** "+12 −3" when the attempt replaced stored rows; "new" for a first output; "–" when nothing was written. */
    static String change(RunHistory.Attempt a) {
        if (a.added().isPresent() && a.removed().isPresent()) {
            return String.format("+%,d −%,d", a.added().get(), a.removed().get());
        }
        return a.rows().isPresent() ? "new" : "–";
    }

    private static TableColumn<RunHistory.Attempt, String> column(String title, String id,
            Function<RunHistory.Attempt, String> value) {
        TableColumn<RunHistory.Attempt, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(value.apply(row.getValue())));
        c.setSortable(false);
        return c;
    }
}
