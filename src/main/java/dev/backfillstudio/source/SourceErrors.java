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

    BackfillException connecting(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = JdbcUrl.shortForm(url);
        if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
            return BackfillException.badInput(capital() + ": no JDBC driver takes " + where
                    + "; PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) is the one built in.", e);
        }
        if (state.startsWith("28")) {
            return BackfillException.failed(capital() + " refused the login at " + where + " (" + driverLine(e) + "); give the"
                    + " password in BFS_SOURCE_PASSWORD or the driver's password file (~/.pgpass). Nothing was written.", e);
        }
        if (state.startsWith("08") || cause(e, ConnectException.class) || cause(e, UnknownHostException.class)
                || cause(e, SocketTimeoutException.class)) {
            return BackfillException.failed("Cannot reach " + label + " at " + where + ": " + driverLine(e)
                    + " Nothing was written.", e);
        }
        return BackfillException.failed("Cannot connect to " + label + " at " + where + ": " + driverLine(e)
                + " Nothing was written.", e);
    }

    BackfillException querying(SQLException e) {
        if (dropped(e)) {
            return reading(e, 0);
        }
        return BackfillException.failed("The query of " + label + " failed: " + driverLine(e) + " Nothing was written.", e);
    }

    BackfillException reading(SQLException e, long rows) {
        if (dropped(e)) {
            return BackfillException.failed(capital() + " dropped the connection after " + String.format("%,d", rows)
                    + " rows (" + stripDot(driverLine(e)) + "); nothing was written.", e);
        }
        return BackfillException.failed("Reading the rows of " + label + " failed after " + String.format("%,d", rows)
                + " rows: " + driverLine(e) + " Nothing was written.", e);
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

    /** The driver's first line ("ERROR: relation "x" does not exist"), ending with a full stop. */
    private static String driverLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().split("\n", 2)[0].strip();
        return m.endsWith(".") ? m : m + ".";
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
