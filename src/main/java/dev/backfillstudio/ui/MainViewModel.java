package dev.backfillstudio.ui;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.ingest.CaptureResult;
import dev.backfillstudio.ingest.SnapshotCoverage;
import dev.backfillstudio.ingest.SnapshotOrigins;
import dev.backfillstudio.source.JdbcCapture;
import dev.backfillstudio.source.Source;
import dev.backfillstudio.source.SourceStore;
import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableInfo;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The state of the main window and one method per user action. The only UI class that calls the
 * engine; all engine work runs in background tasks.
 */
public final class MainViewModel {

    private final RecentWorkspaces recent;
    private final UiPreferences preferences;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    // The month the next job opens at, chosen by the first look; taken once by the job view.
    private java.time.YearMonth startMonth;
    private final FxExecutor executor;
    private final FxExecutor runs;
    private final JobViewModel jobModel;
    private final DayDetailViewModel dayModel;
    private final ObservableList<JobSummary> jobs = FXCollections.observableArrayList();
    private final ObjectProperty<Job> selectedJob = new SimpleObjectProperty<>(this, "selectedJob");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Backfill Studio");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObjectProperty<Workspace> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final ObservableList<TableEntry> tables = FXCollections.observableArrayList();
    private final ObservableList<Source> sources = FXCollections.observableArrayList();
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final ObjectProperty<String> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<Path> initialiseOffer = new SimpleObjectProperty<>(this, "initialiseOffer");

    private java.util.function.Consumer<java.net.URI> openFolder = uri -> { };

    /** How the desktop opens a folder (the app's host services); a no-op in tests. */
    public void setOpenFolder(java.util.function.Consumer<java.net.URI> openFolder) {
        this.openFolder = openFolder;
    }

    public java.util.function.Consumer<java.net.URI> openFolder() {
        return openFolder;
    }

    public MainViewModel(RecentWorkspaces recent, FxExecutor executor) {
        this(recent, UiPreferences.fromPreferences(), executor);
    }

    public MainViewModel(RecentWorkspaces recent, UiPreferences preferences, FxExecutor executor) {
        this.recent = recent;
        this.preferences = preferences;
        this.theme.set(preferences.theme());
        theme.addListener((o, a, b) -> {
            b.apply();
            preferences.setTheme(b);
        });
        this.executor = executor;
        this.runs = new FxExecutor("backfill-run");
        this.jobModel = new JobViewModel(workspace::get, executor, runs);
        this.dayModel = new DayDetailViewModel(workspace::get, executor);
        jobModel.jobProperty().bind(selectedJob);
        jobModel.setOnRunFinished(this::refreshTables);
        recentFiles.setAll(recent.list());
    }

    public JobViewModel jobModel() {
        return jobModel;
    }

    public DayDetailViewModel dayModel() {
        return dayModel;
    }

    /** The workspace's jobs with their status counts, for the sidebar. */
    public ObservableList<JobSummary> jobs() {
        return jobs;
    }

    public ObjectProperty<Job> selectedJobProperty() {
        return selectedJob;
    }

