package dev.backfillstudio.ui.snapshot;

import dev.backfillstudio.ingest.CsvFile;
import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.ingest.HistoryResult;
import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotFileResult;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.ingest.SnapshotOutcome;
import dev.backfillstudio.ingest.SnapshotPreview;
import dev.backfillstudio.ingest.SnapshotTable;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The snapshot loading dialog's state and one method per user action. The only class of the dialog
 * that calls the engine: reading the tables, the preview, the load and the history build run as
 * {@link Task}s on the executor it is given (a same-thread executor in tests), and every property
 * changes on the JavaFX thread.
 */
public final class SnapshotLoadViewModel {

    /** Where each file's day comes from, as the dialog's radio buttons say it. */
    public enum DateFrom { COLUMN, FILE_NAME, FIXED_DAY }

    /** Where the dialog is in its load. */
    public enum Phase { READY, LOADING, CANCELLING, DONE, CANCELLED, FAILED }

    /** One file's line in the list: before the load what its day will be, after it what happened. */
    public enum FileState { READY, NO_DAY, WAITING, LOADING, LOADED, REPLACED, REFUSED, CANCELLED, NOT_LOADED }

    /** A line of the file list. */
    public record FileLine(Path file, FileState state, String detail) {
        public String name() {
            return file.getFileName().toString();
        }
    }

    static final int PREVIEW_ROWS = 50;
    private static final List<String> DATE_NAMES = List.of("snapshot_date", "date", "day", "snapshot_day", "as_of", "asof");

    private final Workspace workspace;
    private final Executor executor;
    private final Runnable onLoaded;
    // Cancel may come before the worker has made its loader; the worker checks this once it has.
    private volatile boolean cancelRequested;
    private volatile SnapshotLoader loader;
    private volatile HistoryBuilder historyBuilder;
    private int previewGeneration;

