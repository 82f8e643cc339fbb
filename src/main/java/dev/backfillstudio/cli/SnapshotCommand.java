package dev.backfillstudio.cli;

import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotFileResult;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import dev.backfillstudio.ingest.CaptureResult;
import dev.backfillstudio.ingest.SnapshotCapture;
import dev.backfillstudio.source.JdbcCapture;
import dev.backfillstudio.source.JdbcUrl;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Load one day's snapshot per CSV file into a snapshot table, each file atomically.",
            "Or take day --date from a table of the workspace (--from-table) or a query on a database (--from-jdbc).",
            "Exit 1 when some file was refused, 2 when all were."})
final class SnapshotCommand extends WorkspaceCommand {

    /** Said of a replaced day that came back with the rows it held. */
    private static final String SAME_ROWS = ", the same rows as before (nothing that read the day changes)";

    @Option(names = "--table", required = true, paramLabel = "T", description = "The snapshot table (created on the first load).")
    String table;

    @ArgGroup(exclusive = true, multiplicity = "1")
    RowsFrom from;

    @Option(names = "--query", paramLabel = "SQL", description = "With --from-jdbc: the query whose rows are the day's snapshot.")
    String query;

    /** Exactly one place the rows come from. */
    static final class RowsFrom {
        @Option(names = "--csv", required = true, arity = "1..*", paramLabel = "FILE", description = "The CSV files, one day each.")
        List<Path> csv;

        @Option(names = "--from-table", required = true, paramLabel = "S", description = "Take table S of the workspace, as it is now, as day --date.")
        String table;

        @Option(names = "--from-jdbc", required = true, paramLabel = "URL",
                description = "Take the rows of --query on this database (jdbc:postgresql://HOST:PORT/DB?user=U) as day --date;"
                        + " the password comes from BFS_SOURCE_PASSWORD or the driver's password file, never the URL.")
        String jdbc;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    DateChoice date;

    @Option(names = "--replace", description = "Swap a day that is already loaded for the new rows, atomically.")
    boolean replace;

    /** Exactly one source of each file's day. */
    static final class DateChoice {
        @Option(names = "--date", required = true, paramLabel = "DAY", description = "The day of every file (YYYY-MM-DD).")
        LocalDate day;

        @Option(names = "--date-column", required = true, paramLabel = "C",
                description = "The file's own date column; every row must carry the same day.")
        String column;

        @Option(names = "--date-from-filename", required = true, description = "The first YYYY-MM-DD in each file's name.")
        boolean fromFileName;

        SnapshotDateSource source() {
            return day != null ? SnapshotDateSource.day(day)
                    : column != null ? SnapshotDateSource.column(column) : SnapshotDateSource.fromFileName();
        }
    }

    @Override
    int run(Workspace workspace) {
        if (from.csv == null) {
            return capture(workspace);
        }
        if (query != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--query goes with --from-jdbc, not with --csv.");
        }
        return loadFiles(workspace, from.csv);
    }

    private int capture(Workspace workspace) {
        if (date.day == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), (date.column != null ? "--date-column" : "--date-from-filename")
                    + " goes with --csv; a captured day is named with --date.");
        }
        CaptureResult r;
        if (from.table != null) {
            if (query != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--query goes with --from-jdbc, not with --from-table.");
            }
            r = new SnapshotCapture(workspace).fromTable(table, from.table, date.day, replace);
        } else {
            if (query == null || query.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from-jdbc needs --query SQL.");
            }
            r = new JdbcCapture(workspace).capture(JdbcUrl.shortForm(from.jdbc), from.jdbc, query, table, date.day, replace,
                    SourcePassword.fromEnvironment());
        }
        out().printf("%-8s %s: %s, %s%s%s%n", r.replaced() ? "REPLACED" : "LOADED",
                from.table != null ? "table " + from.table : JdbcUrl.shortForm(from.jdbc), r.day(), Rows.of(r.rows()),
                r.sameRows() ? SAME_ROWS : "", r.histories().isEmpty() ? "" : "; " + String.join(", ", r.histories()) + " followed");
        return ExitCodes.OK;
    }

    private int loadFiles(Workspace workspace, List<Path> csv) {
        PrintWriter out = out();
        boolean terminal = System.console() != null;
        SnapshotLoader loader = new SnapshotLoader(workspace);
        if (terminal) {
            loader.onProgress((i, n, f) -> {
                int filled = (int) Math.round(20.0 * (i - 1) / n);
                out.printf("\r[%s%s] %d/%d %s\u001b[K", "#".repeat(filled), " ".repeat(20 - filled), i, n, f.getFileName());
                out.flush();
            });
        }
        List<SnapshotFileResult> results = loader.load(table, csv, date.source(), replace);
        if (terminal) {
            out.print("\r\u001b[K");
        }
        long refused = 0;
        for (SnapshotFileResult r : results) {
            if (r.ok()) {
                out.printf("%-8s %s: %s, %s%s%n", r.outcome(), r.file().getFileName(), r.day().orElseThrow(), Rows.of(r.rows()),
                        r.sameRows() ? SAME_ROWS : "");
            } else {
                refused++;
                err().printf("%-8s %s%n", r.outcome(), r.message());
            }
        }
        out.printf("%d of %d files loaded into %s%s%n", results.size() - refused, csv.size(), table,
                refused == 0 ? "." : "; " + refused + " refused.");
        if (refused == 0) {
            return ExitCodes.OK;
        }
        return refused == csv.size() ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
    }
}