    /** The background executor for short reads; tests and dialogs reuse it. */
    public FxExecutor executor() {
        return executor;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last error to explain in a dialog; the view clears it once shown. */
    public ObjectProperty<String> errorProperty() {
        return error;
    }

    /**
     * A DuckDB file without workspace metadata that the user tried to open: the view asks whether to
     * add the metadata (never done silently) and calls {@link #create} on yes.
     */
    public ObjectProperty<Path> initialiseOfferProperty() {
        return initialiseOffer;
    }

    /** The app's look; changing it restyles every window and is remembered. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The month chosen for the job about to open, once; empty when the job's own latest day should decide. */
    public Optional<java.time.YearMonth> takeStartMonth() {
        Optional<java.time.YearMonth> month = Optional.ofNullable(startMonth);
        startMonth = null;
        return month;
    }

    /** Remembers, for this workspace, that the user looked at this month of this job now. */
    public void rememberView(Job job, java.time.YearMonth month) {
        Workspace ws = workspace.get();
        if (ws != null && job != null && month != null) {
            preferences.setLastView(ws.file(), new UiPreferences.LastView(job.name(), month, java.time.Instant.now()));
        }
    }

    public ObjectProperty<Workspace> workspaceProperty() {
        return workspace;
    }

    public ObservableList<TableEntry> tables() {
        return tables;
    }

    /** The workspace's saved sources, for the sidebar. */
    public ObservableList<Source> sources() {
        return sources;
    }

    /**
     * Captures today's snapshot of a saved source in the background: the task's message counts the rows
     * read, its cancel stops the query and rolls the day back. The password comes from
     * BFS_SOURCE_PASSWORD or the driver's password file, as for the command line. On success the
     * sidebar is refreshed; a failure is shown as its one sentence.
     */
    public Task<CaptureResult> captureNow(Source source, LocalDate day) {
        Workspace ws = workspace.get();
        Task<CaptureResult> task = new Task<>() {
            private volatile JdbcCapture capture;

            @Override
            protected CaptureResult call() {
                capture = new JdbcCapture(ws).onRows(rows -> updateMessage(String.format("%,d rows read from %s…", rows, source.label())));
                if (isCancelled()) {
                    return null;
                }
                updateMessage("Connecting to " + source.label() + "…");
                return capture.capture(source, day, false,
                        Optional.ofNullable(System.getenv("BFS_SOURCE_PASSWORD")).filter(p -> !p.isEmpty()));
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                JdbcCapture c = capture;
                if (c != null) {
                    c.cancel();
                }
                return super.cancel(mayInterruptIfRunning);
            }
        };
        task.setOnSucceeded(e -> {
            CaptureResult r = task.getValue();
            message.set(String.format("Captured %s of %s from %s: %,d rows%s.", r.day(), r.table(), source.label(), r.rows(),
                    r.sameRows() ? ", the same as the day held before" : ""));
            refreshTables();
        });
        task.setOnFailed(e -> {
            message.set("");
            Throwable ex = task.getException();
            error.set(ex instanceof BackfillException ? ex.getMessage() : "Capturing " + source.label() + " failed: " + ex);
        });
        task.setOnCancelled(e -> message.set("Capture of " + source.label() + " cancelled; nothing was written."));
        return executor.submit(task);
    }

    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    /** The last workspace used, or the sample one (built on first start). */
    public void openStartupWorkspace() {
        Path last = recent.last().filter(Files::exists).orElse(null);
        open(last != null ? last : RecentWorkspaces.sampleWorkspace());
    }

    /** Opens a workspace in the background; a refusal is shown and the current workspace stays. */
    public Task<Workspace> open(Path file) {
        return openWith(file, Workspace.OpenMode.EXISTING);
    }

    /** Creates a new, empty workspace file. */
    public Task<Workspace> create(Path file) {
        return openWith(file, Workspace.OpenMode.CREATE_OR_INITIALISE);
    }

    private Task<Workspace> openWith(Path file, Workspace.OpenMode mode) {
        message.set("Opening " + file.getFileName() + "…");
        Task<Workspace> task = new Task<>() {
            @Override
            protected Workspace call() {
                boolean sample = file.equals(RecentWorkspaces.sampleWorkspace()) && !Files.exists(file);
                if (sample) {
                    updateMessage("Building the sample workspace…");
                    try {
                        Files.createDirectories(file.getParent());
                    } catch (java.io.IOException e) {
                        throw BackfillException.failed("Cannot create " + file.getParent() + ": " + e.getMessage(), e);
                    }
                    Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE);
                    try {
                        new DemoBuilder(ws).buildSampleWithJobs();
                    } catch (RuntimeException e) {
                        ws.close();
                        throw e;
                    }
                    return ws;
                }
                return Workspace.open(file, sample ? Workspace.OpenMode.CREATE_OR_INITIALISE : mode);
            }
        };
        task.messageProperty().addListener((o, a, b) -> message.set(b));
        task.setOnSucceeded(e -> {
            Workspace old = workspace.get();
            selectedJob.set(null);
            jobs.clear();
            sources.clear();
            workspace.set(task.getValue());
            if (old != null) {
                executor.submit(closing(old));
            }
            recent.add(file);
            recentFiles.setAll(recent.list());
            title.set("Backfill Studio — " + task.getValue().file().getFileName()
                    + (task.getValue().readOnly() ? " (read-only)" : ""));
            message.set(task.getValue().readOnly() ? "Opened read-only: browsing and export only." : "");
            refreshTables();
            openFirstLook(task.getValue());
        });
        task.setOnFailed(e -> {
            message.set("");
            Throwable ex = task.getException();
            if (ex instanceof dev.backfillstudio.workspace.WorkspaceException we
                    && we.reason() == dev.backfillstudio.workspace.WorkspaceException.Reason.NO_METADATA) {
                initialiseOffer.set(file);
                return;
            }
            error.set(ex instanceof BackfillException ? ex.getMessage() : "Cannot open " + file + ": " + ex);
        });
        return executor.submit(task);
    }

