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

    static void install(TableView<RunHistory.Attempt> table, javafx.collections.ObservableList<RunHistory.Attempt> items) {
        install(table, items, null);
    }

    /** With {@code onRestore}, a last column offers Restore on each attempt whose rows can be put back. */
    static void install(TableView<RunHistory.Attempt> table, javafx.collections.ObservableList<RunHistory.Attempt> items,
            java.util.function.Consumer<RunHistory.Attempt> onRestore) {
        table.getColumns().setAll(
                column("Time", "attempt-time", a -> MINUTE.format(a.started())),
                column("Ver", "attempt-version", a -> "v" + a.version()),
                column("Result", "attempt-outcome", AttemptColumns::result),
                column("Rows", "attempt-rows", a -> a.rows().map(r -> String.format("%,d", r)).orElse("–")),
                column("+/−", "attempt-change", AttemptColumns::change),
                column("Took", "attempt-took", a -> DayLabels.duration(a.duration().toMillis())));
        if (onRestore != null) {
            table.getColumns().add(restoreColumn(onRestore));
        }
        table.setItems(items);
        // measured when the attempts change, and again once their cells are drawn in the real font
        items.addListener((javafx.collections.ListChangeListener<RunHistory.Attempt>) c -> {
            fit(table);
            javafx.application.Platform.runLater(() -> fit(table));
        });
        // A theme switch restyles the headers after the last measure (another font or padding): whenever a
        // layout pass leaves a header drawn cut, measure again with the fonts now in use.
        table.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs && headerCut(table)) {
                javafx.application.Platform.runLater(() -> fit(table));
            }
        });
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

    /** The row's tooltip: the run (and what it put back), the exact time, and the error of a failed attempt. */
    static String details(RunHistory.Attempt a) {
        String kind = a.kind() == dev.backfillstudio.run.RunKind.RUN ? ""
                : " (" + a.kind().name().toLowerCase(java.util.Locale.ROOT) + a.restoredFrom().map(r -> " of attempt #" + r).orElse("") + ")";
        return "Run #" + a.runId() + kind + " at " + DayLabels.WHEN.format(a.started())
                + (a.kept() == RunHistory.Rows.PRUNED ? "\nIts rows were pruned: it can no longer be restored." : "")
                + a.error().map(e -> "\n" + e).orElse("");
    }

    /** OK, FAILED, BLOCKED, CLEARED (an undo that left the day without output), or UNDO / RESTORE for a put-back. */
    static String result(RunHistory.Attempt a) {
        if (a.outcome() == DayStatus.MISSING) {
            return "CLEARED";
        }
        if (a.outcome() == DayStatus.SUCCEEDED) {
            return a.kind() == dev.backfillstudio.run.RunKind.RUN ? "OK" : a.kind().name();
        }
        return a.outcome().name();
    }

    /** Restore on the attempts whose rows are kept (not on the one the day holds, nor on failed or pruned ones). */
    private static TableColumn<RunHistory.Attempt, String> restoreColumn(java.util.function.Consumer<RunHistory.Attempt> onRestore) {
        TableColumn<RunHistory.Attempt, String> c = new TableColumn<>("");
        c.setId("attempt-restore");
        c.setSortable(false);
        c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().restorable() ? "Restore" : ""));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            // an icon, not a word: the day pane is narrow at 1280 pixels and the other columns need the room
            private final javafx.scene.control.Button button = new javafx.scene.control.Button("",
                    new org.kordamp.ikonli.javafx.FontIcon("mdi2r-restore"));

            {
                button.getStyleClass().addAll("restore-button", "flat", "button-icon");
                button.setAccessibleText("Restore");
                button.setTooltip(new Tooltip("Restore: put this attempt's rows back as the day's output (shows what changes first)"));
                button.setOnAction(e -> {
                    RunHistory.Attempt a = getTableRow() == null ? null : getTableRow().getItem();
                    if (a != null) {
                        onRestore.accept(a);
                    }
                });
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(null);
                setGraphic(empty || text == null || text.isEmpty() ? null : button);
            }
        });
        return c;
    }

    // Each column as wide as its widest text (at the table's 12 px), so the constrained policy has no
    // reason to cut one while another has room to spare; the last column takes what is left.
    private static final double CELL_PADDING = 11;
    // a header label's own padding and the room its sort and resize edges take
    private static final double HEADER_PADDING = 11;
    // the icon button of the Restore column, with its padding
    private static final double RESTORE_WIDTH = 34;

    @SuppressWarnings("unchecked")
    static void fit(TableView<RunHistory.Attempt> table) {
        // the fonts in use now: headers and cells may differ (a bold header), and before the first layout
        // the theme has not been applied yet
        table.applyCss();
        javafx.scene.text.Font cellFont = font(table, ".table-cell");
        javafx.scene.text.Font headerFont = font(table, ".column-header .label");
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        for (TableColumn<RunHistory.Attempt, ?> column : table.getColumns()) {
            if (column.getId() != null && column.getId().equals("attempt-restore")) {
                column.setMinWidth(RESTORE_WIDTH);
                column.setPrefWidth(RESTORE_WIDTH);
                continue;
            }
            probe.setFont(headerFont);
            probe.setText(column.getText());
            double width = probe.getLayoutBounds().getWidth() + HEADER_PADDING;
            probe.setFont(cellFont);
            for (RunHistory.Attempt a : table.getItems() == null ? java.util.List.<RunHistory.Attempt>of() : table.getItems()) {
                probe.setText(String.valueOf(((TableColumn<RunHistory.Attempt, String>) column).getCellObservableValue(a).getValue()));
                width = Math.max(width, probe.getLayoutBounds().getWidth() + CELL_PADDING);
            }
            column.setMinWidth(Math.ceil(width));
            column.setPrefWidth(Math.ceil(width));
        }
    }

    /** The font of the first labelled node matching {@code selector}, else the larger of the fonts a theme may use. */
    private static javafx.scene.text.Font font(TableView<?> table, String selector) {
        return table.lookupAll(selector).stream().filter(n -> n instanceof javafx.scene.control.Labeled)
                .map(n -> ((javafx.scene.control.Labeled) n).getFont()).findFirst()
                .orElse(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                        javafx.scene.text.FontWeight.BOLD, Math.max(12, javafx.scene.text.Font.getDefault().getSize())));
    }

    /** Whether a header title is drawn shortened (with an ellipsis) now. */
    static boolean headerCut(TableView<?> table) {
        return table.lookupAll(".column-header .label").stream().filter(n -> n instanceof javafx.scene.control.Label)
                .map(n -> (javafx.scene.control.Label) n).filter(l -> l.isVisible() && l.getWidth() > 0)
                .anyMatch(l -> l.lookup(".text") instanceof javafx.scene.text.Text t && t.getParent() == l
                        && !t.getText().equals(l.getText()));
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
