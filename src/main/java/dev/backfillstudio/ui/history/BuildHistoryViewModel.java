package dev.backfillstudio.ui.history;

import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.ingest.HistoryResult;
import dev.backfillstudio.ingest.SnapshotTable;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Building or restating the history of one snapshot table, from the sidebar: the key columns picked
 * from the table's columns, the history's name, and the build in the background with its steps and Cancel.
 */
public final class BuildHistoryViewModel {

    private final Workspace workspace;
    private final Executor executor;
    private final String snapshotTable;
    private final Runnable onBuilt;
    private volatile HistoryBuilder builder;

    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<String> keys = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding canBuild;

    public BuildHistoryViewModel(Workspace workspace, Executor executor, String snapshotTable, Runnable onBuilt) {
        this.workspace = workspace;
        this.executor = executor;
        this.snapshotTable = snapshotTable;
        this.onBuilt = onBuilt == null ? () -> { } : onBuilt;
        name.set(HistoryBuilder.defaultName(snapshotTable));
        canBuild = running.not().and(Bindings.isNotEmpty(keys)).and(name.isNotEmpty());
        Task<List<String>> read = new Task<>() {
            @Override
            protected List<String> call() throws Exception {
                return SnapshotTable.find(workspace.db(), snapshotTable)
                        .orElseThrow(() -> BackfillException.badInput(snapshotTable + " is not a snapshot table."))
                        .keyCandidates(workspace.db());
            }
        };
        read.setOnSucceeded(e -> {
            columns.setAll(read.getValue());
            // an "id" column is the usual key; the user ticks others for a composite one
            read.getValue().stream().filter(c -> c.equalsIgnoreCase("id")).findFirst().ifPresent(keys::add);
        });
        read.setOnFailed(e -> error.set(sentence(read.getException())));
        executor.execute(read);
    }

    public String snapshotTable() {
        return snapshotTable;
    }

    /** The snapshot table's columns but its date column. */
    public ObservableList<String> columns() {
        return columns;
    }

    /** The ticked key columns, in the table's order. */
    public ObservableList<String> keys() {
        return keys;
    }

    /** Ticks or unticks a key column, keeping the table's order. */
    public void setKey(String column, boolean key) {
        if (key && !keys.contains(column)) {
            keys.setAll(columns.stream().filter(c -> c.equals(column) || keys.contains(c)).toList());
        } else if (!key) {
            keys.remove(column);
        }
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The build's current step while it runs. */
    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canBuildProperty() {
        return canBuild;
    }

    /** Builds, extends or restates the history in the background. */
    public Task<HistoryResult> build() {
        if (!canBuild.get()) {
            return null;
        }
        List<String> key = List.copyOf(keys);
        String history = name.get().strip();
        error.set("");
        result.set("");
        Task<HistoryResult> task = new Task<>() {
            @Override
            protected HistoryResult call() {
                HistoryBuilder b = new HistoryBuilder(workspace).onStep(s -> updateMessage(s));
                builder = b;
                return b.build(snapshotTable, key, history);
            }
        };
        task.messageProperty().addListener((o, a, text) -> step.set(text));
        running.set(true);
        step.set("Starting…");
        task.setOnSucceeded(e -> {
            finished();
            HistoryResult r = task.getValue();
            result.set(String.format("%s %s: %,d snapshot rows → %,d history rows (%.1f× smaller), through %s.",
                    switch (r.mode()) {
                        case FULL -> "Built";
                        case EXTENDED -> "Extended";
                        case UP_TO_DATE -> "Already up to date:";
                    }, r.name(), r.snapshotRows(), r.historyRows(), r.compression(), r.builtThrough()));
            onBuilt.run();
        });
        task.setOnFailed(e -> {
            finished();
            error.set(sentence(task.getException()));
        });
        task.setOnCancelled(e -> finished());
        executor.execute(task);
        return task;
    }

    private void finished() {
        builder = null;
        running.set(false);
        step.set("");
    }

    /** Stops the build; the history stays as it was. */
    public void cancel() {
        HistoryBuilder b = builder;
        if (b != null) {
            step.set("Cancelling…");
            b.cancel();
        }
    }

    private static String sentence(Throwable t) {
        return t instanceof BackfillException ? t.getMessage() : "The history build failed: " + t;
    }
}
