package dev.backfillstudio.ui.editor;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.JobVersion;
import dev.backfillstudio.job.Lint;
import dev.backfillstudio.job.LintFinding;
import dev.backfillstudio.job.QueryPreview;
import dev.backfillstudio.job.Severity;
import dev.backfillstudio.job.VersionDiff;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.ui.FxExecutor;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;

/**
 * The job editor's state and one method per user action: edit the SQL (linted as it changes),
 * preview it for a day, save it as a new version, browse the versions and their differences, and
 * restore one into the editor. The only class of the editor that calls the engine; its work runs as
 * {@link Task}s on the executors it is given, and every property changes on the JavaFX thread.
 */
public final class JobEditorViewModel {

    /** How long after the last change the text is linted. */
    public static final Duration LINT_DELAY = Duration.millis(400);

    private static final Pattern LINE = Pattern.compile("(?i)\\bline (\\d+)\\b");

    private final Supplier<Workspace> workspace;
    private final FxExecutor executor;
    private final FxExecutor previews;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final ReadOnlyBooleanWrapper existing = new ReadOnlyBooleanWrapper(this, "existing");
    private final StringProperty sql = new SimpleStringProperty(this, "sql", "");
    private final ReadOnlyStringWrapper savedSql = new ReadOnlyStringWrapper(this, "savedSql", "");
    private final BooleanBinding dirty;
    private final ReadOnlyIntegerWrapper currentVersion = new ReadOnlyIntegerWrapper(this, "currentVersion");

    private final ObservableList<LintFinding> findings = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper linting = new ReadOnlyBooleanWrapper(this, "linting");
    private final ReadOnlyStringWrapper lintSummary = new ReadOnlyStringWrapper(this, "lintSummary", "");
    private final PauseTransition lintPause = new PauseTransition(LINT_DELAY);

    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper(this, "saveError", "");
    private final ReadOnlyIntegerWrapper saveErrorLine = new ReadOnlyIntegerWrapper(this, "saveErrorLine");
    private final ReadOnlyStringWrapper saveMessage = new ReadOnlyStringWrapper(this, "saveMessage", "");

    private final ObjectProperty<LocalDate> previewDay = new SimpleObjectProperty<>(this, "previewDay", LocalDate.now().minusDays(1));
    private final ReadOnlyBooleanWrapper previewing = new ReadOnlyBooleanWrapper(this, "previewing");
    private final ReadOnlyObjectWrapper<RowSample> previewRows = new ReadOnlyObjectWrapper<>(this, "previewRows");
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper(this, "previewSummary", "");
    private final ReadOnlyStringWrapper previewError = new ReadOnlyStringWrapper(this, "previewError", "");
    private volatile QueryPreview runningPreview;
    private boolean previewCancelled;

    private final ObservableList<JobVersion> versions = FXCollections.observableArrayList();
    private final ObjectProperty<JobVersion> selectedVersion = new SimpleObjectProperty<>(this, "selectedVersion");
    private final ObservableList<VersionDiff.Line> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffTitle = new ReadOnlyStringWrapper(this, "diffTitle", "");

    // One read-only view each, kept: a view made per call would drop its listeners when collected.
    private final ObservableList<LintFinding> findingsView = FXCollections.unmodifiableObservableList(findings);
    private final ObservableList<JobVersion> versionsView = FXCollections.unmodifiableObservableList(versions);
    private final ObservableList<VersionDiff.Line> diffView = FXCollections.unmodifiableObservableList(diff);

    private Consumer<Job> onSaved = j -> { };
    private boolean disposed;

