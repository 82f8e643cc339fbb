package dev.backfillstudio.job;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Tables the user marks as static reference data (a list of countries): read as they are, lint
 * does not ask for them to be pinned to the day. The mark is kept in the metadata (kind STATIC
 * in {@code bfs.tables}), so it travels with the workspace file.
 */
public final class ReferenceTables {

    private ReferenceTables() {
    }

    /** Marks a plain or event table static; marking a static table again changes nothing. */
    public static void markStatic(Db db, String table) {
        TableCatalog.requireValidName(table);
        try {
            TableKind kind = kindOf(db, table);
            switch (kind) {
                case STATIC:
                    return;
                case SNAPSHOT:
                case HISTORY:
                    throw BackfillException.badInput("Table " + table + " is a " + kind.label() + " table, read by its dates;"
                            + " only reference data that never changes can be marked static.");
                case JOB_OUTPUT:
                    throw BackfillException.badInput("Table " + table + " is the output of a job, written day by day;"
                            + " only reference data that never changes can be marked static.");
                default:
                    break;
            }
            db.inTransaction(d -> {
                d.update("DELETE FROM bfs.tables WHERE name = ?", table);
                return d.update("INSERT INTO bfs.tables (name, kind) VALUES (?, 'STATIC')", table);
            });
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot mark " + table + " static: " + e.getMessage().split("\n", 2)[0], e);
        }
    }

    /** Removes the static mark; lint then treats the table as a plain table again. */
    public static void unmarkStatic(Db db, String table) {
        TableCatalog.requireValidName(table);
        try {
            if (kindOf(db, table) != TableKind.STATIC) {
                throw BackfillException.badInput("Table " + table + " is not marked static.");
            }
            db.inTransaction(d -> d.update("DELETE FROM bfs.tables WHERE name = ? AND kind = 'STATIC'", table));
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot unmark " + table + ": " + e.getMessage().split("\n", 2)[0], e);
        }
    }

    /** The tables marked static, by name. */
    public static List<String> list(Db db) {
        try {
            return db.query("SELECT name FROM bfs.tables WHERE kind = 'STATIC' ORDER BY name", rs -> rs.getString(1));
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot list the static tables: " + e.getMessage().split("\n", 2)[0], e);
        }
    }

    private static TableKind kindOf(Db db, String table) throws SQLException {
        Optional<TableKind> kind = TableCatalog.kindOf(db, table);
        return kind.orElseThrow(() -> BackfillException.badInput("No table named " + table + " in the workspace."));
    }
}