    private static Task<Void> closing(Workspace ws) {
        return new Task<>() {
            @Override
            protected Void call() {
                ws.close();
                return null;
            }
        };
    }

    /**
     * Opens the job editor (a new job when empty). A saved version refreshes the sidebar, and the
     * calendar with it, so the days an older version made show STALE at once.
     */
    public dev.backfillstudio.ui.editor.JobEditor openJobEditor(javafx.stage.Window owner, Optional<Job> job) {
        return dev.backfillstudio.ui.editor.JobEditor.open(owner, workspace::get, executor, job, saved -> {
            refreshTables();
            if (job.isEmpty()) {
                selectedJob.set(saved);
            }
        });
    }

    /** Opens the job with the latest activity at the month of that activity (see {@link FirstLook}). */
    private void openFirstLook(Workspace ws) {
        Task<Optional<FirstLook.Choice>> task = new Task<>() {
            @Override
            protected Optional<FirstLook.Choice> call() {
                return FirstLook.choose(new dev.backfillstudio.run.RunHistory(ws).activity(), preferences.lastView(ws.file()));
            }
        };
        task.setOnSucceeded(e -> {
            if (workspace.get() != ws || selectedJob.get() != null) {
                return;
            }
            task.getValue().ifPresent(choice -> {
                Task<Job> job = new Task<>() {
                    @Override
                    protected Job call() {
                        return new JobStore(ws).get(choice.job());
                    }
                };
                job.setOnSucceeded(ev -> {
                    if (workspace.get() == ws && selectedJob.get() == null) {
                        startMonth = choice.month().orElse(null);
                        selectedJob.set(job.getValue());
                    }
                });
                executor.submit(job);
            });
        });
        task.setOnFailed(e -> error.set("Cannot choose the job to open: " + task.getException().getMessage()));
        executor.submit(task);
    }

    /** "60 days, 1 missing" over "2024-09-01 – 2024-10-31": two short lines fit the sidebar uncut. */
    static String coverageLines(SnapshotCoverage c) {
        int missing = c.missingDays().size();
        return c.days().size() + (c.days().size() == 1 ? " day" : " days") + (missing == 0 ? "" : ", " + missing + " missing")
                + "\n" + c.from() + " – " + c.to();
    }

    /** What deleting the job would remove, for the confirmation. */
    public Task<dev.backfillstudio.job.JobRemoval.Impact> deletionImpact(Job job) {
        Workspace ws = workspace.get();
        Task<dev.backfillstudio.job.JobRemoval.Impact> task = new Task<>() {
            @Override
            protected dev.backfillstudio.job.JobRemoval.Impact call() {
                return new dev.backfillstudio.job.JobRemoval(ws).impact(job.name());
            }
        };
        task.setOnFailed(e -> error.set(task.getException().getMessage()));
        return executor.submit(task);
    }

    /** Deletes the job (and its output table when asked); the window shows no job afterwards. */
    public Task<dev.backfillstudio.job.JobRemoval.Impact> deleteJob(Job job, boolean dropOutput) {
        Workspace ws = workspace.get();
        Task<dev.backfillstudio.job.JobRemoval.Impact> task = new Task<>() {
            @Override
            protected dev.backfillstudio.job.JobRemoval.Impact call() {
                return new dev.backfillstudio.job.JobRemoval(ws).delete(job.name(), dropOutput);
            }
        };
        task.setOnSucceeded(e -> {
            if (selectedJob.get() != null && selectedJob.get().name().equals(job.name())) {
                selectedJob.set(null);
            }
            message.set("Deleted " + task.getValue().records() + "."
                    + task.getValue().output().map(t -> dropOutput ? " Dropped " + t + "." : " Kept " + t + ".").orElse(""));
            refreshTables();
        });
        task.setOnFailed(e -> error.set(task.getException().getMessage()));
        return executor.submit(task);
    }

