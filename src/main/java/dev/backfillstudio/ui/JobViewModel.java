package dev.backfillstudio.ui;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.run.Backfill;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayOutcome;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.Downstream;
import dev.backfillstudio.run.Progress;
import dev.backfillstudio.run.RerunPlan;
import dev.backfillstudio.run.Restorer;
import dev.backfillstudio.run.RunOptions;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.run.RunOutcome;
import dev.backfillstudio.run.RunSummary;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.verify.VerifyOutcome;
import dev.backfillstudio.verify.VerifyResult;
import dev.backfillstudio.verify.Verifier;
import dev.backfillstudio.workspace.Workspace;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

/**
 * The calendar of one job: loading a year of day statuses, planning and running a rerun with live
 * progress and cancel. Statuses reach the view through {@link #setOnDays}; all engine work runs in
 * background tasks (browsing on one executor, runs on another, so the calendar can be browsed
 * while a run writes).
 */
public final class JobViewModel {

    private final Supplier<Workspace> workspace;
    private final FxExecutor browse;
    private final FxExecutor runs;
    private final ObjectProperty<Job> job = new SimpleObjectProperty<>(this, "job");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObjectProperty<RunSummary> lastRun = new SimpleObjectProperty<>(this, "lastRun");
    /** True after a run that changed days, until the next run starts: the run bar offers to undo it. */
    private final ReadOnlyBooleanWrapper undoable = new ReadOnlyBooleanWrapper(this, "undoable", false);
    private volatile Restorer currentUndo;
    private Consumer<List<DayInfo>> onDays = days -> { };
    private Consumer<String> onError = text -> { };
    private Consumer<java.util.Map<LocalDate, RunHistory.Attempt>> onAttempts = attempts -> { };
    private Runnable onRunFinished = () -> { };
    private volatile Backfill current;
    private volatile Verifier currentVerifier;
    private volatile Downstream currentDownstream;
    private final javafx.collections.ObservableList<RunSummary> downstreamRuns = javafx.collections.FXCollections.observableArrayList();
    private final javafx.collections.ObservableMap<LocalDate, VerifyResult> verifyResults =
            javafx.collections.FXCollections.observableHashMap();

    public JobViewModel(Supplier<Workspace> workspace, FxExecutor browse, FxExecutor runs) {
        this.workspace = workspace;
        this.browse = browse;
        this.runs = runs;
    }

    {
        job.addListener((o, a, b) -> verifyResults.clear());
    }

