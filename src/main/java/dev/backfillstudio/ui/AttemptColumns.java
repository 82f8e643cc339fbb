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

    /** With {@code onRestore}, each attempt whose rows can be put back offers Restore in its context menu. */
    static void install(TableView<RunHistory.Attempt> table, javafx.collections.ObservableList<RunHistory.Attempt> items,
            java.util.function.Consumer<RunHistory.Attempt> onRestore) {
        table.getColumns().setAll(
                column("Time", "attempt-time", a -> MINUTE.format(a.started())),
                column("Ver", "attempt-version", a -> "v" + a.version()),
                column("Result", "attempt-outcome", AttemptColumns::result),
                column("Rows", "attempt-rows", a -> a.rows().map(r -> String.format("%,d", r)).orElse("–")),
                column("+/−", "attempt-change", AttemptColumns::change),
                column("Took", "attempt-took", a -> DayLabels.duration(a.duration().toMillis())));
        table.setItems(items);
        // measured when the attempts change, and again once their cells are drawn in the real font
        items.addListener((javafx.collections.ListChangeListener<RunHistory.Attempt>) c -> {
            fit(table);
            javafx.application.Platform.runLater(() -> fit(table));
        });
        // A theme switch restyles the headers after the last measure (another font or padding): whenever a
        // layout pass leaves a header drawn cut, measure again with the fonts now in use.
        table.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs && (headerCut(table) || overflows(table))) {
                javafx.application.Platform.runLater(() -> fit(table));
            }
        });
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RunHistory.Attempt a, boolean empty) {
                super.updateItem(a, empty);
                setTooltip(empty || a == null ? null : new Tooltip(details(a)));
                setContextMenu(empty || a == null || onRestore == null || !a.restorable() ? null : restoreMenu(a, onRestore));
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

    /** Restore on an attempt whose rows are kept (not on the one the day holds, nor on failed or pruned ones). */
    private static javafx.scene.control.ContextMenu restoreMenu(RunHistory.Attempt a, java.util.function.Consumer<RunHistory.Attempt> onRestore) {
        javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem("Restore attempt #" + a.runId() + "…");
        item.getStyleClass().add("restore-item");
        item.setOnAction(e -> onRestore.accept(a));
        return new javafx.scene.control.ContextMenu(item);
    }

    // Each column as wide as its widest text (at the table's 12 px), so the constrained policy has no
    // reason to cut one while another has room to spare; the last column takes what is left.
    private static final double CELL_PADDING = 11;
    // a header label's own padding and the room its sort and resize edges take
    private static final double HEADER_PADDING = 11;

    @SuppressWarnings("unchecked")
    static void fit(TableView<RunHistory.Attempt> table) {
        // the fonts in use now: headers and cells may differ (a bold header), and before the first layout
        // the theme has not been applied yet
        table.applyCss();
        javafx.scene.text.Font headerFont = font(table, ".column-header .label");
        // before the first rows are drawn there is no cell to ask: the cells use the headers' size, not bold
        javafx.scene.text.Font cellFont = table.lookupAll(".table-cell").stream().anyMatch(n -> n instanceof javafx.scene.control.Labeled)
                ? font(table, ".table-cell") : javafx.scene.text.Font.font(headerFont.getFamily(), headerFont.getSize());
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        for (TableColumn<RunHistory.Attempt, ?> column : table.getColumns()) {
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

    /**
     * Whether the columns together are wider than the table shows (measured with a font the theme has
     * since replaced), which puts the last column's title and cells past the table's edge.
     */
    static boolean overflows(TableView<?> table) {
        double columns = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        double shown = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset()
                - table.lookupAll(".scroll-bar:vertical").stream().filter(javafx.scene.Node::isVisible)
                        .mapToDouble(n -> n.getLayoutBounds().getWidth()).max().orElse(0);
        return table.getWidth() > 0 && columns > shown + 1;
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