    private final ObservableList<FileLine> files = FXCollections.observableArrayList();
    private final ObservableList<String> tables = FXCollections.observableArrayList();
    private final List<SnapshotTable> snapshotTables = new ArrayList<>();
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final StringProperty table = new SimpleStringProperty(this, "table", "");
    private final ReadOnlyStringWrapper tableHint = new ReadOnlyStringWrapper(this, "tableHint", "");
    private final ObjectProperty<DateFrom> dateFrom = new SimpleObjectProperty<>(this, "dateFrom", DateFrom.COLUMN);
    private final StringProperty dateColumn = new SimpleStringProperty(this, "dateColumn", "");
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>(this, "day");
    private final BooleanProperty replace = new SimpleBooleanProperty(this, "replace", false);
    private final ReadOnlyObjectWrapper<RowSample> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewColumns = new ReadOnlyStringWrapper(this, "previewColumns", "");
    private final ReadOnlyStringWrapper previewError = new ReadOnlyStringWrapper(this, "previewError", "");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.READY);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper summaryClean = new ReadOnlyBooleanWrapper(this, "summaryClean", true);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<List<SnapshotFileResult>> results = new ReadOnlyObjectWrapper<>(this, "results");
    private final ReadOnlyBooleanWrapper loadedAny = new ReadOnlyBooleanWrapper(this, "loadedAny", false);
    private final StringProperty historyKeys = new SimpleStringProperty(this, "historyKeys", "");
    private final StringProperty historyName = new SimpleStringProperty(this, "historyName", "");
    private final ReadOnlyBooleanWrapper historyRunning = new ReadOnlyBooleanWrapper(this, "historyRunning", false);
    private final ReadOnlyStringWrapper historyStatus = new ReadOnlyStringWrapper(this, "historyStatus", "");
    private final ReadOnlyStringWrapper historyText = new ReadOnlyStringWrapper(this, "historyText", "");
    private final ReadOnlyStringWrapper historyError = new ReadOnlyStringWrapper(this, "historyError", "");
    private final BooleanBinding running = phase.isEqualTo(Phase.LOADING).or(phase.isEqualTo(Phase.CANCELLING));
    private final BooleanBinding busy = running.or(historyRunning);
    private final BooleanBinding canLoad;
    private final BooleanBinding canRebuild;

    /**
     * @param executor runs the engine work; never the JavaFX thread in the app
     * @param onLoaded told (on the JavaFX thread) after a load that changed the workspace
     */
    public SnapshotLoadViewModel(Workspace workspace, Executor executor, Runnable onLoaded) {
        this.workspace = workspace;
        this.executor = executor;
        this.onLoaded = onLoaded == null ? () -> { } : onLoaded;
        canLoad = busy.not().and(Bindings.createBooleanBinding(this::formComplete, files, table, dateFrom, dateColumn, day));
        canRebuild = busy.not().and(loadedAny).and(historyKeys.isNotEmpty());
        dateFrom.addListener((o, a, b) -> dayFromChanged());
        dateColumn.addListener((o, a, b) -> {
            if (dateFrom.get() == DateFrom.COLUMN) {
                dayFromChanged();
            }
        });
        day.addListener((o, a, b) -> {
            if (dateFrom.get() == DateFrom.FIXED_DAY) {
                dayFromChanged();
            }
        });
        // The preview's types follow the table only when it exists; retyping a new name needs no new preview.
        table.addListener((o, was, now) -> {
            describeTable();
            if (existing(was).isPresent() || existing(now).isPresent()) {
                existing(now).ifPresent(t -> {
                    if (dateFrom.get() == DateFrom.COLUMN && columns.stream().anyMatch(c -> c.equalsIgnoreCase(t.dateColumn()))) {
                        dateColumn.set(columns.stream().filter(c -> c.equalsIgnoreCase(t.dateColumn())).findFirst().get());
                    }
                });
                refreshPreview();
            }
        });
        describeTable();
        refreshTables();
    }

    public ObservableList<FileLine> files() {
        return FXCollections.unmodifiableObservableList(files);
    }

    /** The snapshot tables of the workspace, by name. */
    public ObservableList<String> tables() {
        return FXCollections.unmodifiableObservableList(tables);
    }

    /** The header of the first file: the choices for the date column. */
    public ObservableList<String> columns() {
        return FXCollections.unmodifiableObservableList(columns);
    }

    public StringProperty tableProperty() {
        return table;
    }

    /** Whether the table exists (and by which column it is dated) or will be created. */
    public ReadOnlyStringProperty tableHintProperty() {
        return tableHint.getReadOnlyProperty();
    }

    public ObjectProperty<DateFrom> dateFromProperty() {
        return dateFrom;
    }

    public StringProperty dateColumnProperty() {
        return dateColumn;
    }

    public ObjectProperty<LocalDate> dayProperty() {
        return day;
    }

    public BooleanProperty replaceProperty() {
        return replace;
    }

    /** The first rows of the first file as they will load; null while there is none. */
    public ReadOnlyObjectProperty<RowSample> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** "id BIGINT · name VARCHAR · snapshot_date DATE". */
    public ReadOnlyStringProperty previewColumnsProperty() {
        return previewColumns.getReadOnlyProperty();
    }

    /** Why the first file cannot be previewed; empty when it can. */
    public ReadOnlyStringProperty previewErrorProperty() {
        return previewError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Files done out of files to load, from 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "File 2 of 5: item_2024-09-02.csv" while loading. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the load did, once it ends. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** True when every file of the last load loaded. */
    public ReadOnlyBooleanProperty summaryCleanProperty() {
        return summaryClean.getReadOnlyProperty();
    }

    /** The sentence explaining why nothing could start; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The engine's result per file of the last load. */
    public ReadOnlyObjectProperty<List<SnapshotFileResult>> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    /** True once a load has put at least one day in the table: the history can be rebuilt. */
    public ReadOnlyBooleanProperty loadedAnyProperty() {
        return loadedAny.getReadOnlyProperty();
    }

    /** Comma-separated key columns of the history. */
    public StringProperty historyKeysProperty() {
        return historyKeys;
    }

    public StringProperty historyNameProperty() {
        return historyName;
    }

    public ReadOnlyBooleanProperty historyRunningProperty() {
        return historyRunning.getReadOnlyProperty();
    }

    /** The build's current step while it runs. */
    public ReadOnlyStringProperty historyStatusProperty() {
        return historyStatus.getReadOnlyProperty();
    }

    /** "item_history: 12,345 snapshot rows → 1,234 history rows (10.0× smaller)". */
    public ReadOnlyStringProperty historyTextProperty() {
        return historyText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty historyErrorProperty() {
        return historyError.getReadOnlyProperty();
    }

    /** A load is running or cancelling. */
    public BooleanBinding runningProperty() {
        return running;
    }

    /** A load or a history build is running. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    public BooleanBinding canLoadProperty() {
        return canLoad;
    }

    public BooleanBinding canRebuildProperty() {
        return canRebuild;
    }

    /** Adds files to the list (a file already there is not added twice), as a chooser gives them. */
    public void addFiles(List<Path> added) {
        if (running.get()) {
            return;
        }
        boolean hadFiles = !files.isEmpty();
        List<Path> known = files.stream().map(FileLine::file).toList();
        List<FileLine> lines = new ArrayList<>();
        for (Path p : added) {
            Path file = p.toAbsolutePath().normalize();
            if (!known.contains(file) && lines.stream().noneMatch(l -> l.file().equals(file))) {
                lines.add(new FileLine(file, FileState.READY, ""));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        files.addAll(lines);
        error.set("");
        afterFormChange();
        if (!hadFiles) {
            firstFileChanged(true);
        } else {
            describeFiles();
        }
    }

    /** Adds every {@code *.csv} of a folder, sorted by name. */
    public void addFolder(Path folder) {
        List<Path> csvs;
        try (Stream<Path> s = Files.list(folder)) {
            csvs = s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted().toList();
        } catch (IOException e) {
            error.set("Cannot read the folder " + folder.toAbsolutePath() + ": " + e.getMessage() + ".");
            return;
        }
        if (csvs.isEmpty()) {
            error.set(folder.toAbsolutePath() + " holds no .csv files.");
            return;
        }
        addFiles(csvs);
    }

    /** Empties the list. */
    public void clearFiles() {
        if (running.get()) {
            return;
        }
        files.clear();
        columns.clear();
        afterFormChange();
        firstFileChanged(false);
    }

    /** Takes one file off the list. */
    public void removeFile(Path file) {
        if (running.get()) {
            return;
        }
        boolean first = !files.isEmpty() && files.get(0).file().equals(file);
        files.removeIf(l -> l.file().equals(file));
        afterFormChange();
        if (first) {
            firstFileChanged(false);
        }
    }

    /** Reads the workspace's snapshot tables again. */
    public void refreshTables() {
        Task<List<SnapshotTable>> task = new Task<>() {
            @Override
            protected List<SnapshotTable> call() throws SQLException {
                return SnapshotTable.list(workspace.db());
            }
        };
        task.setOnSucceeded(e -> {
            snapshotTables.clear();
            snapshotTables.addAll(task.getValue());
            tables.setAll(task.getValue().stream().map(SnapshotTable::name).toList());
            describeTable();
        });
        task.setOnFailed(e -> error.set(sentence(task.getException(), "Cannot read the snapshot tables")));
        executor.execute(task);
    }

    /** Starts loading the listed files in the background; a refusal found before starting shows at once. */
    public void load() {
        if (!canLoad.get()) {
            return;
        }
        error.set("");
        summary.set("");
        historyText.set("");
        historyError.set("");
        String target = table.get().strip();
        try {
            TableCatalog.requireValidName(target);
        } catch (BackfillException e) {
            error.set(e.getMessage());
            return;
        }
        SnapshotDateSource source = dateSource();
        List<Path> paths = files.stream().map(FileLine::file).toList();
        boolean swap = replace.get();
        files.setAll(paths.stream().map(p -> new FileLine(p, FileState.WAITING, "Waiting")).toList());
        Task<List<SnapshotFileResult>> task = new Task<>() {
            @Override
            protected List<SnapshotFileResult> call() {
                SnapshotLoader l = new SnapshotLoader(workspace).onProgress(new SnapshotLoader.Listener() {
                    @Override
                    public void fileStarted(int index, int total, Path file) {
                        onFxAndWait(() -> started(index, total, file));
                    }

                    @Override
                    public void fileFinished(int index, int total, SnapshotFileResult result) {
                        onFxAndWait(() -> finished(index, total, result));
                    }
                });
                loader = l;
                if (cancelRequested) {
                    l.cancel();
                }
                return l.load(target, paths, source, swap);
            }
        };
        cancelRequested = false;
        progress.set(0);
        status.set("Starting\u2026");
        phase.set(Phase.LOADING);
        task.setOnSucceeded(e -> loadEnded(target, task.getValue()));
        task.setOnFailed(e -> {
            loader = null;
            status.set("");
            files.setAll(paths.stream().map(p -> new FileLine(p, FileState.READY, "")).toList());
            describeFiles();
            error.set(sentence(task.getException(), "The load failed"));
            phase.set(Phase.FAILED);
        });
        executor.execute(task);
    }

    /** Stops the load: files already loaded stay, the one loading now leaves nothing, the rest are not started. */
    public void cancel() {
        if (historyRunning.get()) {
            HistoryBuilder b = historyBuilder;
            if (b != null) {
                b.cancel();
            }
        }
        if (phase.get() != Phase.LOADING) {
            return;
        }
        phase.set(Phase.CANCELLING);
        status.set("Cancelling\u2026");
        cancelRequested = true;
        SnapshotLoader l = loader;
        if (l != null) {
            l.cancel();
        }
    }

    /** Builds (or brings up to date) the history of the table in the background. */
    public void rebuildHistory() {
        if (!canRebuild.get()) {
            return;
        }
        String source = table.get().strip();
        List<String> keys = Arrays.stream(historyKeys.get().split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
        String name = historyName.get() == null || historyName.get().isBlank() ? null : historyName.get().strip();
        historyText.set("");
        historyError.set("");
        Task<HistoryResult> task = new Task<>() {
            @Override
            protected HistoryResult call() {
                HistoryBuilder b = new HistoryBuilder(workspace).onStep(step -> updateMessage(capitalised(step) + "\u2026"));
                historyBuilder = b;
                return b.build(source, keys, name);
            }
        };
        task.messageProperty().addListener((o, a, text) -> historyStatus.set(text));
        historyStatus.set("Starting\u2026");
        historyRunning.set(true);
        task.setOnSucceeded(e -> {
            historyBuilder = null;
            HistoryResult r = task.getValue();
            historyText.set(String.format("%s: %,d snapshot %s \u2192 %,d history %s (%.1f\u00d7 smaller)", r.name(),
                    r.snapshotRows(), rows(r.snapshotRows()), r.historyRows(), rows(r.historyRows()), r.compression()));
            historyStatus.set("");
            historyRunning.set(false);
            onLoaded.run();
        });
        task.setOnFailed(e -> {
            historyBuilder = null;
            historyError.set(sentence(task.getException(), "The history build failed"));
            historyStatus.set("");
            historyRunning.set(false);
        });
        executor.execute(task);
    }

    SnapshotDateSource dateSource() {
        return switch (dateFrom.get()) {
            case COLUMN -> SnapshotDateSource.column(dateColumn.get());
            case FILE_NAME -> SnapshotDateSource.fromFileName();
            case FIXED_DAY -> SnapshotDateSource.day(day.get());
        };
    }

    private boolean formComplete() {
        if (files.isEmpty() || table.get() == null || table.get().isBlank()) {
            return false;
        }
        return switch (dateFrom.get()) {
            case COLUMN -> dateColumn.get() != null && !dateColumn.get().isBlank();
            case FILE_NAME -> true;
            case FIXED_DAY -> day.get() != null;
        };
    }

    private void started(int index, int total, Path file) {
        files.set(index - 1, new FileLine(file, FileState.LOADING, "Loading\u2026"));
        progress.set((index - 1) / (double) total);
        if (phase.get() == Phase.LOADING) {
            status.set("File " + index + " of " + total + ": " + file.getFileName());
        }
    }

    private void finished(int index, int total, SnapshotFileResult r) {
        files.set(index - 1, lineOf(r));
        progress.set(index / (double) total);
    }

    private void loadEnded(String target, List<SnapshotFileResult> done) {
        loader = null;
        for (int i = done.size(); i < files.size(); i++) {
            files.set(i, new FileLine(files.get(i).file(), FileState.NOT_LOADED, "Not loaded: the load was cancelled first."));
        }
        results.set(done);
        long ok = done.stream().filter(SnapshotFileResult::ok).count();
        long replaced = done.stream().filter(r -> r.outcome() == SnapshotOutcome.REPLACED).count();
        long refused = done.stream().filter(r -> r.outcome() == SnapshotOutcome.REFUSED).count();
        long notLoaded = files.size() - ok - refused;
        long rowCount = done.stream().filter(SnapshotFileResult::ok).mapToLong(SnapshotFileResult::rows).sum();
        List<String> parts = new ArrayList<>();
        if (ok > 0) {
            parts.add(String.format("%s loaded into %s: %,d %s%s.", count(ok, "file"), target, rowCount, rows(rowCount),
                    replaced > 0 ? ", " + count(replaced, "day") + " replaced" : ""));
        } else {
            parts.add("Nothing was loaded into " + target + ".");
        }
        if (refused > 0) {
            parts.add(count(refused, "file") + " refused.");
        }
        if (notLoaded > 0) {
            parts.add("Cancelled: " + count(notLoaded, "file") + " not loaded.");
        }
        summary.set(String.join(" ", parts));
        summaryClean.set(ok == files.size());
        progress.set(1);
        status.set("");
        phase.set(cancelRequested ? Phase.CANCELLED : Phase.DONE);
        if (ok > 0) {
            if (!loadedAny.get() || historyName.get().isBlank()) {
                historyName.set(HistoryBuilder.defaultName(target));
            }
            if (historyKeys.get().isBlank()) {
                columns.stream().filter(c -> c.equalsIgnoreCase("id")).findFirst().ifPresent(historyKeys::set);
            }
            loadedAny.set(true);
            refreshTables();
            onLoaded.run();
        }
    }

    private static FileLine lineOf(SnapshotFileResult r) {
        String dayText = r.day().map(LocalDate::toString).orElse("");
        return switch (r.outcome()) {
            case LOADED -> new FileLine(r.file(), FileState.LOADED, String.format("%s \u00b7 %,d %s loaded", dayText, r.rows(), rows(r.rows())));
            case REPLACED -> new FileLine(r.file(), FileState.REPLACED,
                    String.format(r.sameRows() ? "%s \u00b7 %,d %s, the same as the day loaded before" : "%s \u00b7 %,d %s, replacing the day loaded before",
                            dayText, r.rows(), rows(r.rows())));
            case REFUSED -> new FileLine(r.file(), FileState.REFUSED, shortened(inDialogWords(r.message()), r.file()));
            case CANCELLED -> new FileLine(r.file(), FileState.CANCELLED, r.message());
        };
    }

    private void afterFormChange() {
        summary.set("");
        results.set(null);
    }

    /** The first file decides the columns, a default date column and source, and the preview. */
    private void firstFileChanged(boolean chooseDefaults) {
        columns.clear();
        if (files.isEmpty()) {
            preview.set(null);
            previewColumns.set("");
            previewError.set("");
            describeFiles();
            return;
        }
        Path first = files.get(0).file();
        try {
            columns.setAll(CsvFile.open(first).header());
        } catch (BackfillException e) {
            previewError.set(e.getMessage());
        }
        String column = defaultDateColumn(columns).orElse("");
        if (chooseDefaults) {
            boolean hasDateColumn = defaultDateColumn(columns).isPresent();
            boolean namedByDay = fileNameDay(first).isPresent();
            DateFrom from = hasDateColumn ? DateFrom.COLUMN : namedByDay ? DateFrom.FILE_NAME : DateFrom.FIXED_DAY;
            dateColumn.set(column); // may trigger a preview; the one below is the one that counts
            dateFrom.set(from);
        } else if (!columns.contains(dateColumn.get())) {
            dateColumn.set(column);
        }
        describeFiles();
        refreshPreview();
    }

    private void dayFromChanged() {
        afterFormChange();
        describeFiles();
        refreshPreview();
    }

    /** Before a load, each line says which day its file will be (or why it has none). */
    private void describeFiles() {
        if (running.get()) {
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i).file();
            FileLine line = switch (dateFrom.get()) {
                case COLUMN -> new FileLine(f, FileState.READY, dateColumn.get().isBlank() ? "" : "Day from its column " + dateColumn.get());
                case FIXED_DAY -> new FileLine(f, FileState.READY, day.get() == null ? "Pick the day below" : "Day " + day.get());
                case FILE_NAME -> {
                    try {
                        yield new FileLine(f, FileState.READY, "Day " + new SnapshotDateSource.FromFileName().dayOf(f));
                    } catch (BackfillException e) {
                        yield new FileLine(f, FileState.NO_DAY, capitalised(shortened(e.getMessage(), f).replaceFirst("^\\S+: ", "")));
                    }
                }
            };
            files.set(i, line);
        }
    }

    private void refreshPreview() {
        if (files.isEmpty()) {
            return;
        }
        int generation = ++previewGeneration;
        Path first = files.get(0).file();
        String target = existing(table.get()).map(SnapshotTable::name).orElse(null);
        SnapshotDateSource source = dateFrom.get() == DateFrom.FIXED_DAY && day.get() == null
                ? SnapshotDateSource.fromFileName() : dateSource();
        if (source instanceof SnapshotDateSource.Column c && c.name().isBlank()) {
            return;
        }
        Task<RowSample> task = new Task<>() {
            @Override
            protected RowSample call() {
                return new SnapshotPreview(workspace).rows(target, first, source, PREVIEW_ROWS);
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == previewGeneration) {
                RowSample s = task.getValue();
                preview.set(s);
                previewColumns.set(IntStream.range(0, s.columns().size())
                        .mapToObj(i -> s.columns().get(i) + " " + s.types().get(i)).collect(Collectors.joining(" \u00b7 ")));
                previewError.set("");
            }
        });
        task.setOnFailed(e -> {
            if (generation == previewGeneration) {
                preview.set(null);
                previewColumns.set("");
                previewError.set(sentence(task.getException(), "Cannot preview " + first.getFileName()));
            }
        });
        executor.execute(task);
    }

    private void describeTable() {
        String name = table.get() == null ? "" : table.get().strip();
        if (name.isEmpty()) {
            tableHint.set(tables.isEmpty() ? "Name the new snapshot table" : "Pick a snapshot table or name a new one");
        } else {
            tableHint.set(existing(name).map(t -> "Existing snapshot table, dated by " + t.dateColumn())
                    .orElse("A new snapshot table"));
        }
    }

    private Optional<SnapshotTable> existing(String name) {
        return name == null ? Optional.empty()
                : snapshotTables.stream().filter(t -> t.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    static Optional<String> defaultDateColumn(List<String> header) {
        for (String name : DATE_NAMES) {
            Optional<String> hit = header.stream().filter(h -> h.equalsIgnoreCase(name)).findFirst();
            if (hit.isPresent()) {
                return hit;
            }
        }
        return header.stream().filter(h -> h.toLowerCase(Locale.ROOT).endsWith("_date")).findFirst();
    }

    private static Optional<LocalDate> fileNameDay(Path file) {
        try {
            return Optional.of(new SnapshotDateSource.FromFileName().dayOf(file));
        } catch (BackfillException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs on the JavaFX thread and waits for it, so each file's line is shown before the next file
     * starts, and a Cancel pressed on seeing it stops the very next file. Runs at once when already there.
     */
    private static void onFxAndWait(Runnable work) {
        if (Platform.isFxApplicationThread()) {
            work.run();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                work.run();
            } finally {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sentence(Throwable e, String what) {
        if (e instanceof BackfillException b) {
            return inDialogWords(b.getMessage());
        }
        String detail = e == null || e.getMessage() == null ? "unknown error" : e.getMessage().strip().split("\n", 2)[0];
        return what + ": " + detail + (detail.endsWith(".") ? "" : ".");
    }

    // The engine's sentences name the command line's options; the dialog has its own controls.
    static String inDialogWords(String sentence) {
        return sentence.replace("add --replace to swap it", "tick \u201cReplace days already loaded\u201d to swap it")
                .replaceAll("load it with --date-column (\\S+?)\\.$", "take the day from the column in the file ($1).")
                .replace("(e.g. --key id)", "(e.g. id)")
                .replace(" with --name", "")
                .replace("load it with `snapshot` first", "load its snapshot files first");
    }

    /** The line shows the file's name above its sentence, so the sentence names it without its folder. */
    private static String shortened(String sentence, Path file) {
        return sentence.replace(file.toAbsolutePath().toString(), file.getFileName().toString());
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String rows(long n) {
        return n == 1 ? "row" : "rows";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
