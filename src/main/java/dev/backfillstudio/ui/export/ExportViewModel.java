package dev.backfillstudio.ui.export;

import dev.backfillstudio.export.ExportCancelledException;
import dev.backfillstudio.export.ExportFormat;
import dev.backfillstudio.export.ExportListener;
import dev.backfillstudio.export.ExportRequest;
import dev.backfillstudio.export.ExportResult;
import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.export.Exporter;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/**
 * The Export dialog's state and one method per user action. The only class of the dialog that calls
 * the engine: the export runs as a {@link Task} on the executor it is given (a same-thread executor
 * in tests), and every property changes on the JavaFX thread.
 */
public final class ExportViewModel {

    /** Where the dialog is in its one export. */
    public enum Phase { READY, RUNNING, CANCELLING, DONE, FAILED, CANCELLED }

    private final ExportSource source;
    private final Executor executor;
    private final Exporter exporter;
    private final String baseName;
    // Cancel may come before the worker reaches the engine, whose export() starts uncancelled.
    private volatile boolean cancelRequested;

    private final ObjectProperty<ExportFormat> format = new SimpleObjectProperty<>(this, "format", ExportFormat.PARQUET);
    private final StringProperty destination = new SimpleStringProperty(this, "destination", "");
    private final BooleanProperty partitioned = new SimpleBooleanProperty(this, "partitioned", false);
    private final BooleanProperty overwrite = new SimpleBooleanProperty(this, "overwrite", false);
    private final ReadOnlyStringWrapper sourceSummary = new ReadOnlyStringWrapper(this, "sourceSummary");
    private final ReadOnlyStringWrapper sourceDetail = new ReadOnlyStringWrapper(this, "sourceDetail");
    private final ReadOnlyStringWrapper formatHint = new ReadOnlyStringWrapper(this, "formatHint");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.READY);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<ExportResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper(this, "resultText", "");
    private final BooleanBinding running = phase.isEqualTo(Phase.RUNNING).or(phase.isEqualTo(Phase.CANCELLING));
    private final BooleanBinding canExport;

    /**
     * @param folder where the default file name goes (the last folder used, or the user's home)
     */
    public ExportViewModel(Workspace workspace, ExportSource source, Executor executor, Path folder) {
        this.source = source;
        this.executor = executor;
        this.exporter = new Exporter(workspace);
        this.baseName = baseName(source);
        describeSource();
        destination.set(folder.resolve(defaultName()).toString());
        format.addListener((o, a, b) -> renameIfDefault());
        partitioned.addListener((o, a, b) -> renameIfDefault());
        formatHint.bind(Bindings.createStringBinding(() -> hint(format.get()), format));
        canExport = running.not().and(Bindings.createBooleanBinding(() -> !destination.get().isBlank(), destination));
    }

    public ObjectProperty<ExportFormat> formatProperty() {
        return format;
    }

    public StringProperty destinationProperty() {
        return destination;
    }

    public BooleanProperty partitionedProperty() {
        return partitioned;
    }

    public BooleanProperty overwriteProperty() {
        return overwrite;
    }

    /** "job J, 12 ticked days", "job J, all days" or "table T". */
    public ReadOnlyStringProperty sourceSummaryProperty() {
        return sourceSummary.getReadOnlyProperty();
    }

    /** The ticked days as a day-set spec, or a line saying what "all" means. */
    public ReadOnlyStringProperty sourceDetailProperty() {
        return sourceDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formatHintProperty() {
        return formatHint.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** DuckDB's estimate from 0 to 1, or -1 while it has none yet (an indeterminate bar). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What the export is doing, or how it was cancelled. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The sentence explaining why the export did not happen; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExportResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** "1,234 rows written to PATH in 0.4 s." once done. */
    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    public BooleanBinding runningProperty() {
        return running;
    }

    public BooleanBinding canExportProperty() {
        return canExport;
    }

    /** The user picked a file (or, partitioned, a folder) in a chooser. */
    public void chooseDestination(Path chosen) {
        destination.set(chosen.toAbsolutePath().normalize().toString());
    }

    /** The folder a chooser should open in: that of the current destination when it exists. */
    public Path chooserFolder() {
        return destinationPath().map(Path::getParent).filter(Files::isDirectory)
                .orElse(Path.of(System.getProperty("user.home")));
    }

    /** The name a chooser should suggest. */
    public String chooserName() {
        return destinationPath().map(p -> p.getFileName().toString()).orElse(defaultName());
    }

    /** Starts the export in the background; a refusal found before starting is shown at once. */
    public void export() {
        if (running.get()) {
            return;
        }
        error.set("");
        status.set("");
        result.set(null);
        resultText.set("");
        Optional<Path> out = destinationPath();
        if (out.isEmpty()) {
            fail("\"" + destination.get().strip() + "\" is not a file name: choose where to save the export.");
            return;
        }
        // The engine refuses too, but in the command line's words (--overwrite); say it in the dialog's.
        if (Files.exists(out.get()) && !overwrite.get()) {
            fail(out.get() + " already exists; tick \u201cReplace if it exists\u201d to replace it, or choose another name.");
            return;
        }
        ExportRequest request = new ExportRequest(source, format.get(), out.get(), partitioned.get(), overwrite.get());
        Task<ExportResult> task = new Task<>() {
            @Override
            protected ExportResult call() {
                if (cancelRequested) {
                    throw new ExportCancelledException("The export was cancelled before it started; nothing was written.");
                }
                return exporter.export(request, new ExportListener() {
                    @Override
                    public void started(Path target, Path temporary) {
                        if (cancelRequested) {
                            exporter.cancel(); // the engine checks right after this call, before DuckDB writes
                        }
                        updateMessage("Writing " + target.getFileName() + "\u2026");
                    }

                    @Override
                    public void progress(double fraction) {
                        updateProgress(fraction, 1.0);
                    }

                    @Override
                    public void written(long rows) {
                        updateProgress(1.0, 1.0);
                        updateMessage(String.format("%,d rows written; finishing\u2026", rows));
                    }
                });
            }
        };
        cancelRequested = false;
        progress.set(-1);
        status.set("Preparing\u2026");
        phase.set(Phase.RUNNING);
        task.messageProperty().addListener((o, a, text) -> {
            if (phase.get() == Phase.RUNNING && !text.isEmpty()) {
                status.set(text);
            }
        });
        task.progressProperty().addListener((o, a, p) -> progress.set(p.doubleValue()));
        task.setOnSucceeded(e -> succeeded(task.getValue()));
        task.setOnFailed(e -> failed(task.getException()));
        executor.execute(task);
    }

    /** Stops the running export; the engine then removes what it had written. */
    public void cancel() {
        if (phase.get() != Phase.RUNNING) {
            return;
        }
        phase.set(Phase.CANCELLING);
        status.set("Cancelling\u2026");
        cancelRequested = true;
        exporter.cancel();
    }

    /** The folder to show once done: the partitioned export's folder, or the one holding the file. */
    public Optional<Path> folderToOpen() {
        ExportResult r = result.get();
        if (r == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(r.partitioned() ? r.path() : r.path().getParent());
    }

    private void succeeded(ExportResult r) {
        result.set(r);
        progress.set(1);
        status.set("");
        resultText.set(String.format("%,d %s written to %s in %s.", r.rows(), r.rows() == 1 ? "row" : "rows", r.path(),
                seconds(r.duration())));
        phase.set(Phase.DONE);
    }

    private void failed(Throwable e) {
        if (e instanceof ExportCancelledException) {
            status.set("Export cancelled; nothing was written.");
            phase.set(Phase.CANCELLED);
        } else if (e instanceof BackfillException b) {
            fail(inDialogWords(b.getMessage()));
        } else {
            fail("The export failed: " + (e == null ? "unknown error." : e.getMessage()));
        }
    }

    private void fail(String sentence) {
        status.set("");
        error.set(sentence);
        phase.set(Phase.FAILED);
    }

    // The engine's sentences name the command line's options; the dialog has check boxes instead.
    private static String inDialogWords(String sentence) {
        return sentence.replace("add --overwrite to replace it", "tick \u201cReplace if it exists\u201d to replace it")
                .replace("export it without --partitioned", "untick \u201cOne folder per day\u201d");
    }

    private Optional<Path> destinationPath() {
        String text = destination.get() == null ? "" : destination.get().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            Path p = Path.of(text);
            if (p.getFileName() == null) {
                return Optional.empty();
            }
            return Optional.of(p.toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private String defaultName() {
        return partitioned.get() ? baseName : baseName + "." + extension(format.get());
    }

    /** Follows format and partitioning in the name, unless the user named the file themselves. */
    private void renameIfDefault() {
        Optional<Path> current = destinationPath();
        if (current.isEmpty()) {
            return;
        }
        String name = current.get().getFileName().toString();
        boolean generated = name.equals(baseName);
        for (ExportFormat f : ExportFormat.values()) {
            generated |= name.equals(baseName + "." + extension(f));
        }
        if (generated) {
            destination.set(current.get().resolveSibling(defaultName()).toString());
        }
    }

    private void describeSource() {
        if (source instanceof ExportSource.JobOutput job) {
            if (job.days().isPresent()) {
                int n = job.days().get().size();
                sourceSummary.set("job " + job.job() + ", " + n + (n == 1 ? " ticked day" : " ticked days"));
                sourceDetail.set(job.days().get().toString());
            } else {
                sourceSummary.set("job " + job.job() + ", all days");
                sourceDetail.set("Every day with output, ordered by partition_date");
            }
        } else {
            sourceSummary.set(source.describe());
            sourceDetail.set("Every row of the table");
        }
    }

    private static String baseName(ExportSource source) {
        return source instanceof ExportSource.JobOutput job ? job.job() : ((ExportSource.Table) source).table();
    }

    private static String extension(ExportFormat f) {
        return f.label();
    }

    private static String hint(ExportFormat f) {
        return switch (f) {
            case CSV -> "Comma-separated, with a header line";
            case PARQUET -> "Keeps the column types; best for notebooks and warehouses";
            case JSON -> "One JSON object per line";
        };
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
    }
}