    /** Renames the job and keeps it open under its new name. */
    public Task<Job> renameJob(Job job, String to) {
        Workspace ws = workspace.get();
        Task<Job> task = new Task<>() {
            @Override
            protected Job call() {
                return new dev.backfillstudio.job.JobRemoval(ws).rename(job.name(), to);
            }
        };
        task.setOnSucceeded(e -> {
            selectedJob.set(task.getValue());
            message.set("Renamed job " + job.name() + " to " + task.getValue().name() + ".");
            refreshTables();
        });
        task.setOnFailed(e -> error.set(task.getException().getMessage()));
        return executor.submit(task);
    }

    /** Reloads the sidebar's table list. */
    public void refreshTables() {
        Workspace ws = workspace.get();
        if (ws == null) {
            return;
        }
        Task<List<TableEntry>> task = new Task<>() {
            @Override
            protected List<TableEntry> call() throws Exception {
                List<TableEntry> out = new ArrayList<>();
                for (TableInfo t : TableCatalog.list(ws.db())) {
                    String detail = String.format("%,d rows", t.rows());
                    String note = "";
                    if (t.kind() == dev.backfillstudio.workspace.TableKind.SNAPSHOT) {
                        detail = SnapshotCoverage.readAll(ws.db(), t.name()).map(MainViewModel::coverageLines).orElse("no days yet");
                        // which days a capture took and which came from files
                        SnapshotOrigins origins = SnapshotOrigins.read(ws.db(), t.name());
                        if (!origins.days().isEmpty()) {
                            detail += "\n" + origins.summary();
                            note = String.join("\n", origins.runs());
                        }
                    }
                    out.add(new TableEntry(t, detail, note));
                }
                return out;
            }
        };
        task.setOnSucceeded(e -> tables.setAll(task.getValue()));
        Task<List<Source>> sourceTask = new Task<>() {
            @Override
            protected List<Source> call() {
                return new SourceStore(ws).list();
            }
        };
        sourceTask.setOnSucceeded(e -> sources.setAll(sourceTask.getValue()));
        sourceTask.setOnFailed(e -> error.set("Cannot list the sources: " + sourceTask.getException().getMessage()));
        executor.submit(sourceTask);
        Task<List<JobSummary>> jobTask = new Task<>() {
            @Override
            protected List<JobSummary> call() {
                List<JobSummary> out = new ArrayList<>();
                StatusReader reader = new StatusReader(ws);
                dev.backfillstudio.job.JobGraph graph = dev.backfillstudio.job.JobGraph.of(ws.db());
                Map<String, Job> byName = new java.util.HashMap<>();
                new JobStore(ws).list().forEach(j -> byName.put(j.name(), j));
                Map<String, Integer> depth = new java.util.HashMap<>();
                // dependency order: each job after the jobs whose output it reads
                for (String name : graph.order()) {
                    Job job = byName.get(name);
                    if (job == null) {
                        continue;
                    }
                    int level = graph.upstream(name).stream().mapToInt(u -> depth.getOrDefault(u, 0) + 1).max().orElse(0);
                    depth.put(name, level);
                    Map<DayStatus, Integer> counts = new EnumMap<>(DayStatus.class);
                    Optional<java.time.LocalDate[]> range = reader.knownRange(job.name());
                    if (range.isPresent()) {
                        for (DayInfo d : reader.days(job.name(), range.get()[0], range.get()[1])) {
                            counts.merge(d.status(), 1, Integer::sum);
                        }
                    }
                    out.add(new JobSummary(job, counts, List.copyOf(graph.upstream(name)), List.copyOf(graph.downstream(name)), level));
                }
                return out;
            }
        };
        jobTask.setOnSucceeded(e -> {
            Job selected = selectedJob.get();
            jobs.setAll(jobTask.getValue());
            if (selected != null) {
                jobs.stream().map(JobSummary::job).filter(j -> j.name().equals(selected.name())).findFirst()
                        .ifPresentOrElse(selectedJob::set, () -> selectedJob.set(null));
            }
        });
        jobTask.setOnFailed(e -> error.set("Cannot list the jobs: " + jobTask.getException().getMessage()));
        executor.submit(jobTask);
        task.setOnFailed(e -> error.set("Cannot list the tables: " + task.getException().getMessage()));
        executor.submit(task);
    }

    public void close() {
        Workspace ws = workspace.get();
        if (ws != null) {
            ws.close();
        }
        executor.shutdown();
        runs.shutdown();
    }
}
