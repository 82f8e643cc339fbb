package dev.backfillstudio.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered migrations of the metadata schema, read from {@code migrations/V<n>__<name>.sql}
 * beside this class. Each file is a list of statements separated by semicolons at line ends;
 * the schema version is the number of the last one applied.
 */
public final class Migrations {

    /** File names, in order; a new migration is a new file added at the end. */
    private static final List<String> FILES = List.of(
            "V1__metadata.sql",
            "V2__jobs_and_runs.sql",
            "V3__lineage.sql",
            "V4__sources.sql",
            "V5__reversible_reruns.sql",
            "V6__engine_commits.sql",
            "V7__kept_ahead.sql");

    private Migrations() {
    }

    /** The metadata version this build of the app writes. */
    public static int latest() {
        return FILES.size();
    }

    /** Applies the migrations after {@code from}, in one transaction, and records the new version. */
    static void migrate(Db db, int from) throws SQLException {
        if (from >= latest()) {
            return;
        }
        db.inTransaction(d -> {
            for (int v = from + 1; v <= latest(); v++) {
                for (String statement : statements(FILES.get(v - 1))) {
                    d.execute(statement);
                }
            }
            if (from < 3) {
                recordInputDays(d);
            }
            d.update("INSERT OR REPLACE INTO bfs.meta VALUES ('schema_version', ?)", Integer.toString(latest()));
            return null;
        });
    }

    /** Lineage needs the identity of every day already loaded into a snapshot or event table. */
    private static void recordInputDays(Db d) throws SQLException {
        List<String[]> dated = d.query("SELECT m.name, m.date_column FROM bfs.tables m JOIN duckdb_tables() t"
                + " ON t.table_name = m.name AND t.schema_name = 'main' AND t.database_name = current_database()"
                + " WHERE m.kind IN ('SNAPSHOT', 'EVENT') AND m.date_column IS NOT NULL",
                rs -> new String[] {rs.getString(1), rs.getString(2)});
        for (String[] t : dated) {
            InputDays.recordAll(d, t[0], t[1], InputDays.Origin.MIGRATION);
        }
    }

    private static List<String> statements(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                    continue;
                }
                current.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    out.add(current.toString().strip().replaceAll(";$", ""));
                    current.setLength(0);
                }
            }
            if (!current.toString().isBlank()) {
                out.add(current.toString().strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }
}
