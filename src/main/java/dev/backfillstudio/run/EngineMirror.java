package dev.backfillstudio.run;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.IoFolder;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Hands the engine an input table as DuckDB checked it in. Every file still arrives through DuckDB (its
 * CSV reader, the schema and key checks, the ledger's fingerprint of each day, all in one transaction);
 * what it committed then goes to the engine as Parquet in one commit of the engine's own, a day or the
 * whole table. A failure here leaves the engine's table as it was, and the command that loaded the rows
 * says so in one sentence.
 */
public final class EngineMirror {

    private final Workspace ws;
    private final DayEngine engine;

    public EngineMirror(Workspace ws, DayEngine engine) {
        this.ws = ws;
        this.engine = engine;
    }

    /**
     * After a command changed {@code table} in the workspace: on a workspace that runs on another engine,
     * hands it the table and the histories that follow it; on a DuckDB workspace, nothing.
     */
    public static void follow(Workspace ws, String table) {
        Optional<DayEngine> engine = Engines.open(ws);
        if (engine.isEmpty()) {
            return;
        }
        try (DayEngine e = engine.get()) {
            EngineMirror mirror = new EngineMirror(ws, e);
            mirror.table(table);
            for (String history : ws.db().query("SELECT name FROM bfs.tables WHERE kind = 'HISTORY' AND lower(source_table) = lower(?)",
                    rs -> rs.getString(1), table)) {
                mirror.table(history);
            }
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the histories of " + table + ": " + e.getMessage(), e);
        }
    }

    /** Makes the engine's copy of {@code table} equal to the workspace's, whole. */
    public void table(String table) {
        push(table, Optional.empty(), Optional.empty());
    }

    /** Makes day {@code day} of the engine's copy of a dated table equal to the workspace's. */
    public void day(String table, String dateColumn, LocalDate day) {
        push(table, Optional.of(dateColumn), Optional.of(day));
    }

    private void push(String table, Optional<String> dateColumn, Optional<LocalDate> day) {
        Path parquet = null;
        try {
            parquet = IoFolder.get().newOutput(table + ".parquet");
            String where = day.isPresent() ? " WHERE " + Db.ident(dateColumn.get()) + " = DATE '" + day.get() + "'" : "";
            ws.db().execute("COPY (SELECT * FROM " + Db.ident(table) + where + ") TO " + Db.literal(parquet.toString())
                    + " (FORMAT parquet)");
            engine.replace(table, dateColumn, day, parquet);
        } catch (SQLException | IOException e) {
            throw BackfillException.failed("Cannot hand " + table + day.map(d -> " of " + d).orElse("") + " to "
                    + engine.describe() + ": " + e.getMessage(), e);
        } finally {
            IoFolder.get().release(parquet);
        }
    }
}
