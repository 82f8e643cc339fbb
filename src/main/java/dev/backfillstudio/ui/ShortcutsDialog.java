package dev.backfillstudio.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/**
 * Help → Keyboard shortcuts: every menu action with its keys, read from the menus themselves so the
 * list can never disagree with them. The calendar's own keys follow.
 */
final class ShortcutsDialog {

    /** One line of the list. */
    record Shortcut(String menu, String action, String keys) {
    }

    /** Keys the calendar handles itself when it has the focus. */
    static final List<Shortcut> CALENDAR_KEYS = List.of(
            new Shortcut("Calendar", "Move between days", "Arrow keys"),
            new Shortcut("Calendar", "Previous / next month", "Page Up / Page Down"),
            new Shortcut("Calendar", "Tick or untick the day", "Space"),
            new Shortcut("Calendar", "Tick a range up to the day", "Shift+Space"),
            new Shortcut("Calendar", "Open the day's detail", "Enter"));

    private ShortcutsDialog() {
    }

    /** Every menu item with an accelerator, menu by menu, in menu order. */
    static List<Shortcut> fromMenus(MenuBar bar) {
        List<Shortcut> out = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            collect(plain(menu.getText()), menu.getItems(), out);
        }
        out.addAll(CALENDAR_KEYS);
        return out;
    }

    private static void collect(String menu, List<MenuItem> items, List<Shortcut> out) {
        for (MenuItem item : items) {
            if (item instanceof Menu sub) {
                collect(menu, sub.getItems(), out);
            } else if (item.getAccelerator() != null) {
                out.add(new Shortcut(menu, plain(item.getText()), item.getAccelerator().getDisplayText()));
            }
        }
    }

    // Menu texts carry mnemonic underscores and ellipses that read oddly in a list.
    static String plain(String text) {
        return text == null ? "" : text.replace("_", "").replace("…", "");
    }

    static Dialog<ButtonType> create(Window owner, MenuBar bar) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        TableView<Shortcut> table = new TableView<>();
        table.setId("shortcut-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Menu", Shortcut::menu));
        table.getColumns().add(column("Action", Shortcut::action));
        table.getColumns().add(column("Keys", Shortcut::keys));
        table.getItems().setAll(fromMenus(bar));
        table.setPrefSize(520, 520);
        dialog.getDialogPane().setContent(table);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().getStyleClass().add("shortcuts");
        dialog.setResizable(true);
        return dialog;
    }

    private static TableColumn<Shortcut, String> column(String title, java.util.function.Function<Shortcut, String> value) {
        TableColumn<Shortcut, String> c = new TableColumn<>(title);
        c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(value.apply(row.getValue())));
        c.setSortable(false);
        return c;
    }
}
