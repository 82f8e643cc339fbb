package dev.backfillstudio.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

/** The workspaces opened lately, newest first, remembered with {@code java.util.prefs}. */
public final class RecentWorkspaces {

    private static final int MAX = 8;
    private final Preferences prefs;

    RecentWorkspaces(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The user's preferences node; tests point {@code backfill.prefs.node} elsewhere. */
    public static RecentWorkspaces fromPreferences() {
        return new RecentWorkspaces(Preferences.userRoot().node(System.getProperty("backfill.prefs.node", "dev/backfillstudio")));
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String p = prefs.get("recent." + i, null);
            if (p != null) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    public Optional<Path> last() {
        return list().stream().findFirst();
    }

    public void add(Path file) {
        List<Path> paths = new ArrayList<>(list());
        Path abs = file.toAbsolutePath().normalize();
        paths.remove(abs);
        paths.add(0, abs);
        for (int i = 0; i < MAX; i++) {
            if (i < paths.size()) {
                prefs.put("recent." + i, paths.get(i).toString());
            } else {
                prefs.remove("recent." + i);
            }
        }
    }

    /** Where the sample workspace lives: in the user's app folder, built on first start. */
    public static Path sampleWorkspace() {
        String base = System.getProperty("backfill.home", System.getProperty("user.home") + "/.backfill-studio");
        return Path.of(base, "sample.duckdb");
    }
}
