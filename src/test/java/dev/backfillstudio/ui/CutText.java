package dev.backfillstudio.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import org.assertj.core.api.Assertions;

/** Finds the words a window draws cut short: a label ending in an ellipsis, or one sticking out of what its parents show. */
public final class CutText {

    private CutText() {
    }

    /** Fails, naming each one, when a visible label under {@code root} is not drawn whole; reads the scene on the FX thread. */
    public static void assertNoneIn(Node root, String what) {
        List<String> cut = new ArrayList<>();
        FxThread.onFx(() -> collect(root, cut));
        Assertions.assertThat(cut).as("words of %s cut short", what).isEmpty();
    }

    /** Adds to {@code cut} a line for every visible label under {@code node} that is not drawn whole. */
    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank() && l.getWidth() > 0) {
            Node drawn = l.lookup(".text");
            // a mnemonic's underscore is drawn as an underline, not as a character
            String text = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
            if (drawn instanceof Text t && t.getParent() == l && !t.getText().equals(text)) {
                cut.add(l.getClass().getSimpleName() + " '" + l.getText() + "' drawn as '" + t.getText() + "'");
            }
            Bounds own = l.localToScene(l.getLayoutBounds());
            double left = 0;
            double right = l.getScene().getWidth();
            for (Node a = l.getParent(); a != null; a = a.getParent()) {
                if (a.getClip() != null) {
                    Bounds clip = a.localToScene(a.getClip().getBoundsInParent());
                    left = Math.max(left, clip.getMinX());
                    right = Math.min(right, clip.getMaxX());
                }
            }
            if (own.getMinX() < left - 1 || own.getMaxX() > right + 1) {
                cut.add(l.getClass().getSimpleName() + " '" + l.getText() + "' sticks out sideways: "
                        + Math.round(own.getMinX()) + ".." + Math.round(own.getMaxX()) + " shown " + Math.round(left) + ".."
                        + Math.round(right));
            }
        }
        if (node instanceof Labeled l && l.getGraphic() instanceof Text t && t.isVisible() && !t.getText().isBlank() && l.getHeight() > 0) {
            // words drawn as a wrapping graphic (a table cell's long sentence): every line inside the cell
            Bounds cell = l.localToScene(l.getLayoutBounds());
            Bounds drawn = t.localToScene(t.getLayoutBounds());
            if (drawn.getMaxY() > cell.getMaxY() + 1 || drawn.getMaxX() > cell.getMaxX() + 1) {
                cut.add(l.getClass().getSimpleName() + " '" + t.getText() + "' drawn past its cell: " + Math.round(drawn.getWidth())
                        + "x" + Math.round(drawn.getHeight()) + " in " + Math.round(cell.getWidth()) + "x" + Math.round(cell.getHeight()));
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, cut);
            }
        }
    }
}
