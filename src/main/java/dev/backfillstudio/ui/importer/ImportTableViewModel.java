package dev.backfillstudio.ui.importer;

import dev.backfillstudio.ingest.ImportPreview;
import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/**
 * The import dialog's state and its actions: a CSV file into a plain table (events, today's state) with
 * the engine the command line's {@code import} uses. The preview shows the rows with the types they will
 * get; a refused import shows the engine's sentence (file and line) under the form and changes nothing.
 */
public final class ImportTableViewModel {

    /** What happens to a table of that name: a new one, the old one swapped whole, or rows added to it. */
    public enum Mode { NEW, REPLACE, APPEND }

    static final int PREVIEW_ROWS = 50;

    private final Workspace workspace;
    private final Executor executor;
    private final Runnable onImported;
    private int previewGeneration;

    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final StringProperty table = new SimpleStringProperty(this, "table", "");
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.NEW);
    private final ReadOnlyStringWrapper tableHint = new ReadOnlyStringWrapper(this, "tableHint", "");
    private final ReadOnlyObjectWrapper<RowSample> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewColumns = new ReadOnlyStringWrapper(this, "previewColumns", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyObjectWrapper<Optional<TableKind>> existing = new ReadOnlyObjectWrapper<>(this, "existing", Optional.empty());
    private final BooleanBinding canImport;

    public ImportTableViewModel(Workspace workspace, Executor executor, Runnable onImported) {
        this.workspace = workspace;
        this.executor = executor;
        this.onImported = onImported == null ? () -> { } : onImported;
        canImport = busy.not().and(Bindings.createBooleanBinding(() -> file.get() != null && !table.get().isBlank(), file, table));
        file.addListener((o, a, f) -> {
            if (f != null) {
                table.set(tableNameOf(f));
            }
            refreshPreview();
        });
        table.addListener((o, a, b) -> checkTable());
        mode.addListener((o, a, b) -> {
            describeTable();
            refreshPreview();
        });
    }

    /** A table name from a file name: its stem, lower case, anything but letters, digits and _ turned to _. */
    static String tableNameOf(Path file) {
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        String name = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "t_" + name : name;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public StringProperty tableProperty() {
        return table;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** Whether the table will be created, or exists (and what of it the mode changes). */
    public ReadOnlyStringProperty tableHintProperty() {
        return tableHint.getReadOnlyProperty();
    }

    /** The first rows of the file with the types they will get; null while there is none. */
    public ReadOnlyObjectProperty<RowSample> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** "event_id BIGINT · item_id BIGINT · date DATE". */
    public ReadOnlyStringProperty previewColumnsProperty() {
        return previewColumns.getReadOnlyProperty();
    }

    /** Why the file cannot be previewed or imported, naming file and line; empty when nothing is wrong. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last import did. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canImportProperty() {
        return canImport;
    }

    /** Imports the file in the background; a refusal leaves the workspace as it was and shows its sentence. */
    public Task<TableImporter.Result> importNow() {
        if (!canImport.get()) {
            return null;
        }
        Path f = file.get();
        String target = table.get().strip();
        Mode m = mode.get();
        error.set("");
        result.set("");
        Task<TableImporter.Result> task = new Task<>() {
            @Override
            protected TableImporter.Result call() throws Exception {
                TableImporter importer = new TableImporter(workspace);
                if (m == Mode.APPEND) {
                    return importer.appendCsv(target, f);
                }
                if (m == Mode.NEW && TableCatalog.exists(workspace.db(), target)) {
                    throw BackfillException.badInput("Table " + target + " already exists; choose Replace to swap it for "
                            + f.getFileName() + ", or Append to add its rows.");
                }
                return importer.importCsv(target, f, m == Mode.REPLACE);
            }
        };
        busy.set(true);
        task.setOnSucceeded(e -> {
            busy.set(false);
            result.set(task.getValue().summary() + ".");
            checkTable();
            onImported.run();
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(sentence(task.getException()));
        });
        executor.execute(task);
        return task;
    }

    private void checkTable() {
        String name = table.get().strip();
        if (name.isEmpty()) {
            existing.set(Optional.empty());
            describeTable();
            return;
        }
        Task<Optional<TableKind>> task = new Task<>() {
            @Override
            protected Optional<TableKind> call() throws Exception {
                return TableCatalog.kindOf(workspace.db(), name);
            }
        };
        task.setOnSucceeded(e -> {
            if (name.equals(table.get().strip())) {
                existing.set(task.getValue());
                describeTable();
                if (mode.get() == Mode.APPEND) {
                    refreshPreview();
                }
            }
        });
        executor.execute(task);
    }

    private void describeTable() {
        String name = table.get().strip();
        Optional<TableKind> kind = existing.get();
        if (name.isEmpty()) {
            tableHint.set("");
        } else if (kind.isEmpty()) {
            tableHint.set(mode.get() == Mode.APPEND ? name + " does not exist yet: choose New table." : "A new table " + name + ".");
        } else {
            String what = kind.get().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " table";
            tableHint.set(switch (mode.get()) {
                case NEW -> name + " exists (" + what + "): choose Replace or Append.";
                case REPLACE -> "Replaces every row of " + name + " (" + what + ") with the file's, in one step.";
                case APPEND -> "Adds the file's rows to " + name + " (" + what + "); its columns must match.";
            });
        }
    }

    private void refreshPreview() {
        Path f = file.get();
        int generation = ++previewGeneration;
        if (f == null) {
            preview.set(null);
            previewColumns.set("");
            return;
        }
        String target = table.get().strip();
        boolean append = mode.get() == Mode.APPEND && existing.get().isPresent();
        Task<RowSample> task = new Task<>() {
            @Override
            protected RowSample call() {
                return new ImportPreview(workspace).rows(f, target, append, PREVIEW_ROWS);
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == previewGeneration) {
                RowSample s = task.getValue();
                preview.set(s);
                previewColumns.set(IntStream.range(0, s.columns().size()).mapToObj(i -> s.columns().get(i) + " " + s.types().get(i))
                        .collect(Collectors.joining(" · ")));
                error.set("");
            }
        });
        task.setOnFailed(e -> {
            if (generation == previewGeneration) {
                preview.set(null);
                previewColumns.set("");
                error.set(sentence(task.getException()));
            }
        });
        executor.execute(task);
    }

    private static String sentence(Throwable t) {
        return t instanceof BackfillException ? t.getMessage() : "The import failed: " + t;
    }
}
