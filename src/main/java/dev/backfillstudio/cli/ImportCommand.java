package dev.backfillstudio.cli;

import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.workspace.BackfillException;
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

    @Option(names = "--append", description = "Add the file's rows to an existing table with the same columns; an event"
            + " table records the days the rows fall on, and the job days that read them turn stale.")
    boolean append;

    @Override
    int run(Workspace workspace) {
        if (replace && append) {
            throw BackfillException.badInput("Give --replace or --append, not both.");
        }
        TableImporter importer = new TableImporter(workspace);
        TableImporter.Result r = append ? importer.appendCsv(table, csv) : importer.importCsv(table, csv, replace);
        out().println(r.summary());
        return ExitCodes.OK;
    }
}
