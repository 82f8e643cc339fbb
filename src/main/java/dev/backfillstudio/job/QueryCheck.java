package dev.backfillstudio.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Whether a job's SQL is exactly one read-only query that uses {@code {DATE}} and binds against the
 * workspace. DuckDB's own parser ({@code json_serialize_sql}) and binder decide; nothing here parses
 * SQL by hand.
 */
public final class QueryCheck {

    /** The column every output row gets; a query may not return one of its own. */
    public static final String PARTITION_COLUMN = "partition_date";


    private QueryCheck() {
    }

    /** Refuses (BAD_INPUT, one sentence) SQL that cannot be saved as job {@code job}; {@code day} is the sample day bound. */
    public static void requireRunnable(Db db, String job, String sql, LocalDate day) {
        JsonNode parsed = parse(db, job, sql);
        int statements = parsed.path("statements").size();
        if (statements != 1) {
            throw BackfillException.badInput("Job " + job + " has " + statements
                    + " statements; a job is exactly one SELECT query.");
        }
        if (SqlTemplate.dateCount(sql) == 0) {
            throw BackfillException.badInput("Job " + job + " does not use {DATE}; write {DATE} where the day being run goes"
                    + " (for example WHERE date = {DATE}).");
        }
        // before the probe is prepared: preparing a text runs all but its last statement, and even a
        // LIMIT 0 probe opens the files a table function names
        QueryGuard.requireSafeQuery(db, sql);
        String probe = SqlTemplate.wrap("SELECT * FROM (", sql, ") LIMIT 0");
        try (PreparedStatement st = db.connection().prepareStatement(probe)) {
            int parameters = st.getParameterMetaData().getParameterCount();
            if (parameters == 0) {
                throw BackfillException.badInput("Job " + job + " says {DATE} only in comments or strings; use it in the query itself.");
            }
            if (parameters > SqlTemplate.dateCount(sql)) {
                throw BackfillException.badInput("Job " + job + " has a ? or $n parameter of its own; write {DATE} for the day instead.");
            }
            for (int i = 1; i <= parameters; i++) {
                st.setObject(i, day);
            }
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    if (md.getColumnName(c).equalsIgnoreCase(PARTITION_COLUMN)) {
                        throw BackfillException.badInput("Job " + job + " returns a column named " + PARTITION_COLUMN
                                + ", which the app adds to every output row itself; rename that column.");
                    }
                }
            }
        } catch (SQLException e) {
            throw BackfillException.badInput("Job " + job + " does not run against this workspace for " + day + ": "
                    + duckDbSentence(e.getMessage()), e);
        }
    }

    private static JsonNode parse(Db db, String job, String sql) {
        String text = SqlTemplate.toParameterised(sql);
        JsonNode node;
        try {
            String json = db.queryOne("SELECT json_serialize_sql(?)", rs -> rs.getString(1), text).orElse("{}");
            node = JsonTree.read(json);
        } catch (SQLException | java.io.IOException e) {
            throw BackfillException.failed("Cannot read the SQL of job " + job + ": " + firstLine(e.getMessage()), e);
        }
        if (node.path("error").asBoolean(false)) {
            String type = node.path("error_type").asText("");
            if (type.equals("parser")) {
                int position = node.path("position").asInt(0);
                throw BackfillException.badInput("Job " + job + " has a syntax error on line " + lineOf(text, position) + ": "
                        + firstLine(node.path("error_message").asText()));
            }
            throw BackfillException.badInput("Job " + job + " is not a read-only query: a job is exactly one SELECT"
                    + " (no DDL, INSERT/UPDATE/DELETE, COPY, ATTACH, SET or PRAGMA).");
        }
        return node;
    }

    /** The 1-based line of {@code text} that holds {@code position} (DuckDB's query_location). */
    static int lineOf(String text, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** DuckDB's first line plus its "LINE n" (counted in the user's text, which the wrapping keeps line for line). */
    public static String duckDbSentence(String message) {
        String first = firstLine(message);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^LINE (\\d+):").matcher(message == null ? "" : message);
        if (m.find()) {
            String sentence = first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
            return sentence + " (line " + m.group(1) + ").";
        }
        return first;
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error.";
        }
        String line = message.strip().split("\n", 2)[0].strip();
        return line.endsWith(".") || line.endsWith("!") ? line : line + ".";
    }
}
