package dev.backfillstudio.ui.grid;

import dev.backfillstudio.workspace.RowSample;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * A table of query rows. Selected rows copy to the clipboard as tab-separated text with a header
 * (Ctrl/Cmd+C or the context menu), so they paste into a spreadsheet as they look here.
 */
public final class ResultGrid extends TableView<List<Object>> {

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    public ResultGrid() {
        getStyleClass().add("result-grid");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setPlaceholder(new javafx.scene.control.Label("No rows"));
        MenuItem copy = new MenuItem("Copy rows");
        copy.setOnAction(e -> copySelection());
        MenuItem selectAll = new MenuItem("Select all");
        selectAll.setOnAction(e -> getSelectionModel().selectAll());
        setContextMenu(new ContextMenu(copy, selectAll));
        setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copySelection();
                e.consume();
            }
        });
    }

    /** Shows the sample's columns and rows. */
    public void show(RowSample sample) {
        getColumns().clear();
        for (int i = 0; i < sample.columns().size(); i++) {
            final int index = i;
            TableColumn<List<Object>, Object> col = new TableColumn<>(sample.columns().get(i));
            col.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().get(index)));
            col.setPrefWidth(widthFor(sample, i));
            getColumns().add(col);
        }
        setItems(FXCollections.observableArrayList(sample.rows()));
    }

    /**
     * Room for a column's header and its longest value among the first rows, at about 9 px a character of the theme's
     * 14 px font (a day, 2024-10-02, was cut to "2024-10…" in a column sized by its header alone), within 70 to 320 px.
     */
    private static double widthFor(RowSample sample, int column) {
        int longest = sample.columns().get(column).length();
        for (int r = 0; r < Math.min(200, sample.rows().size()); r++) {
            Object v = sample.rows().get(r).get(column);
            longest = Math.max(longest, v == null ? 4 : String.valueOf(v).length());
        }
        return Math.max(70, Math.min(320, 9 * longest + 32));
    }

    public void clear() {
        getColumns().clear();
        getItems().clear();
    }

    /** The selected rows (all rows when none is selected) as TSV with a header line. */
    public String selectionAsTsv() {
        List<String> header = new ArrayList<>();
        for (TableColumn<List<Object>, ?> c : getColumns()) {
            header.add(c.getText());
        }
        List<List<Object>> rows = getSelectionModel().getSelectedItems().isEmpty()
                ? getItems() : getSelectionModel().getSelectedItems();
        return RowSample.toTsv(header, rows);
    }

    public void copySelection() {
        ClipboardContent content = new ClipboardContent();
        content.putString(selectionAsTsv());
        Clipboard.getSystemClipboard().setContent(content);
    }
}
