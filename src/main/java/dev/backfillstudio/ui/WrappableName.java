package dev.backfillstudio.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A table or job name as a label too narrow for it should show it. Identifiers carry no spaces, so
 * JavaFX breaks a long one between any two letters ("…history_o" / "ut"), and it takes no zero-width
 * space as a place to break either. Here the name is broken after an underscore or a dot instead,
 * filling each line as far as it goes; a single part longer than a line is left to the label.
 */
public final class WrappableName {

    private WrappableName() {
    }

    /** {@code name} with a line break after the last underscore or dot that fits each line of {@code width}. */
    public static String of(String name, Font font, double width) {
        if (name == null || width <= 0 || widthOf(name, font) <= width) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        String line = "";
        for (String part : parts(name)) {
            if (!line.isEmpty() && widthOf(line + part, font) > width) {
                out.append(line).append('\n');
                line = "";
            }
            line += part;
        }
        return out.append(line).toString();
    }

    /** The name cut after each underscore or dot: "a_b.c" is "a_", "b.", "c". */
    private static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c == '_' || c == '.') && i + 1 < name.length()) {
                parts.add(name.substring(start, i + 1));
                start = i + 1;
            }
        }
        parts.add(name.substring(start));
        return parts;
    }

    private static double widthOf(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
