package dev.backfillstudio.cli;

import dev.backfillstudio.run.KeptRows;
import dev.backfillstudio.workspace.Workspace;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "kept", mixinStandardHelpOptions = true,
        description = {"What the rows kept for undo and restore cost on disk, job by job, and how many replaced versions of each"
            + " day the workspace keeps.",
            "--keep N changes that number (0 keeps none) and prunes at once; --prune prunes to the current number."})
final class KeptCommand extends WorkspaceCommand {

    @Option(names = "--keep", paramLabel = "N", description = "Keep the last N replaced versions of each day from now on (default 3).")
    Integer keep;

    @Option(names = "--prune", description = "Drop the kept rows beyond the versions kept.")
    boolean prune;

    @Override
    int run(Workspace workspace) throws Exception {
        if (keep != null) {
            long dropped = KeptRows.keep(workspace, keep);
            out().printf("Keeping the last %d replaced versions of each day; pruned %,d.%n", keep, dropped);
        } else if (prune) {
            long dropped = KeptRows.prune(workspace);
            out().printf("Pruned %,d kept versions beyond the last %d of each day.%n", dropped, KeptRows.retention(workspace.db()));
        }
        List<KeptRows.Usage> usage = KeptRows.usage(workspace);
        out().printf("Kept rows of %s (the last %d replaced versions of each day):%n", workspace.file().getFileName(),
                KeptRows.retention(workspace.db()));
        out().printf("  %-24s  %8s  %6s  %12s  %10s%n", "job", "versions", "days", "rows", "on disk");
        long rows = 0;
        long bytes = 0;
        for (KeptRows.Usage u : usage) {
            out().printf("  %-24s  %8d  %6d  %,12d  %10s%n", u.job(), u.versions(), u.days(), u.rows(), size(u.bytes()));
            rows += u.rows();
            bytes += u.bytes();
        }
        out().printf("  %-24s  %8s  %6s  %,12d  %10s%n", "total", "", "", rows, size(bytes));
        return ExitCodes.OK;
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
