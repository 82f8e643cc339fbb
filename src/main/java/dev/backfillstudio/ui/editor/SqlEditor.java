package dev.backfillstudio.ui.editor;

import java.time.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/** A SQL text area with line numbers and syntax colours, ready to drop into a view. */
public final class SqlEditor extends VirtualizedScrollPane<CodeArea> {

    public SqlEditor() {
        super(new CodeArea());
        CodeArea area = getContent();
        area.getStyleClass().add("sql-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setWrapText(false);
        // Recolour shortly after typing stops rather than per key: cheap on long queries.
        area.multiPlainChanges().successionEnds(Duration.ofMillis(80))
                .subscribe(ignore -> area.setStyleSpans(0, SqlHighlighter.styles(area.getText())));
    }

    public CodeArea area() {
        return getContent();
    }

    public String getText() {
        return getContent().getText();
    }

    /** Replaces the text and colours it at once (no wait for the debounce). */
    public void setText(String text) {
        CodeArea area = getContent();
        area.replaceText(text);
        area.setStyleSpans(0, SqlHighlighter.styles(text));
        area.moveTo(0);
        area.requestFollowCaret();
    }

    /** The text as an observable value, for view models to bind. */
    public javafx.beans.value.ObservableValue<String> textProperty() {
        return getContent().textProperty();
    }

    /** Moves the caret to the start of a 1-based line, to show where an error is. */
    public void goToLine(int line) {
        CodeArea area = getContent();
        int paragraph = Math.max(0, Math.min(line - 1, area.getParagraphs().size() - 1));
        area.moveTo(paragraph, 0);
        area.requestFollowCaret();
    }
}