    public ObjectProperty<Job> jobProperty() {
        return job;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObjectProperty<RunSummary> lastRunProperty() {
        return lastRun;
    }

    public ReadOnlyBooleanProperty undoableProperty() {
        return undoable.getReadOnlyProperty();
    }

    /** Where loaded or changed day statuses go (the calendar). Called on the FX thread. */
    public void setOnDays(Consumer<List<DayInfo>> sink) {
        this.onDays = sink;
    }

    /** Where the last attempt of each loaded day goes (the calendar's tooltips). Called on the FX thread, before the days. */
    public void setOnAttempts(Consumer<java.util.Map<LocalDate, RunHistory.Attempt>> sink) {
        this.onAttempts = sink;
    }

    public void setOnError(Consumer<String> sink) {
        this.onError = sink;
    }

    public void setOnRunFinished(Runnable callback) {
        this.onRunFinished = callback;
    }

    /** The latest day the job knows of (its runs and its input snapshots), to open the calendar there. */
    public Task<Optional<LocalDate>> latestKnownDay() {
        Job j = job.get();
        Task<Optional<LocalDate>> task = new Task<>() {
            @Override
            protected Optional<LocalDate> call() {
                return new StatusReader(workspace.get()).knownRange(j.name()).map(r -> r[1]);
            }
        };
        task.setOnFailed(e -> onError.accept(task.getException().getMessage()));
        return browse.submit(task);
    }

    /** Loads every day's status of a year. */
    public Task<List<DayInfo>> loadYear(Year year) {
        return loadRange(year.atDay(1), year.atMonth(12).atEndOfMonth());
    }

    public Task<List<DayInfo>> loadRange(LocalDate from, LocalDate to) {
        Job j = job.get();
        java.util.concurrent.atomic.AtomicReference<java.util.Map<LocalDate, RunHistory.Attempt>> attempts =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Map.of());
        Task<List<DayInfo>> task = new Task<>() {
            @Override
            protected List<DayInfo> call() {
                List<DayInfo> days = new StatusReader(workspace.get()).days(j.name(), from, to);
                attempts.set(new RunHistory(workspace.get()).lastAttempts(j.name(), from, to));
                return days;
            }
        };
        task.setOnSucceeded(e -> {
            if (j.equals(job.get())) {
                onAttempts.accept(attempts.get());
                onDays.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> onError.accept(task.getException().getMessage()));
        return browse.submit(task);
    }

    /** What a rerun of these days would do, day by day. */
    public Task<RerunPlan> plan(DaySet days) {
        Job j = job.get();
        Task<RerunPlan> task = new Task<>() {
            @Override
            protected RerunPlan call() {
                return RerunPlan.of(workspace.get(), j.name(), days);
            }
        };
        task.setOnFailed(e -> onError.accept(task.getException().getMessage()));
        return browse.submit(task);
    }

    /** Reruns the days with the job's current version; cells go QUEUED, RUNNING, then their outcome. */
    public Task<RunSummary> rerun(DaySet days, List<DayInfo> before) {
        return rerun(days, before, RunOptions.DEFAULT, false);
    }

    /**
     * Reruns the days as the plan's options say (the change limit; a blocked day keeps its status); with
     * {@code withDownstream}, then reruns in the same task, job by job in dependency order, the downstream days
     * this run turned stale ({@link Downstream}). Cancel stops either part.
     */
    public Task<RunSummary> rerun(DaySet days, List<DayInfo> before, RunOptions options, boolean withDownstream) {
        Job j = job.get();
        Backfill backfill = new Backfill(workspace.get());
        current = backfill;
        Downstream downstream = withDownstream ? new Downstream(workspace.get()) : null;
        currentDownstream = downstream;
        downstreamRuns.clear();
        java.util.concurrent.atomic.AtomicReference<List<RunSummary>> downstreamDone =
                new java.util.concurrent.atomic.AtomicReference<>(List.of());
        List<DayInfo> queued = new ArrayList<>();
        java.util.Map<LocalDate, DayInfo> earlier = new java.util.HashMap<>();
        for (DayInfo d : before) {
            queued.add(d.withStatus(DayStatus.QUEUED));
            earlier.put(d.day(), d);
        }
        onDays.accept(queued);
        running.set(true);
        undoable.set(false);
        progress.set(0);
        progressText.set("Starting " + days.size() + (days.size() == 1 ? " day…" : " days…"));
        Task<RunSummary> task = new Task<>() {
            @Override
            protected RunSummary call() {
                RunSummary summary = runTicked();
                if (downstream != null && summary.outcome() != RunOutcome.CANCELLED) {
                    downstreamDone.set(downstream.rerunAfter(j.name(), new RunListener() {
                        @Override
                        public void dayStarted(LocalDate day, Progress p) {
                            updateProgress(p.done(), p.total());
                            Platform.runLater(() -> progressText.set("Downstream · " + p.done() + " of " + p.total()
                                    + " days · running " + day));
                        }

                        @Override
                        public void dayFinished(DayOutcome outcome, Progress p) {
                            updateProgress(p.done(), p.total());
                        }
                    }));
                }
                return summary;
            }

            private RunSummary runTicked() {
                return backfill.run(j.name(), days, new RunListener() {
                    @Override
                    public void dayStarted(LocalDate day, Progress p) {
                        DayInfo running = earlier.getOrDefault(day, DayInfo.missing(day, false)).withStatus(DayStatus.RUNNING);
                        Platform.runLater(() -> {
                            onDays.accept(List.of(running));
                            showProgress(p);
                        });
                    }

                    @Override
                    public void dayFinished(DayOutcome outcome, Progress p) {
                        updateProgress(p.done(), p.total());
                        DayInfo was = earlier.getOrDefault(outcome.day(), DayInfo.missing(outcome.day(), false));
                        DayInfo now = outcome.status() == DayStatus.SUCCEEDED
                                ? new DayInfo(outcome.day(), DayStatus.SUCCEEDED, Optional.of(j.currentVersion()),
                                        Optional.of(outcome.rows()), outcome.fingerprint(), Optional.empty(), was.inputMissing())
                                : outcome.status() == DayStatus.BLOCKED ? was
                                : new DayInfo(outcome.day(), DayStatus.FAILED, was.version(), was.rows(), was.fingerprint(),
                                        outcome.error(), was.inputMissing());
                        Platform.runLater(() -> {
                            onDays.accept(List.of(now));
                            showProgress(p);
                        });
                    }
                }, options);
            }
        };
        progress.bind(task.progressProperty());
        task.setOnSucceeded(e -> {
            downstreamRuns.setAll(downstreamDone.get());
            finish(task.getValue(), days);
        });
        task.setOnFailed(e -> {
            finish(null, days);
            onError.accept(task.getException().getMessage());
        });
        return runs.submit(task);
    }

    private void showProgress(Progress p) {
        StringBuilder text = new StringBuilder();
        text.append(p.done()).append(" of ").append(p.total()).append(" days");
        if (p.currentDay() != null && p.done() < p.total()) {
            text.append(" · running ").append(p.currentDay());
        }
        p.remaining().ifPresent(r -> text.append(" · about ").append(human(r)).append(" left"));
        progressText.set(text.toString());
    }

    /** "; downstream: kinds 1 day, week 5 days" after a run that reran downstream days. */
    private String downstreamText() {
        if (downstreamRuns.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (RunSummary r : downstreamRuns) {
            long failed = r.failedDays().size();
            parts.add(r.job() + " " + r.days().size() + (r.days().size() == 1 ? " day" : " days") + (failed > 0 ? " (" + failed + " failed)" : ""));
        }
        return "; downstream reran " + String.join(", ", parts);
    }

    /** The downstream runs the last rerun made (empty unless it was asked to rerun them too). */
    public javafx.collections.ObservableList<RunSummary> downstreamRuns() {
        return downstreamRuns;
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private void finish(RunSummary summary, DaySet days) {
        current = null;
        currentDownstream = null;
        progress.unbind();
        running.set(false);
        lastRun.set(summary);
        undoable.set(summary != null && changedDays(summary) > 0);
        if (summary != null) {
            long failed = summary.days().stream().filter(d -> d.status() == DayStatus.FAILED).count();
            long ok = summary.days().stream().filter(d -> d.status() == DayStatus.SUCCEEDED).count();
            long blocked = summary.blockedDays().size();
            String outcome = summary.outcome() == RunOutcome.CANCELLED ? "Cancelled" : "Finished";
            progressText.set(outcome + ": " + ok + " succeeded" + (failed > 0 ? ", " + failed + " failed" : "")
                    + (blocked > 0 ? ", " + blocked + " blocked by the change limit (they keep their rows)" : "")
                    + downstreamText());
        } else {
            progressText.set("");
        }
        // The engine is the truth: reload the days the run touched (cancelled days go back to what they were).
        if (!days.isEmpty()) {
            loadRange(days.days().first(), days.days().last());
        }
        onRunFinished.run();
    }

    /** The days a run changed: those it wrote rows into or took rows from. */
    static long changedDays(RunSummary summary) {
        return summary.days().stream().filter(d -> d.status() == DayStatus.SUCCEEDED || d.status() == DayStatus.MISSING)
                .filter(d -> d.added().orElse(0L) + d.removed().orElse(0L) > 0).count();
    }

    /**
     * Puts every day the last run changed back to what it held before, in the background; the days reload
     * when it is done, and the run bar then offers to undo the undo.
     */
    public Task<RunSummary> undoLastRun() {
        RunSummary last = lastRun.get();
        Job j = job.get();
        Restorer restorer = new Restorer(workspace.get());
        currentUndo = restorer;
        running.set(true);
        undoable.set(false);
        progress.set(0);
        progressText.set("Undoing run " + last.runId() + "…");
        Task<RunSummary> task = new Task<>() {
            @Override
            protected RunSummary call() {
                return restorer.undo(last.runId(), new RunListener() {
                    @Override
                    public void dayFinished(DayOutcome outcome, Progress p) {
                        updateProgress(p.done(), p.total());
                        Platform.runLater(() -> progressText.set("Put back " + p.done() + " of " + p.total() + " days"));
                    }
                });
            }
        };
        progress.bind(task.progressProperty());
        DaySet days = DaySet.of(last.days().stream().map(DayOutcome::day).toList());
        task.setOnSucceeded(e -> {
            currentUndo = null;
            finish(task.getValue(), days);
            long back = task.getValue().days().stream().filter(d -> d.status() != DayStatus.FAILED).count();
            progressText.set("Undid run " + last.runId() + " of " + j.name() + ": " + back + (back == 1 ? " day" : " days")
                    + " put back");
        });
        task.setOnFailed(e -> {
            currentUndo = null;
            finish(null, days);
            onError.accept(task.getException().getMessage());
        });
        return runs.submit(task);
    }

    /**
     * Recomputes the days without writing and compares them with what is stored. Results reach
     * {@link #verifyResults()}; the run bar shows progress and Cancel stops it.
     */
    public Task<List<VerifyResult>> verify(DaySet days) {
        Job j = job.get();
        Verifier verifier = new Verifier(workspace.get());
        currentVerifier = verifier;
        running.set(true);
        progressText.set("Verifying " + days.size() + (days.size() == 1 ? " day…" : " days…"));
        Task<List<VerifyResult>> task = new Task<>() {
            @Override
            protected List<VerifyResult> call() {
                return verifier.verify(j.name(), days, (r, done, total) -> {
                    updateProgress(done, total);
                    Platform.runLater(() -> {
                        verifyResults.put(r.day(), r);
                        progressText.set("Verified " + done + " of " + total + " days");
                    });
                });
            }
        };
        progress.bind(task.progressProperty());
        task.setOnSucceeded(e -> {
            finishVerify();
            task.getValue().forEach(r -> verifyResults.put(r.day(), r));
            long drifted = task.getValue().stream().filter(r -> r.outcome() == VerifyOutcome.DRIFTED).count();
            long same = task.getValue().stream().filter(r -> r.outcome() == VerifyOutcome.REPRODUCIBLE).count();
            long other = task.getValue().size() - drifted - same;
            progressText.set("Verified " + task.getValue().size() + " days: " + same + " reproducible, " + drifted + " drifted"
                    + (other > 0 ? ", " + other + " not checked (never ran or no input)" : ""));
        });
        task.setOnFailed(e -> {
            finishVerify();
            progressText.set("");
            onError.accept(task.getException().getMessage());
        });
        return runs.submit(task);
    }

    private void finishVerify() {
        currentVerifier = null;
        progress.unbind();
        running.set(false);
    }

    /** The latest verify result of each day verified since the job was opened. */
    public javafx.collections.ObservableMap<LocalDate, VerifyResult> verifyResults() {
        return verifyResults;
    }

    /** Asks the run under way to stop: between days, and inside the running query. */
    public void cancel() {
        Backfill b = current;
        if (b != null) {
            progressText.set("Cancelling…");
            b.cancel();
        }
        Restorer u = currentUndo;
        if (u != null) {
            progressText.set("Cancelling…");
            u.cancel();
        }
        Downstream d = currentDownstream;
        if (d != null) {
            d.cancel();
        }
        Verifier v = currentVerifier;
        if (v != null) {
            progressText.set("Cancelling…");
            v.cancel();
        }
    }
}
