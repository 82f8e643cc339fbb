package dev.backfillstudio.cli;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.QueryGuard;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DayOutcome;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.Downstream;
import dev.backfillstudio.run.Progress;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.run.RunOptions;
import dev.backfillstudio.run.RunOutcome;
import dev.backfillstudio.run.RunSummary;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Rerun days of a job with its current version: each day replaces exactly that day's output.",
            "Exits 1 when any day failed (naming it and why), 2 on bad input."})
final class RunCommand extends WorkspaceCommand {

    static final class Selection {
        @Option(names = "--dates", paramLabel = "SPEC", description = "Days and ranges: 2024-09-01..2024-09-30,2024-10-03.")
        String dates;

        @Option(names = "--missing", description = "The days never run (needs --from and --to).")
        boolean missing;

        @Option(names = "--failed", description = "The days whose last attempt failed.")
        boolean failed;

        @Option(names = "--stale", description = "The STALE days: made by an older version, or an input they read changed since.")
        boolean stale;
    }

    @Option(names = "--job", required = true, paramLabel = "J", description = "The job.")
    String job;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--from", paramLabel = "DAY", description = "First day for --missing, --failed or --stale.")
    String from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last day for --missing, --failed or --stale.")
    String to;

    @Option(names = "--fail-fast", description = "Stop at the first failing day.")
    boolean failFast;

    @Option(names = "--max-change", paramLabel = "PCT", description = {"Commit no day whose rerun would add plus remove more than"
        + " PCT %% of its stored rows: it keeps its rows and is reported BLOCKED (exit 1). Days without output are never blocked."})
    Double maxChange;
    @Option(names = "--with-downstream", description = "Then rerun, job by job in dependency order, the days of the jobs"
            + " reading this job's output that this run turned stale.")
    boolean withDownstream;

