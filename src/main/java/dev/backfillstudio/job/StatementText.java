package dev.backfillstudio.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Words for a refusal: splits a text into statements at semicolons (outside quotes, dollar quotes
 * and comments) and names each by its first keyword. It never decides whether a text is allowed —
 * DuckDB's parser does; this only says "a DROP statement" instead of "not a query".
 */
final class StatementText {

    private StatementText() {
    }

    /** The first keyword of each non-empty statement, upper case ({@code SELECT}, {@code DROP}, ...). */
    static List<String> kinds(String sql) {
        List<String> out = new ArrayList<>();
        for (String statement : split(sql)) {
            String kind = firstKeyword(statement);
            if (!kind.isEmpty()) {
                out.add(kind);
            }
        }
        return out;
    }

    /** The statements' texts with comments blanked out. */
    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                current.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
            } else if (c == '\'' || c == '"') {
                int end = closingQuote(sql, i, c);
                current.append(sql, i, end);
                i = end;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                end = end < 0 ? n : end + tag.length();
                current.append(sql, i, end);
                i = end;
            } else if (c == ';') {
                out.add(current.toString());
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        out.add(current.toString());
        out.removeIf(s -> s.isBlank());
        return out;
    }

    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // a doubled quote stands for itself
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** {@code $$} or {@code $tag$} starting at i, or null. */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }

    private static String firstKeyword(String statement) {
        int i = 0;
        while (i < statement.length() && (Character.isWhitespace(statement.charAt(i)) || statement.charAt(i) == '(')) {
            i++;
        }
        int start = i;
        while (i < statement.length() && Character.isLetter(statement.charAt(i))) {
            i++;
        }
        return statement.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
