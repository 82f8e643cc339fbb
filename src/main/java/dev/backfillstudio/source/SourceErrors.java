package dev.backfillstudio.source;

import dev.backfillstudio.workspace.BackfillException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns what the source's driver reports into one sentence that names the source, by SQLSTATE class
 * (08 connection, 28 login, 57P0x the server ended the session) and, for failures below SQL, the
 * network exception underneath.
 */
record SourceErrors(String label, String url) {

    private static final java.util.regex.Pattern NEXT_SENTENCE = java.util.regex.Pattern.compile("\\.\\s+(?=[A-Z])");

    BackfillException connecting(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = JdbcUrl.shortForm(url);
        if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
            return BackfillException.badInput(capital() + ": no JDBC driver takes " + where
                    + "; PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) is the one built in.", e);
        }
        // 28: a refused login; 08004 with a password named: the server wanted a password and none was given
        boolean login = state.startsWith("28")
                || state.equals("08004") && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password");
        if (login) {
            return BackfillException.failed(capital() + " refused the login at " + where + " (" + driverLine(e) + "): the password"
                    + " comes from BFS_SOURCE_PASSWORD or the driver's password file (~/.pgpass); nothing was written.", e);
        }
        if (state.startsWith("08") || cause(e, ConnectException.class) || cause(e, UnknownHostException.class)
                || cause(e, SocketTimeoutException.class)) {
            return BackfillException.failed("Cannot reach " + label + " at " + where + ": " + driverLine(e)
                    + "; nothing was written.", e);
        }
        return BackfillException.failed("Cannot connect to " + label + " at " + where + ": " + driverLine(e)
                + "; nothing was written.", e);
    }

    BackfillException querying(SQLException e) {
        if (dropped(e)) {
            return reading(e, 0);
        }
        return BackfillException.failed("The query of " + label + " failed: " + driverLine(e) + "; nothing was written.", e);
    }

    BackfillException reading(SQLException e, long rows) {
        if (dropped(e)) {
            return BackfillException.failed(capital() + " dropped the connection after " + String.format("%,d", rows)
                    + " rows (" + driverLine(e) + "); nothing was written.", e);
        }
        return BackfillException.failed("Reading the rows of " + label + " failed after " + String.format("%,d", rows)
                + " rows: " + driverLine(e) + "; nothing was written.", e);
    }

    private static boolean dropped(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("57P0") || cause(e, IOException.class);
    }

    private String capital() {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The driver's own words, cut to their first sentence and without the final full stop, so they sit
     * inside ours: "ERROR: relation "x" does not exist", "Connection to localhost:5432 refused".
     */
    private static String driverLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().split("\n", 2)[0].strip();
        java.util.regex.Matcher next = NEXT_SENTENCE.matcher(m);
        if (next.find()) {
            m = m.substring(0, next.start());
        }
        return stripDot(m);
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