    @Override
    int run(Workspace workspace) throws InterruptedException {
        new JobStore(workspace).get(job);
        RunOptions options = RunOptions.failFast(failFast);
        if (maxChange != null) {
            if (!(maxChange >= 0) || maxChange.isInfinite()) {
                throw BackfillException.badInput("--max-change " + maxChange + " is not a percentage of 0 or more.");
            }
            options = options.withMaxChange(maxChange);
        }
        DaySet days = days(workspace);
        if (days.isEmpty()) {
            out().println("No days to run for job " + job + ": none is " + which() + ".");
            return ExitCodes.OK;
        }
        // Files are out of reach since the workspace opened (see IoFolder). This process only runs the job's
        // queries from here on, so every other setting is frozen too. Backfill needs no SET of its own;
        // anything it ever needs must be set before this line, since nothing can be SET after.
        QueryGuard.lockDown(workspace.db());
        Backfill backfill = new Backfill(workspace);
        Downstream downstream = new Downstream(workspace);
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            backfill.cancel();
            downstream.cancel();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "backfill-cancel");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        RunSummary summary;
        List<RunSummary> chained = List.of();
        try {
            RunListener listener = System.console() != null ? new Bar(out()) : new Lines(out());
            summary = backfill.run(job, days, listener, options);
            if (withDownstream && summary.outcome() != RunOutcome.CANCELLED) {
                chained = downstream.rerunAfter(job, listener);
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is running and waits for the latch released above
            }
        }
        int code = report(summary, days.size());
        if (withDownstream) {
            if (chained.isEmpty()) {
                out().println("Downstream: no day of a job reading " + job + "'s output turned stale.");
            }
            for (RunSummary s : chained) {
                out().printf("Downstream: ");
                code = Math.max(code, report(s, s.days().size()));
                out().printf("  reran %s%n", DaySet.of(s.days().stream().map(DayOutcome::day).toList()));
            }
        }
        return code;
    }

    private int report(RunSummary s, int asked) {
        long ok = s.days().stream().filter(d -> d.status() == DayStatus.SUCCEEDED).count();
        long rows = s.days().stream().filter(d -> d.status() == DayStatus.SUCCEEDED).mapToLong(DayOutcome::rows).sum();
        out().printf("Run %d of job %s (version %d): %d of %d days succeeded, %s.%n", s.runId(), s.job(), s.version(),
                ok, asked, Rows.of(rows));
        if (s.outcome() == RunOutcome.CANCELLED) {
            err().printf("Cancelled after %d of %d days; the finished days are kept and the day in flight was rolled back.%n",
                    s.days().size(), asked);
        }
        if (!s.blockedDays().isEmpty()) {
            err().printf("%d of %d days of job %s were blocked by --max-change %s and keep their rows:%n", s.blockedDays().size(), asked,
                    s.job(), RunOptions.percent(maxChange));
            for (DayOutcome d : s.blockedDays()) {
                err().printf("  %s: BLOCKED  +%,d \u2212%,d of %s%n", d.day(), d.added().orElse(0L), d.removed().orElse(0L),
                        Rows.of(d.previousRows().orElse(0L)));
            }
        }
        if (!s.failedDays().isEmpty()) {
            err().printf("%d of %d days of job %s failed:%n", s.failedDays().size(), asked, s.job());
            for (DayOutcome d : s.failedDays()) {
                err().printf("  %s: %s%n", d.day(), d.error().orElse("failed"));
            }
            if (failFast && s.days().size() < asked) {
                err().printf("Stopped at the first failure (--fail-fast); %d days were not run.%n", asked - s.days().size());
            }
        }
        return s.outcome() == RunOutcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private DaySet days(Workspace ws) {
        LocalDate f = DayOptions.day("--from", from);
        LocalDate t = DayOptions.day("--to", to);
        if (selection.dates != null) {
            if (f != null || t != null) {
                throw BackfillException.badInput("--from and --to go with --missing, --failed or --stale; with --dates, name the days in SPEC.");
            }
            return DaySet.parse(selection.dates);
        }
        StatusReader status = new StatusReader(ws);
        if (selection.missing && (f == null || t == null)) {
            throw BackfillException.badInput("--missing needs --from and --to: a job has no natural last day.");
        }
        if (f == null || t == null) {
            Optional<LocalDate[]> known = status.knownRange(job);
            if (known.isEmpty()) {
                return DaySet.of(java.util.List.of());
            }
            f = f == null ? known.get()[0] : f;
            t = t == null ? known.get()[1] : t;
        }
        if (t.isBefore(f)) {
            throw BackfillException.badInput("--to " + t + " is before --from " + f + ".");
        }
        DayStatus wanted = selection.missing ? DayStatus.MISSING : selection.failed ? DayStatus.FAILED : DayStatus.STALE;
        return status.daysWith(job, wanted, f, t);
    }

    private String which() {
        return selection.missing ? "missing in that range" : selection.failed ? "failed" : selection.stale ? "stale" : "selected";
    }

    /** One line per finished day, for logs and pipes. */
    static final class Lines implements RunListener {
        private final PrintWriter out;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void dayFinished(DayOutcome d, Progress p) {
            if (d.status() == DayStatus.SUCCEEDED) {
                out.printf("%s  SUCCEEDED  %s  %s  %.2f s%s  (%d/%d)%n", d.day(), Rows.of(d.rows()), d.fingerprint().orElse(""),
                        d.duration().toMillis() / 1000.0, replaced(d), p.done(), p.total());
            } else if (d.status() == DayStatus.BLOCKED) {
                out.printf("%s  BLOCKED    keeps its %s: the rerun would add %,d and remove %,d  (%d/%d)%n", d.day(),
                        Rows.of(d.previousRows().orElse(0L)), d.added().orElse(0L), d.removed().orElse(0L), p.done(), p.total());
            } else {
                out.printf("%s  FAILED     %s  (%d/%d)%n", d.day(), d.error().orElse(""), p.done(), p.total());
            }
            out.flush();
        }
    }

    /** "  replaced 120 rows: +3 −5" when the day had output before, else nothing. */
    static String replaced(DayOutcome d) {
        long before = d.previousRows().orElse(0L);
        if (before == 0) {
            return "";
        }
        return String.format("  replaced %s: +%s \u2212%s", Rows.of(before), d.added().map(n -> String.format("%,d", n)).orElse("?"),
                d.removed().map(n -> String.format("%,d", n)).orElse("?"));
    }

    /** A progress bar redrawn in place on a terminal. */
    static final class Bar implements RunListener {
        private static final int WIDTH = 30;
        private final PrintWriter out;
        private int failed;

        Bar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void dayStarted(LocalDate day, Progress p) {
            draw(p.done(), p.total(), day, p.elapsed(), p.remaining());
        }

        @Override
        public void dayFinished(DayOutcome d, Progress p) {
            if (d.status() == DayStatus.FAILED) {
                failed++;
                out.printf("\r%-100s\r%s  FAILED  %s%n", "", d.day(), d.error().orElse(""));
            }
            draw(p.done(), p.total(), d.day(), p.elapsed(), p.remaining());
        }

        @Override
        public void runFinished(dev.backfillstudio.run.RunSummary summary) {
            out.println();
        }

        private void draw(int done, int total, LocalDate day, Duration elapsed, Optional<Duration> left) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            out.printf("\r[%s%s] %d/%d  %s  %s elapsed%s%s", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, day,
                    format(elapsed), left.map(l -> ", " + format(l) + " left").orElse(""),
                    failed > 0 ? ", " + failed + " failed" : "");
            out.flush();
        }

        private static String format(Duration d) {
            long s = d.toSeconds();
            return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : String.format("%.1fs", d.toMillis() / 1000.0);
        }
    }
}
