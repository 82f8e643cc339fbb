package dev.backfillstudio.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.ui.FxExecutor;
import dev.backfillstudio.ui.grid.ResultGrid;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The editor window on the sample workspace: edit, lint, preview, save, and a refused save. */
class JobEditorTest {

    static final Path SCREENSHOTS = Path.of(System.getProperty("project.build.directory", "target"), "screenshots");
    static final String NAIVE = SampleData.jobSql(SampleData.NAIVE_JOB);
    static final String SNAPSHOT = SampleData.jobSql(SampleData.SNAPSHOT_JOB);

    @TempDir
    static Path dir;
    static Workspace ws;
    static FxExecutor executor;
    static FxExecutor previews;

    Stage owner;
    JobEditor editor;
    final List<Job> saved = new CopyOnWriteArrayList<>();
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void workspace() {
        ws = Workspaces.sample(dir);
        executor = new FxExecutor("test-worker");
        previews = new FxExecutor("test-previews");
    }

    @AfterAll
    static void closeWorkspace() {
        executor.shutdown();
        previews.shutdown();
        ws.close();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    void open(Optional<Job> job) throws Exception {
        owner = FxToolkit.registerPrimaryStage();
        editor = WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            JobEditor e = JobEditor.create(owner, () -> ws, executor, previews, job, saved::add);
            e.stage().show();
            return e;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T extends Node> T find(String query) {
        return robot.from(editor.stage().getScene().getRoot()).lookup(query).query();
    }

    String text(String query) {
        return ((Label) find(query)).getText();
    }

    SqlEditor sqlEditor() {
        return find("#editor");
    }

    void setSql(String sql) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> sqlEditor().setText(sql)).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        var image = WaitForAsyncUtils.asyncFx(() -> editor.stage().getScene().snapshot(null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", SCREENSHOTS.resolve(name).toFile());
    }

    @Test
    void editingAJobsSqlAndSavingMakesVersionTwoAndTheVersionsListGrows() throws Exception {
        Job job = new JobStore(ws).save("active_events", "active_events_out", NAIVE).job();
        open(Optional.of(job));
        waitUntil(() -> sqlEditor().getText().equals(NAIVE.stripTrailing()));
        assertThat(editor.stage().getTitle()).isEqualTo("Job active_events \u2014 Backfill Studio");
        assertThat(find("#identity").isVisible()).isFalse();
        assertThat(text("#subtitle")).isEqualTo("writes to active_events_out  \u00b7  current version 1");
        ListView<?> versions = find("#versions");
        assertThat(versions.getItems()).hasSize(1);

        // The naive job reads today's item: the warning shows under the editor with its fix.
        waitUntil(() -> text("#lintSummary").equals("1 warning"));
        assertThat(robot.from((Node) find("#findingsBox")).lookup(".lint-finding").queryAll()).hasSize(1);
        assertThat(robot.from((Node) find("#findingsBox")).lookup(".lint-rule").queryLabeled().getText()).isEqualTo("MUTABLE_READ");

        // Preview the day: rows in the grid, with the count and time.
        WaitForAsyncUtils.asyncFx(() -> editor.model().previewDayProperty().set(LocalDate.of(2024, 9, 10))).get();
        robot.clickOn((Node) find("#previewButton"));
        waitUntil(() -> text("#previewSummary").contains(" in "));
        assertThat(text("#previewSummary")).matches("\\d+ rows in \\d+ ms for 2024-09-10");
        assertThat(((ResultGrid) find("#previewGrid")).getItems()).isNotEmpty();
        screenshot("job-editor-lint.png");

        setSql(SNAPSHOT);
        assertThat(find("#dirtyMark").isVisible()).isTrue();
        robot.clickOn((Node) find("#save"));
        waitUntil(() -> text("#saveMessage").equals("Saved as version 2."));
        assertThat(find("#saveMessageBox").isVisible()).isTrue();
        assertThat(versions.getItems()).hasSize(2);
        assertThat(text("#diffTitle")).startsWith("Version 2 against version 1: +");
        assertThat(find("#dirtyMark").isVisible()).isFalse();
        assertThat(saved).extracting(Job::currentVersion).containsExactly(2);
        assertThat(new JobStore(ws).get("active_events").currentVersion()).isEqualTo(2);
        waitUntil(() -> text("#lintSummary").equals("No findings."));
        WaitForAsyncUtils.asyncFx(() -> editor.model().previewDayProperty().set(LocalDate.of(2024, 9, 10))).get();
        robot.clickOn((Node) find("#previewButton"));
        waitUntil(() -> text("#previewSummary").contains(" in "));
        screenshot("job-editor.png");
    }

    @Test
    void aBadSqlSaveShowsTheErrorInlineAndPutsTheCaretOnItsLine() throws Exception {
        open(Optional.empty());
        assertThat(editor.stage().getTitle()).isEqualTo("New job \u2014 Backfill Studio");
        assertThat(find("#identity").isVisible()).isTrue();
        WaitForAsyncUtils.asyncFx(() -> {
            ((TextField) find("#name")).setText("broken");
            ((TextField) find("#target")).setText("broken_out");
        }).get();
        setSql("SELECT e.event_id,\n       e.colour\nFROM item_events e\nWHERE e.date = {DATE}");

        robot.clickOn((Node) find("#save"));
        waitUntil(() -> find("#saveErrorBox").isVisible());

        assertThat(text("#saveError")).contains("colour").contains("line 2");
        assertThat(sqlEditor().area().getCurrentParagraph()).isEqualTo(1);
        assertThat(find("#saveMessageBox").isVisible()).isFalse();
        assertThat(((TextField) find("#name")).isEditable()).isTrue();
        assertThat(new JobStore(ws).find("broken")).isEmpty();
        assertThat(saved).isEmpty();
        screenshot("job-editor-error.png");

        // Fixed, it saves as the job's first version and the name and target are then fixed.
        setSql("SELECT e.event_id,\n       e.kind\nFROM item_events e\nWHERE e.date = {DATE}");
        robot.clickOn((Node) find("#save"));
        waitUntil(() -> text("#saveMessage").equals("Saved as version 1."));
        assertThat(find("#saveErrorBox").isVisible()).isFalse();
        assertThat(find("#identity").isVisible()).isFalse();
        assertThat(editor.stage().getTitle()).isEqualTo("Job broken \u2014 Backfill Studio");
        assertThat(((ListView<?>) find("#versions")).getItems()).hasSize(1);
    }
}
