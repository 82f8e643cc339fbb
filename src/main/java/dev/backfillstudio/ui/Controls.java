package dev.backfillstudio.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.StringExpression;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;

/** Small bindings the app's forms share. */
public final class Controls {

    private Controls() {
    }

    /** The node shows, and takes room in its layout, only while the condition holds. */
    public static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    /** The label shows the text, and {@code box} (the label or what holds it) shows only while there is text. */
    public static void showText(Labeled label, Node box, StringExpression text) {
        label.textProperty().bind(text);
        showWhen(box, text.isNotEmpty());
    }

    /** {@code primary} becomes the accented default button (Enter presses it), and {@code other} a plain one. */
    public static void makePrimary(Button primary, Button other) {
        other.getStyleClass().remove(Styles.ACCENT);
        other.setDefaultButton(false);
        if (!primary.getStyleClass().contains(Styles.ACCENT)) {
            primary.getStyleClass().add(Styles.ACCENT);
        }
        primary.setDefaultButton(true);
    }
}
