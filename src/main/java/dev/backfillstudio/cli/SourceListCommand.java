package dev.backfillstudio.cli;

import dev.backfillstudio.source.JdbcUrl;
import dev.backfillstudio.source.Source;
import dev.backfillstudio.source.SourceStore;
import dev.backfillstudio.workspace.Workspace;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the saved sources.")
final class SourceListCommand extends WorkspaceCommand {

    @Override
    int run(Workspace workspace) {
        List<Source> sources = new SourceStore(workspace).list();
        if (sources.isEmpty()) {
            out().println("No sources yet; save one with `source add --db " + workspace.file()
                    + " --name N --jdbc URL --query SQL --table T`.");
            return ExitCodes.OK;
        }
        for (Source s : sources) {
            out().printf("%s  %s  %s%s%n    %s%n", s.name(), s.table(), JdbcUrl.shortForm(s.jdbcUrl()),
                    s.keyColumns().isEmpty() ? "" : "  key " + String.join(",", s.keyColumns()), s.query().strip().replace('\n', ' '));
        }
        return ExitCodes.OK;
    }
}
