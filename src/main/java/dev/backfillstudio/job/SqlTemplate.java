package dev.backfillstudio.job;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The {@code {DATE}} template of a job's SQL. The day is never pasted into the text: every
 * {@code {DATE}} becomes a {@code ?} parameter typed DATE, and every parameter is bound to the day.
 */
public final class SqlTemplate {

    public static final String PLACEHOLDER = "{DATE}";
    private static final String PARAMETER = "?::DATE";

    private SqlTemplate() {
    }

    /** The SQL with each {@code {DATE}} replaced by a DATE-typed {@code ?}; trailing semicolons and blanks dropped so it nests as a subquery. */
    public static String toParameterised(String sql) {
        return body(sql).replace(PLACEHOLDER, PARAMETER);
    }

    /**
     * The SQL as it will run for one day, the day written in as a DATE literal, for people to read (a run
     * binds the day as a parameter, which gives the same result).
     */
    public static String forDay(String sql, LocalDate day) {
        return body(sql).replace(PLACEHOLDER, "DATE '" + day + "'");
    }

    /** How many times the text says {@code {DATE}} (comments and strings included). */
    public static int dateCount(String sql) {
        int count = 0;
        for (int i = sql.indexOf(PLACEHOLDER); i >= 0; i = sql.indexOf(PLACEHOLDER, i + PLACEHOLDER.length())) {
            count++;
        }
        return count;
    }

    /**
     * The query wrapped as a subquery of {@code prefix ... suffix}. The query keeps its own lines (the
     * prefix adds none) so DuckDB's "LINE n" points at the user's line, and a closing newline keeps a
     * trailing {@code --} comment from swallowing the suffix.
     */
    public static String wrap(String prefix, String sql, String suffix) {
        return prefix + toParameterised(sql) + "\n" + suffix;
    }

    /** Binds the day to every parameter of a statement prepared from {@link #toParameterised} or {@link #wrap} text. */
    public static void bindDay(PreparedStatement st, LocalDate day) throws SQLException {
        int n = st.getParameterMetaData().getParameterCount();
        for (int i = 1; i <= n; i++) {
            st.setObject(i, day);
        }
    }

    /** Drops what cannot sit inside a subquery: trailing semicolons, and whole comment lines after them. */
    private static String body(String sql) {
        String s = sql.stripTrailing();
        while (true) {
            int lineStart = s.lastIndexOf('\n') + 1;
            if (s.endsWith(";")) {
                s = s.substring(0, s.length() - 1).stripTrailing();
            } else if (lineStart > 0 && s.substring(lineStart).strip().startsWith("--")) {
                s = s.substring(0, lineStart).stripTrailing();
            } else {
                return s;
            }
        }
    }
}