    /**
     * @param executor runs lint, loads and saves, one at a time, on the workspace's connection
     * @param previews runs previews, each on a session of its own, so a long one holds up nothing else
     * @param job the job to edit, or empty for a new one
     */
    public JobEditorViewModel(Supplier<Workspace> workspace, FxExecutor executor, FxExecutor previews, Optional<Job> job) {
        this.workspace = workspace;
        this.executor = executor;
        this.previews = previews;
        job.ifPresent(j -> {
            name.set(j.name());
            target.set(j.target());
            currentVersion.set(j.currentVersion());
            existing.set(true);
        });
        dirty = Bindings.createBooleanBinding(() -> !normalise(sql.get()).equals(normalise(savedSql.get())), sql, savedSql);
        lintPause.setOnFinished(e -> lint());
        sql.addListener((o, a, b) -> {
            lintPause.playFromStart();
            if (!saveError.get().isEmpty()) {
                saveErrorLine.set(0); // the line the error named may have moved
            }
        });
        selectedVersion.addListener((o, a, v) -> showDiff(v));
        showLintSummary();
        showDiff(null);
    }

    /** Called on the JavaFX thread after a save that made a new version (the calendar's earlier days turn STALE). */
    public void setOnSaved(Consumer<Job> onSaved) {
        this.onSaved = onSaved == null ? j -> { } : onSaved;
    }

    // ---- properties

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty targetProperty() {
        return target;
    }

    /** True once the job is saved: its name and target are then fixed. */
    public ReadOnlyBooleanProperty existingProperty() {
        return existing.getReadOnlyProperty();
    }

    /** The text in the editor. */
    public StringProperty sqlProperty() {
        return sql;
    }

    /** True while the text differs from the job's current version (or, for a new job, is not empty). */
    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public ReadOnlyIntegerProperty currentVersionProperty() {
        return currentVersion.getReadOnlyProperty();
    }

    /** Lint's findings for the text as it was when last checked; results for older text are dropped. */
    public ObservableList<LintFinding> findings() {
        return findingsView;
    }

    public ReadOnlyBooleanProperty lintingProperty() {
        return linting.getReadOnlyProperty();
    }

    /** "No findings", "1 error, 2 warnings", or why lint could not check. */
    public ReadOnlyStringProperty lintSummaryProperty() {
        return lintSummary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Why the last save was refused; empty when it was not. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }

    /** The 1-based line the refusal names, or 0. */
    public ReadOnlyIntegerProperty saveErrorLineProperty() {
        return saveErrorLine.getReadOnlyProperty();
    }

    /** "Saved as version N." or "No change: identical to version N.", and other good news. */
    public ReadOnlyStringProperty saveMessageProperty() {
        return saveMessage.getReadOnlyProperty();
    }

    public ObjectProperty<LocalDate> previewDayProperty() {
        return previewDay;
    }

