package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads DuckDB's multi-line CSV error reports and keeps the part a user needs: file, line, reason. */
final class CsvErrors {

    private static final Pattern LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern COLUMNS = Pattern.compile("Expected Number of Columns: (\\d+) Found: (\\d+)");
    private static final Pattern CONVERT = Pattern.compile(
            "Error when converting column \"(.*?)\"\\. Could not convert string \"(.*?)\" to '(.*?)'");

    private CsvErrors() {
    }

    static BackfillException explain(String fileName, Path path, SQLException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        Matcher line = LINE.matcher(msg);
        String where = line.find() ? path + " line " + line.group(1) : path.toString();
        return BackfillException.badInput(where + ": " + reason(msg), e);
    }

    static String reason(String msg) {
        Matcher cols = COLUMNS.matcher(msg);
        if (cols.find()) {
            return "expected " + cols.group(1) + " columns but found " + cols.group(2) + ".";
        }
        Matcher conv = CONVERT.matcher(msg);
        if (conv.find()) {
            return "\"" + conv.group(2) + "\" in column " + conv.group(1) + " is not a valid " + conv.group(3) + ".";
        }
        if (msg.contains("unterminated quote")) {
            return "a quoted value is never closed (unterminated quote).";
        }
        if (msg.contains("Invalid unicode")) {
            return "the text is not valid UTF-8.";
        }
        if (msg.contains("maximum line size")) {
            return "a line is longer than DuckDB's maximum line size.";
        }
        String first = msg.strip().split("\n", 2)[0];
        first = first.replaceFirst("^[A-Za-z ]+Error: ", "");
        return first.endsWith(".") ? first : first + ".";
    }
}
