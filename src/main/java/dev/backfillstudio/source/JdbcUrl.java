package dev.backfillstudio.source;

import dev.backfillstudio.workspace.BackfillException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The JDBC address of a source, checked to carry no password, and a short form for sentences. */
public final class JdbcUrl {

    // password=..., in the query string or as a ;-separated property, whatever its case
    private static final Pattern PASSWORD = Pattern.compile("[?&;]\\s*password\\s*=", Pattern.CASE_INSENSITIVE);
    // user:secret@host in the authority part
    private static final Pattern USER_INFO = Pattern.compile("^jdbc:[a-z0-9]+://[^/@?]*:[^/@?]*@", Pattern.CASE_INSENSITIVE);

    private JdbcUrl() {
    }

    /**
     * Refuses an address that is not a JDBC URL or that carries a password: a saved source is stored in
     * the workspace, which gets copied around, so the password comes from BFS_SOURCE_PASSWORD or the
     * driver's password file instead.
     */
    public static String requireSafe(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            throw BackfillException.badInput("\"" + url + "\" is not a JDBC URL; write it as jdbc:postgresql://HOST:PORT/DATABASE?user=NAME.");
        }
        if (PASSWORD.matcher(url).find() || USER_INFO.matcher(url).find()) {
            throw BackfillException.badInput(shortForm(url) + " carries a password; leave it out of the URL and give it in"
                    + " BFS_SOURCE_PASSWORD or the driver's password file (~/.pgpass), so it is never written into the workspace.");
        }
        return url;
    }

    /** The address without its parameters (and without any user info), for sentences and lists. */
    public static String shortForm(String url) {
        if (url == null) {
            return "null";
        }
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        int at = base.indexOf('@');
        int scheme = base.indexOf("://");
        if (at > 0 && scheme > 0 && at > scheme) {
            base = base.substring(0, scheme + 3) + base.substring(at + 1);
        }
        return base;
    }
}