    public ReadOnlyBooleanProperty previewingProperty() {
        return previewing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RowSample> previewRowsProperty() {
        return previewRows.getReadOnlyProperty();
    }

    /** "N rows in X ms" for the last preview. */
    public ReadOnlyStringProperty previewSummaryProperty() {
        return previewSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewErrorProperty() {
        return previewError.getReadOnlyProperty();
    }

    /** The job's versions, newest first. */
    public ObservableList<JobVersion> versions() {
        return versionsView;
    }

    public ObjectProperty<JobVersion> selectedVersionProperty() {
        return selectedVersion;
    }

    /** The selected version against the one before it. */
    public ObservableList<VersionDiff.Line> diff() {
        return diffView;
    }

    public ReadOnlyStringProperty diffTitleProperty() {
        return diffTitle.getReadOnlyProperty();
    }

    // ---- actions

    /** Reads an existing job's versions into the editor, with its current SQL and the latest day it knows of; null for a new job. */
    public Task<List<JobVersion>> load() {
        if (!existing.get()) {
            return null;
        }
        String job = name.get();
        AtomicReference<Optional<LocalDate>> latestDay = new AtomicReference<>(Optional.empty());
        Task<List<JobVersion>> task = new Task<>() {
            @Override
            protected List<JobVersion> call() {
                Workspace ws = workspace.get();
                List<JobVersion> all = new JobStore(ws).versions(job);
                try {
                    latestDay.set(new StatusReader(ws).knownRange(job).map(r -> r[1]));
                } catch (BackfillException e) {
                    // only a default for the date picker
                }
                return all;
            }
        };
        task.setOnSucceeded(e -> {
            List<JobVersion> all = task.getValue();
            JobVersion current = all.get(all.size() - 1);
            currentVersion.set(current.version());
            savedSql.set(current.sql());
            sql.set(current.sql());
            showVersions(all, current.version());
            latestDay.get().ifPresent(previewDay::set);
        });
        task.setOnFailed(e -> saveError.set(message(task.getException())));
        return executor.submit(task);
    }

    /** Stops the pending lint and any running preview: the window is closing. */
    public void dispose() {
        disposed = true;
        lintPause.stop();
        cancelPreview();
    }

    /** Lints the text now (the editor calls this {@link #LINT_DELAY} after typing stops); null once disposed. */
    public Task<List<LintFinding>> lint() {
        lintPause.stop();
        if (disposed) {
            return null;
        }
        String text = sql.get();
        Task<List<LintFinding>> task = new Task<>() {
            @Override
            protected List<LintFinding> call() {
                return text.isBlank() ? List.of() : Lint.check(workspace.get().db(), text);
            }
        };
        linting.set(true);
        showLintSummary();
        task.setOnSucceeded(e -> {
            if (text.equals(sql.get())) {
                findings.setAll(task.getValue());
                linting.set(false);
                showLintSummary();
            }
        });
        task.setOnFailed(e -> {
            if (text.equals(sql.get())) {
                findings.clear();
                linting.set(false);
                lintSummary.set("Lint could not check the text: " + message(task.getException()));
            }
        });
        return executor.submit(task);
    }

    /** Saves the text as the job's next version; a refusal is shown with its line. */
    public Task<JobStore.SaveResult> save() {
        if (saving.get()) {
            return null; // Ctrl+S while a save runs
        }
        String jobName = name.get() == null ? "" : name.get().strip();
        String table = target.get() == null ? "" : target.get().strip();
        String text = sql.get();
        saveError.set("");
        saveErrorLine.set(0);
        saveMessage.set("");
        AtomicReference<List<JobVersion>> all = new AtomicReference<>(List.of());
        Task<JobStore.SaveResult> task = new Task<>() {
            @Override
            protected JobStore.SaveResult call() {
                JobStore store = new JobStore(workspace.get());
                JobStore.SaveResult result = store.save(jobName, table, text);
                all.set(store.versions(jobName));
                return result;
            }
        };
        saving.set(true);
        task.setOnSucceeded(e -> {
            JobStore.SaveResult r = task.getValue();
            saving.set(false);
            name.set(r.job().name());
            target.set(r.job().target());
            existing.set(true);
            currentVersion.set(r.version().version());
            savedSql.set(r.version().sql());
            showVersions(all.get(), r.version().version());
            saveMessage.set(r.createdNewVersion() ? "Saved as version " + r.version().version() + "."
                    : "No change: identical to version " + r.version().version() + ".");
            if (r.createdNewVersion()) {
                onSaved.accept(r.job());
            }
        });
        task.setOnFailed(e -> {
            saving.set(false);
            String sentence = message(task.getException());
            saveError.set(sentence);
            saveErrorLine.set(lineOf(sentence));
        });
        return executor.submit(task);
    }

    /** Runs the text for the preview day without writing; the first rows and the time it took. */
    public Task<RowSample> preview() {
        LocalDate day = previewDay.get();
        previewError.set("");
        if (day == null) {
            previewError.set("Choose the day to preview.");
            return null;
        }
        String text = sql.get();
        QueryPreview preview = new QueryPreview(workspace.get());
        Task<RowSample> task = new Task<>() {
            @Override
            protected RowSample call() {
                return preview.run(text, day);
            }
        };
        runningPreview = preview;
        previewCancelled = false;
        previewing.set(true);
        previewSummary.set("Running for " + day + "\u2026");
        task.setOnSucceeded(e -> {
            runningPreview = null;
            previewing.set(false);
            RowSample rows = task.getValue();
            previewRows.set(rows);
            previewSummary.set(summary(rows, day));
        });
        task.setOnFailed(e -> {
            runningPreview = null;
            previewing.set(false);
            if (previewCancelled) {
                previewSummary.set("Preview cancelled.");
            } else {
                previewSummary.set("");
                previewError.set(message(task.getException()));
            }
        });
        return previews.submit(task);
    }

    /** Stops the running preview. */
    public void cancelPreview() {
        QueryPreview p = runningPreview;
        if (p != null) {
            previewCancelled = true;
            previewSummary.set("Cancelling\u2026");
            p.cancel();
        }
    }

    /** Puts the selected version's SQL into the editor; saving it makes it the current version again. */
    public void restoreSelected() {
        JobVersion v = selectedVersion.get();
        if (v == null) {
            return;
        }
        sql.set(v.sql());
        saveError.set("");
        saveMessage.set(v.version() == currentVersion.get() ? "Version " + v.version() + " (the current one) is in the editor."
                : "Version " + v.version() + " is in the editor; save to make it version " + (currentVersion.get() + 1) + ".");
    }

    // ---- helpers

    private void showVersions(List<JobVersion> oldestFirst, int select) {
        List<JobVersion> newestFirst = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newestFirst);
        versions.setAll(newestFirst);
        selectedVersion.set(newestFirst.stream().filter(v -> v.version() == select).findFirst().orElse(null));
        showDiff(selectedVersion.get());
    }

    private void showDiff(JobVersion v) {
        if (v == null) {
            diff.clear();
            diffTitle.set(versions.isEmpty() ? "Versions appear here once the job is saved." : "Select a version to see its changes.");
            return;
        }
        Optional<JobVersion> previous = versions.stream().filter(p -> p.version() == v.version() - 1).findFirst();
        List<VersionDiff.Line> lines = VersionDiff.between(previous.map(JobVersion::sql).orElse(""), v.sql());
        diff.setAll(lines);
        if (previous.isEmpty()) {
            diffTitle.set("Version " + v.version() + ": the first version");
        } else {
            diffTitle.set("Version " + v.version() + " against version " + previous.get().version() + ": +"
                    + VersionDiff.count(lines, VersionDiff.Change.ADDED) + " \u2212"
                    + VersionDiff.count(lines, VersionDiff.Change.REMOVED) + " lines");
        }
    }

    private void showLintSummary() {
        if (linting.get()) {
            lintSummary.set("Checking\u2026");
            return;
        }
        if (sql.get().isBlank()) {
            lintSummary.set("Write the job's query; it is checked as you type.");
            return;
        }
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.size() - errors;
        if (findings.isEmpty()) {
            lintSummary.set("No findings.");
        } else {
            lintSummary.set(plural(errors, "error") + (errors > 0 && warnings > 0 ? ", " : "") + plural(warnings, "warning"));
        }
    }

    private static String plural(long n, String word) {
        return n == 0 ? "" : n + " " + word + (n == 1 ? "" : "s");
    }

    private static String summary(RowSample rows, LocalDate day) {
        int n = rows.rows().size();
        String count = String.format("%,d %s%s", n, n == 1 ? "row" : "rows", rows.truncated() ? " (the first; there are more)" : "");
        return count + " in " + rows.elapsed().toMillis() + " ms for " + day;
    }

    /** The 1-based line a sentence names ("on line 3", "(line 3)", "Line 3:"), or 0. */
    static int lineOf(String sentence) {
        Matcher m = LINE.matcher(sentence == null ? "" : sentence);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String message(Throwable e) {
        if (e instanceof BackfillException) {
            return e.getMessage();
        }
        return e == null ? "Unknown error." : "Unexpected error: " + e;
    }

    private static String normalise(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").stripTrailing();
    }
}
