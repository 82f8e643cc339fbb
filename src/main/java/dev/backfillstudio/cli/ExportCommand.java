package dev.backfillstudio.cli;

import dev.backfillstudio.export.ExportFormat;
import dev.backfillstudio.export.ExportRequest;
import dev.backfillstudio.export.ExportResult;
import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.export.Exporter;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a job's output (some days or all), or any table, to CSV, Parquet or JSON.",
            "The file appears only when complete; an existing one is kept unless --overwrite."})
final class ExportCommand extends WorkspaceCommand {

    static final class Source {
        @Option(names = "--job", required = true, paramLabel = "J", description = "Export this job's output.")
        String job;

        @Option(names = "--table", required = true, paramLabel = "T", description = "Export this table.")
        String table;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--dates", paramLabel = "SPEC", description = "With --job: only these days, e.g. 2024-09-01..2024-09-30,2024-10-03.")
    String dates;

    @Option(names = "--format", required = true, paramLabel = "csv|parquet|json", description = "csv (with a header), parquet, or json (one object per line).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "The file to write (a folder with --partitioned).")
    Path out;

    @Option(names = "--partitioned", description = "Write one folder per day (partition_date=YYYY-MM-DD/), as Hive-style readers expect.")
    boolean partitioned;

    @Option(names = "--overwrite", description = "Replace an existing file or partitioned folder.")
    boolean overwrite;

    @Override
    int run(Workspace workspace) throws Exception {
        ExportFormat fmt = ExportFormat.parse(format);
        if (dates != null && source.job == null) {
            throw BackfillException.badInput("--dates selects days of a job's output; it cannot be used with --table.");
        }
        ExportSource what = source.job != null
                ? (dates == null ? ExportSource.job(source.job) : ExportSource.job(source.job, DaySet.parse(dates)))
                : ExportSource.table(source.table);
        Exporter exporter = new Exporter(workspace);
        // Ctrl-C cancels, so the temporary beside the target is removed before the process ends.
        CountDownLatch done = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            exporter.cancel();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "export-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        ExportResult r;
        try {
            r = exporter.export(new ExportRequest(what, fmt, out, partitioned, overwrite));
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running: it has seen the latch
            }
        }
        out().printf("Exported %s of %s to %s (%s%s) in %.1f s%n", Rows.of(r.rows()), what.describe(), r.path(), r.format().label(),
                r.partitioned() ? ", one folder per day" : "", r.duration().toMillis() / 1000.0);
        return ExitCodes.OK;
    }
}
