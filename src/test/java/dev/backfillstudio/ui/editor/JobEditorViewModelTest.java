package dev.backfillstudio.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.job.LintFinding;
import dev.backfillstudio.job.LintRule;
import dev.backfillstudio.job.VersionDiff;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.ui.FxExecutor;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The editor's view model on the sample workspace, without a window. Actions are called on the
 * JavaFX thread as in the app; their tasks run on real background executors, and each test waits
 * for the task and the JavaFX events it posts.
 */
class JobEditorViewModelTest {

    static final String NAIVE = SampleData.jobSql(SampleData.NAIVE_JOB);
    static final String SNAPSHOT = SampleData.jobSql(SampleData.SNAPSHOT_JOB);
    static final LocalDate SEP10 = LocalDate.of(2024, 9, 10);

    @TempDir
    static Path dir;
    static Workspace ws;
    static FxExecutor executor;
    static FxExecutor previews;
    static int jobs;

    final List<Job> saved = new CopyOnWriteArrayList<>();
    final List<JobEditorViewModel> models = new CopyOnWriteArrayList<>();
    String job;

    @BeforeAll
    static void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        ws = Workspaces.sample(dir);
        executor = new FxExecutor("test-worker");
        previews = new FxExecutor("test-previews");
    }

    @AfterAll
    static void close() {
        executor.shutdown();
        previews.shutdown();
        ws.close();
    }

    @AfterEach
    void dispose() {
        onFx(() -> models.forEach(JobEditorViewModel::dispose)); // no debounced lint after the test
    }

    JobEditorViewModel model(FxExecutor worker, Optional<Job> job) {
        JobEditorViewModel model = onFx(() -> new JobEditorViewModel(() -> ws, worker, previews, job));
        models.add(model);
        return model;
    }

    @BeforeEach
    void name() {
        job = "job_" + (++jobs); // each test saves a job of its own in the shared workspace
    }

    JobEditorViewModel newJob() {
        JobEditorViewModel model = model(executor, Optional.empty());
        onFx(() -> {
            model.setOnSaved(saved::add);
            model.nameProperty().set(job);
            model.targetProperty().set(job + "_out");
        });
        return model;
    }

    static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void onFx(Runnable work) {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    /** Calls the action on the JavaFX thread, waits for its task and for the handlers it posted. */
    static <T> Task<T> act(Callable<Task<T>> action) {
        Task<T> task = onFx(action);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, task::isDone);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return task;
    }

    static List<LintRule> rules(JobEditorViewModel model) {
        return onFx(() -> model.findings().stream().map(LintFinding::rule).toList());
    }

    @Test
    void saveCreatesVersionOneThenTwoOnAChangeAndIdenticalTextMakesNoNewVersion() throws Exception {
        JobEditorViewModel model = newJob();
        onFx(() -> model.sqlProperty().set(NAIVE));
        assertThat(model.dirtyProperty().get()).isTrue();

        act(model::save);
        assertThat(model.saveErrorProperty().get()).isEmpty();
        assertThat(model.saveMessageProperty().get()).isEqualTo("Saved as version 1.");
        assertThat(model.existingProperty().get()).isTrue();
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.versions()).extracting(v -> v.version()).containsExactly(1);
        assertThat(model.diffTitleProperty().get()).isEqualTo("Version 1: the first version");

        onFx(() -> model.sqlProperty().set(SNAPSHOT));
        act(model::save);
        assertThat(model.saveMessageProperty().get()).isEqualTo("Saved as version 2.");
        assertThat(model.currentVersionProperty().get()).isEqualTo(2);
        assertThat(model.versions()).extracting(v -> v.version()).containsExactly(2, 1);
        assertThat(model.selectedVersionProperty().get().version()).isEqualTo(2);
        assertThat(model.diffTitleProperty().get()).startsWith("Version 2 against version 1: +");
        assertThat(model.diff()).contains(new VersionDiff.Line(VersionDiff.Change.SAME, "  AND e.date = {DATE}"))
                .anyMatch(l -> l.change() == VersionDiff.Change.ADDED && l.text().contains("snapshot_date = {DATE}"))
                .anyMatch(l -> l.change() == VersionDiff.Change.REMOVED && l.text().contains("FROM item WHERE"));

        onFx(() -> model.sqlProperty().set(SNAPSHOT + "\n\n"));
        act(model::save);
        assertThat(model.saveMessageProperty().get()).isEqualTo("No change: identical to version 2.");
        assertThat(new JobStore(ws).versions(job)).hasSize(2);
        assertThat(saved).extracting(Job::currentVersion).containsExactly(1, 2);
    }

    @Test
    void aBadSqlSaveShowsTheSentenceWithItsLineAndSavesNothing() {
        JobEditorViewModel model = newJob();
        onFx(() -> model.sqlProperty().set("SELECT e.event_id,\n       e.colour\nFROM item_events e\nWHERE e.date = {DATE}"));

        act(model::save);

        assertThat(model.saveErrorProperty().get()).contains("colour").contains("line 2");
        assertThat(model.saveErrorLineProperty().get()).isEqualTo(2);
        assertThat(model.saveMessageProperty().get()).isEmpty();
        assertThat(model.existingProperty().get()).isFalse();
        assertThat(new JobStore(ws).find(job)).isEmpty();
        assertThat(saved).isEmpty();
    }

    @Test
    void lintWarnsOfTheMutableReadOfTheNaiveJobAndIsCleanForTheSnapshotJob() {
        JobEditorViewModel model = newJob();
        onFx(() -> model.sqlProperty().set(NAIVE));
        act(model::lint);
        assertThat(rules(model)).containsExactly(LintRule.MUTABLE_READ);
        assertThat(model.findings().get(0).sentence()).contains("item_snapshot");
        assertThat(model.findings().get(0).fix()).isPresent();
        assertThat(model.lintSummaryProperty().get()).isEqualTo("1 warning");

        onFx(() -> model.sqlProperty().set(SNAPSHOT));
        act(model::lint);
        assertThat(rules(model)).isEmpty();
        assertThat(model.lintSummaryProperty().get()).isEqualTo("No findings.");
    }

    @Test
    void lintRunsByItselfShortlyAfterTheTextStopsChanging() throws Exception {
        JobEditorViewModel model = newJob();
        onFx(() -> model.sqlProperty().set("SELECT * FROM item_events WHERE date = {DATE} AND random() < 0.5"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rules(model).contains(LintRule.NONDETERMINISTIC));
        assertThat(model.lintingProperty().get()).isFalse();
    }

    @Test
    void findingsForTextThatHasSinceChangedAreDropped() {
        List<Task<?>> held = new CopyOnWriteArrayList<>();
        FxExecutor holding = new FxExecutor("held") {
            @Override
            public <T> Task<T> submit(Task<T> task) {
                held.add(task);
                return task;
            }
        };
        JobEditorViewModel model = model(holding, Optional.empty());
        Task<?> naive = onFx(() -> {
            model.sqlProperty().set(NAIVE);
            return model.lint();
        });
        Task<?> snapshot = onFx(() -> {
            model.sqlProperty().set(SNAPSHOT);
            return model.lint();
        });

        snapshot.run();
        WaitForAsyncUtils.waitForFxEvents();
        naive.run(); // finishes last, for text no longer in the editor
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(rules(model)).isEmpty();
        assertThat(model.lintSummaryProperty().get()).isEqualTo("No findings.");
        holding.shutdown();
    }

    @Test
    void anExistingJobLoadsItsCurrentSqlVersionsAndRestoresAnOlderOne() {
        JobStore store = new JobStore(ws);
        store.save(job, job + "_out", NAIVE);
        Job saved2 = store.save(job, job + "_out", SNAPSHOT).job();
        JobEditorViewModel model = model(executor, Optional.of(saved2));

        act(model::load);

        assertThat(model.sqlProperty().get()).isEqualTo(SNAPSHOT.stripTrailing());
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.versions()).extracting(v -> v.version()).containsExactly(2, 1);

        onFx(() -> {
            model.selectedVersionProperty().set(model.versions().get(1));
            model.restoreSelected();
        });
        assertThat(model.sqlProperty().get()).isEqualTo(NAIVE.stripTrailing());
        assertThat(model.dirtyProperty().get()).isTrue();
        assertThat(model.diffTitleProperty().get()).isEqualTo("Version 1: the first version");
        assertThat(model.saveMessageProperty().get()).isEqualTo("Version 1 is in the editor; save to make it version 3.");
    }

    @Test
    void previewShowsTheDaysRowsAndTheTimeAndAnErrorAsDuckDbsSentence() {
        JobEditorViewModel model = newJob();
        onFx(() -> {
            model.sqlProperty().set(SNAPSHOT);
            model.previewDayProperty().set(SEP10);
        });

        act(model::preview);

        assertThat(model.previewErrorProperty().get()).isEmpty();
        assertThat(model.previewRowsProperty().get().rows()).isNotEmpty()
                .allSatisfy(row -> assertThat(row.get(3)).isEqualTo(SEP10));
        int n = model.previewRowsProperty().get().rows().size();
        assertThat(model.previewSummaryProperty().get()).matches(n + " rows? in \\d+ ms for 2024-09-10");
        assertThat(model.previewingProperty().get()).isFalse();

        onFx(() -> model.sqlProperty().set("SELECT nope FROM item_events WHERE date = {DATE}"));
        act(model::preview);
        assertThat(model.previewErrorProperty().get()).startsWith("The query does not run for 2024-09-10: Binder Error:")
                .contains("nope").endsWith("(line 1).");
    }

    @Test
    void theLineOfASentenceIsFoundInEachEngineWording() {
        assertThat(JobEditorViewModel.lineOf("Job j has a syntax error on line 3: syntax error at or near \"FORM\".")).isEqualTo(3);
        assertThat(JobEditorViewModel.lineOf("Binder Error: Referenced column \"x\" not found (line 12).")).isEqualTo(12);
        assertThat(JobEditorViewModel.lineOf("Line 4: unterminated quoted string.")).isEqualTo(4);
        assertThat(JobEditorViewModel.lineOf("Table t is already the target of job j; give job k a target of its own.")).isZero();
        assertThat(JobEditorViewModel.lineOf("The query has an outline 5 of its own.")).isZero();
    }
}
