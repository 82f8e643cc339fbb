package dev.backfillstudio.cli;

import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a CSV file (with a header line) into a plain table: events, or the current state of an entity.")
final class ImportCommand extends WorkspaceCommand {

    @Option(names = "--table", required = true, paramLabel = "T", description = "The table to create.")
    String table;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file.")
    Path csv;

    @Option(names = "--replace", description = "Swap an existing table for the file's rows, atomically.")
    boolean replace;

    @Override
    int run(Workspace workspace) {
        TableImporter.Result r = new TableImporter(workspace).importCsv(table, csv, replace);
        out().printf("%s %s: %,d rows from %s%s%n", r.replaced() ? "Replaced" : "Created", r.table(), r.rows(),
                r.file().getFileName(), r.dateColumn().map(c -> " (event table, dated by " + c + ")").orElse(""));
        return ExitCodes.OK;
    }
}
