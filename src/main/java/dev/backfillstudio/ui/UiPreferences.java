package dev.backfillstudio.ui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * What the app remembers between starts besides the recent workspaces: the theme, and per workspace
 * the job last looked at, its month and when. Kept with {@code java.util.prefs} in the same node.
 */
public final class UiPreferences {

    /** The job last looked at in a workspace, the month shown, and when. */
    public record LastView(String job, YearMonth month, Instant at) {
    }

    private final Preferences prefs;

    UiPreferences(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The user's preferences node; tests point {@code backfill.prefs.node} elsewhere. */
    public static UiPreferences fromPreferences() {
        return new UiPreferences(Preferences.userRoot().node(System.getProperty("backfill.prefs.node", "dev/backfillstudio")));
    }

    public Theme theme() {
        return Theme.parse(prefs.get("theme", Theme.LIGHT.name()));
    }

    public void setTheme(Theme theme) {
        prefs.put("theme", theme.name());
    }

    public Optional<LastView> lastView(Path workspace) {
        String value = prefs.get(key(workspace), null);
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\t");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LastView(parts[0], YearMonth.parse(parts[1]), Instant.parse(parts[2])));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public void setLastView(Path workspace, LastView view) {
        prefs.put(key(workspace), view.job() + "\t" + view.month() + "\t" + view.at());
    }

    // Preference keys are at most 80 characters; a path is often longer, so its digest names it.
    private static String key(Path workspace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(workspace.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "view." + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
