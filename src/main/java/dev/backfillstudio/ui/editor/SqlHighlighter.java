package dev.backfillstudio.ui.editor;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Colours SQL text for the editor: keywords, functions, strings, numbers, comments and the
 * {@code {DATE}} placeholder. Only for display; what the SQL means is DuckDB's parser's business.
 */
public final class SqlHighlighter {

    private static final List<String> KEYWORDS = List.of(
            "select", "from", "where", "and", "or", "not", "in", "exists", "join", "left", "right", "full", "inner",
            "outer", "cross", "on", "using", "group", "by", "order", "having", "limit", "offset", "as", "with",
            "union", "all", "except", "intersect", "distinct", "case", "when", "then", "else", "end", "is", "null",
            "between", "like", "ilike", "asc", "desc", "over", "partition", "window", "rows", "range", "preceding",
            "following", "current", "row", "interval", "date", "timestamp", "cast", "true", "false", "qualify",
            "filter", "lateral", "recursive", "insert", "update", "delete", "create", "drop", "alter", "table",
            "copy", "attach", "detach", "set", "pragma", "install", "load", "call", "values", "into");

    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>--[^\n]*|/\\*(?s:.*?)\\*/)"
                    + "|(?<PLACEHOLDER>\\{DATE\\})"
                    + "|(?<STRING>'(?:[^']|'')*'?)"
                    + "|(?<QUOTED>\"(?:[^\"]|\"\")*\"?)"
                    + "|(?<NUMBER>\\b\\d+(?:\\.\\d+)?\\b)"
                    + "|(?<FUNCTION>\\b[A-Za-z_][A-Za-z0-9_]*(?=\\s*\\())"
                    + "|(?<WORD>\\b[A-Za-z_][A-Za-z0-9_]*\\b)");

    private SqlHighlighter() {
    }

    public static StyleSpans<Collection<String>> styles(String text) {
        Matcher m = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = styleOf(m);
            if (style == null) {
                continue;
            }
            spans.add(List.of(), m.start() - last);
            spans.add(List.of(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
    }

    private static String styleOf(Matcher m) {
        if (m.group("COMMENT") != null) {
            return "sql-comment";
        }
        if (m.group("PLACEHOLDER") != null) {
            return "sql-placeholder";
        }
        if (m.group("STRING") != null) {
            return "sql-string";
        }
        if (m.group("QUOTED") != null) {
            return "sql-identifier";
        }
        if (m.group("NUMBER") != null) {
            return "sql-number";
        }
        if (m.group("FUNCTION") != null) {
            return KEYWORDS.contains(m.group("FUNCTION").toLowerCase()) ? "sql-keyword" : "sql-function";
        }
        return KEYWORDS.contains(m.group("WORD").toLowerCase()) ? "sql-keyword" : null;
    }
}
