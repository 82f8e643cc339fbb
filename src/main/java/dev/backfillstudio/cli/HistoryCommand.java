package dev.backfillstudio.cli;

import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.ingest.HistoryResult;
import dev.backfillstudio.workspace.Workspace;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Build or extend the history table (validity intervals) of a snapshot table.",
            "The history comes with its table macro <name>_asof(day)."})
final class HistoryCommand extends WorkspaceCommand {

    @Option(names = "--snapshot-table", required = true, paramLabel = "T", description = "The snapshot table.")
    String snapshotTable;

    @Option(names = "--key", required = true, split = ",", paramLabel = "COLS", description = "The key columns, comma separated.")
    List<String> key;

    @Option(names = "--name", paramLabel = "H", description = "The history table (default: <entity>_history).")
    String name;

    @Override
    int run(Workspace workspace) {
        HistoryResult r = new HistoryBuilder(workspace).build(snapshotTable, key, name);
        String what = switch (r.mode()) {
            case FULL -> "Built " + r.name() + " from " + r.daysFolded() + " snapshot days";
            case EXTENDED -> "Extended " + r.name() + " by " + r.daysFolded() + " snapshot day" + (r.daysFolded() == 1 ? "" : "s");
            case UP_TO_DATE -> r.name() + " is up to date";
        };
        out().printf("%s of %s (key %s), through %s: %,d history rows for %,d snapshot rows (%.1fx compression).%n",
                what, r.sourceTable(), String.join(",", r.keyColumns()), r.builtThrough(), r.historyRows(),
                r.snapshotRows(), r.compression());
        return ExitCodes.OK;
    }
}
