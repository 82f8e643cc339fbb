package dev.backfillstudio.cli;

import dev.backfillstudio.source.JdbcUrl;
import dev.backfillstudio.source.Source;
import dev.backfillstudio.source.SourceStore;
import dev.backfillstudio.workspace.Workspace;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Save a source: a query on a database whose rows are the daily snapshot of a table.",
            "The URL must not carry a password: it comes from BFS_SOURCE_PASSWORD or the driver's password file."})
final class SourceAddCommand extends WorkspaceCommand {

    @Option(names = "--name", required = true, paramLabel = "N", description = "The source's name.")
    String name;

    @Option(names = "--jdbc", required = true, paramLabel = "URL", description = "jdbc:postgresql://HOST:PORT/DATABASE?user=NAME")
    String url;

    @Option(names = "--query", required = true, paramLabel = "SQL", description = "The query whose rows are a day's snapshot.")
    String query;

    @Option(names = "--table", required = true, paramLabel = "T", description = "The snapshot table the days go to.")
    String table;

    @Option(names = "--key", split = ",", paramLabel = "COLS", description = "Key columns: each capture also keeps the history of T by them.")
    List<String> key = List.of();

    @Override
    int run(Workspace workspace) {
        Source s = new SourceStore(workspace).add(new Source(name, url, query, table, key));
        out().printf("Saved source %s: %s from %s%s.%n", s.name(), s.table(), JdbcUrl.shortForm(s.jdbcUrl()),
                s.keyColumns().isEmpty() ? "" : ", history by " + String.join(",", s.keyColumns()));
        return ExitCodes.OK;
    }
}
