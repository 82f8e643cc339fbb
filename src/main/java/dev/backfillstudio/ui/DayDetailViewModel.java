package dev.backfillstudio.ui;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.PartitionPreview;
import dev.backfillstudio.run.Restorer;
import dev.backfillstudio.run.RunListener;
import dev.backfillstudio.run.RunSummary;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/** One day of one job: its status, the attempts that made it, and a preview of its stored rows. */
public final class DayDetailViewModel {

    public static final int PREVIEW_LIMIT = 1_000;

    private final Supplier<Workspace> workspace;
    private final FxExecutor browse;
    private final StringProperty job = new SimpleStringProperty(this, "job");
    private final ObjectProperty<DayInfo> day = new SimpleObjectProperty<>(this, "day");
    private final ObservableList<RunHistory.Attempt> attempts = FXCollections.observableArrayList();
    private final ObjectProperty<RowSample> preview = new SimpleObjectProperty<>(this, "preview");
    private final StringProperty error = new SimpleStringProperty(this, "error");
    private final ObjectProperty<dev.backfillstudio.verify.VerifyResult> verify = new SimpleObjectProperty<>(this, "verify");
    private java.util.function.Consumer<java.time.LocalDate> onRestored = d -> { };

    private final ObservableList<String> inputs = FXCollections.observableArrayList();
    private final ObservableList<String> readers = FXCollections.observableArrayList();

    /** What the shown day read (its stored attempt's lineage), one line per input table. */
    public ObservableList<String> inputs() {
        return inputs;
    }

    /** The downstream jobs' stored days that read the shown day, one line per job. */
    public ObservableList<String> readers() {
        return readers;
    }

    public DayDetailViewModel(Supplier<Workspace> workspace, FxExecutor browse) {
        this.workspace = workspace;
        this.browse = browse;
    }

    public StringProperty jobProperty() {
        return job;
    }

    public ObjectProperty<DayInfo> dayProperty() {
        return day;
    }

    public ObservableList<RunHistory.Attempt> attempts() {
        return attempts;
    }

    public ObjectProperty<RowSample> previewProperty() {
        return preview;
    }

    /** The verify result of the shown day, when it has one. */
    public ObjectProperty<dev.backfillstudio.verify.VerifyResult> verifyProperty() {
        return verify;
    }

    /** Shows a verify result if it is of the shown day (results of other days are ignored). */
    public void showVerify(dev.backfillstudio.verify.VerifyResult result) {
        if (result == null || (day.get() != null && day.get().day().equals(result.day()))) {
            verify.set(result);
        }
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** Called on the FX thread with the day a restore changed, so the calendar can reload it. */
    public void setOnRestored(java.util.function.Consumer<java.time.LocalDate> callback) {
        this.onRestored = callback;
    }

    /** What restoring an attempt would add to and remove from the shown day, read in the background. */
    public Task<Restorer.Preview> previewRestore(RunHistory.Attempt attempt) {
        String jobName = job.get();
        Task<Restorer.Preview> task = new Task<>() {
            @Override
            protected Restorer.Preview call() {
                return new Restorer(workspace.get()).preview(jobName, attempt.day(), attempt.runId());
            }
        };
        task.setOnFailed(e -> error.set(task.getException().getMessage()));
        return browse.submit(task);
    }

    /** Puts the attempt's rows back into the shown day; the day's attempts and status reload when done. */
    public Task<RunSummary> restore(RunHistory.Attempt attempt) {
        String jobName = job.get();
        Task<RunSummary> task = new Task<>() {
            @Override
            protected RunSummary call() {
                return new Restorer(workspace.get()).restore(jobName, attempt.day(), attempt.runId(), RunListener.NONE);
            }
        };
        task.setOnSucceeded(e -> {
            DayInfo shown = day.get();
            if (shown != null && shown.day().equals(attempt.day())) {
                show(jobName, shown);
            }
            onRestored.accept(attempt.day());
        });
        task.setOnFailed(e -> error.set(task.getException().getMessage()));
        return browse.submit(task);
    }

    /** Shows a day: its status at once, its attempts when they are read. */
    public Task<List<RunHistory.Attempt>> show(String jobName, DayInfo info) {
        job.set(jobName);
        day.set(info);
        verify.set(null);
        preview.set(null);
        error.set(null);
        inputs.clear();
        readers.clear();
        java.util.concurrent.atomic.AtomicReference<List<String>> read = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        java.util.concurrent.atomic.AtomicReference<List<String>> readBy = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        Task<List<RunHistory.Attempt>> task = new Task<>() {
            @Override
            protected List<RunHistory.Attempt> call() {
                dev.backfillstudio.run.Readers lineage = new dev.backfillstudio.run.Readers(workspace.get());
                read.set(LineageLines.inputs(lineage.inputsOf(jobName, info.day())));
                readBy.set(LineageLines.readers(lineage.ofDay(jobName, info.day())));
                return new RunHistory(workspace.get()).attempts(jobName, info.day());
            }
        };
        task.setOnSucceeded(e -> {
            if (info.equals(day.get())) {
                inputs.setAll(read.get());
                readers.setAll(readBy.get());
                attempts.setAll(task.getValue());
            }
        });
        task.setOnFailed(e -> error.set(task.getException().getMessage()));
        return browse.submit(task);
    }

    /** Refreshes the shown day's status in place (e.g. while a run changes it). */
    public void update(DayInfo info) {
        if (day.get() != null && day.get().day().equals(info.day())) {
            day.set(info);
        }
    }

    /** Reads the first rows of the day's stored output. */
    public Task<RowSample> loadPreview() {
        String jobName = job.get();
        DayInfo info = day.get();
        Task<RowSample> task = new Task<>() {
            @Override
            protected RowSample call() {
                return new PartitionPreview(workspace.get()).rows(jobName, info.day(), PREVIEW_LIMIT);
            }
        };
        task.setOnSucceeded(e -> preview.set(task.getValue()));
        task.setOnFailed(e -> error.set(task.getException().getMessage()));
        return browse.submit(task);
    }
}
