package dev.backfillstudio.ui.export;

import static dev.backfillstudio.ui.FxThread.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Readable;
import dev.backfillstudio.export.ExportFormat;
import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The view model on a real workspace, without a window. Actions run on the JavaFX thread as in the
 * app, and the export task runs right there too (a same-thread executor), so each test is sequential.
 */
class ExportViewModelTest {

    static final LocalDate SEP1 = LocalDate.of(2024, 9, 1);
    static final LocalDate SEP2 = LocalDate.of(2024, 9, 2);
    static final LocalDate SEP3 = LocalDate.of(2024, 9, 3);
    static final Executor SAME_THREAD = Runnable::run;

    @TempDir
    Path dir;
    Path out;
    Workspace ws;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
        out = Files.createDirectory(dir.resolve("out"));
        JobOutputFixture.job(ws.db(), "daily", "daily_out");
        JobOutputFixture.day(ws.db(), "daily", "daily_out", SEP1, 10);
        JobOutputFixture.day(ws.db(), "daily", "daily_out", SEP2, 20);
        JobOutputFixture.day(ws.db(), "daily", "daily_out", SEP3, 30);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    ExportViewModel model(ExportSource source) {
        return onFx(() -> new ExportViewModel(ws, source, SAME_THREAD, out));
    }

    List<Path> filesIn(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    @Test
    void exportingTickedDaysWritesTheFileAndReportsItsRows() throws Exception {
        ExportViewModel vm = model(ExportSource.job("daily", DaySet.of(List.of(SEP1, SEP3))));
        assertThat(vm.sourceSummaryProperty().get()).isEqualTo("job daily, 2 ticked days");
        Path csv = out.resolve("picked.csv");
        onFx(() -> {
            vm.formatProperty().set(ExportFormat.CSV);
            vm.destinationProperty().set(csv.toString());
            vm.export();
        });

        assertThat(vm.phaseProperty().get()).isEqualTo(ExportViewModel.Phase.DONE);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.resultProperty().get().rows()).isEqualTo(40);
        assertThat(vm.resultTextProperty().get()).startsWith("40 rows written to " + csv + " in ");
        assertThat(ws.db().queryLong("SELECT count(*) FROM read_csv(?)", Readable.byWorkspace(csv))).isEqualTo(40);
        assertThat(vm.folderToOpen()).contains(out);
        assertThat(filesIn(out)).containsExactly(csv);
    }

    @Test
    void anExistingFileIsRefusedInTheDialogsWordsAndLeftAsItWas() throws Exception {
        Path existing = Files.writeString(out.resolve("daily.parquet"), "keep me");
        ExportViewModel vm = model(ExportSource.job("daily"));
        assertThat(vm.destinationProperty().get()).isEqualTo(existing.toString());

        onFx(vm::export);

        assertThat(vm.phaseProperty().get()).isEqualTo(ExportViewModel.Phase.FAILED);
        assertThat(vm.errorProperty().get()).isEqualTo(existing
                + " already exists; tick \u201cReplace if it exists\u201d to replace it, or choose another name.");
        assertThat(Files.readString(existing, StandardCharsets.UTF_8)).isEqualTo("keep me");
        assertThat(filesIn(out)).containsExactly(existing);
        assertThat(vm.resultProperty().get()).isNull();

        onFx(() -> {
            vm.overwriteProperty().set(true);
            vm.export();
        });
        assertThat(vm.phaseProperty().get()).isEqualTo(ExportViewModel.Phase.DONE);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(ws.db().queryLong("SELECT count(*) FROM read_parquet(?)", Readable.byWorkspace(existing))).isEqualTo(60);
    }

    @Test
    void theEnginesRefusalIsShownAsItsSentenceAndWritesNothing() throws Exception {
        ExportViewModel vm = model(ExportSource.job("daily", DaySet.range(SEP3, SEP3.plusDays(1))));
        onFx(vm::export);

        assertThat(vm.phaseProperty().get()).isEqualTo(ExportViewModel.Phase.FAILED);
        assertThat(vm.errorProperty().get()).isEqualTo("Job daily has no output for 2024-09-04: those days never ran"
                + " successfully; run them first or leave them out of the day set.");
        assertThat(filesIn(out)).isEmpty();
    }

    @Test
    void cancellingWhileWritingLeavesNothingAndSaysSo() throws Exception {
        ExportViewModel vm = model(ExportSource.table("daily_out"));
        onFx(() -> {
            // DuckDB is about to write: the user presses Cancel now.
            vm.statusProperty().addListener((o, a, text) -> {
                if (text.startsWith("Writing")) {
                    vm.cancel();
                }
            });
            vm.export();
        });

        assertThat(vm.phaseProperty().get()).isEqualTo(ExportViewModel.Phase.CANCELLED);
        assertThat(vm.statusProperty().get()).isEqualTo("Export cancelled; nothing was written.");
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(filesIn(out)).isEmpty();
    }

    @Test
    void theDefaultNameFollowsFormatAndPartitioningUntilTheUserNamesTheFile() {
        ExportViewModel vm = model(ExportSource.job("daily"));
        assertThat(vm.destinationProperty().get()).isEqualTo(out.resolve("daily.parquet").toString());
        assertThat(vm.sourceSummaryProperty().get()).isEqualTo("job daily, all days");
        onFx(() -> vm.formatProperty().set(ExportFormat.JSON));
        assertThat(vm.destinationProperty().get()).isEqualTo(out.resolve("daily.json").toString());
        onFx(() -> vm.partitionedProperty().set(true));
        assertThat(vm.destinationProperty().get()).isEqualTo(out.resolve("daily").toString());
        onFx(() -> {
            vm.partitionedProperty().set(false);
            vm.destinationProperty().set(out.resolve("mine.txt").toString());
            vm.formatProperty().set(ExportFormat.CSV);
        });
        assertThat(vm.destinationProperty().get()).isEqualTo(out.resolve("mine.txt").toString());
    }

    @Test
    void aBlankDestinationCannotBeExported() {
        ExportViewModel vm = model(ExportSource.table("daily_out"));
        assertThat(vm.canExportProperty().get()).isTrue();
        onFx(() -> vm.destinationProperty().set("  "));
        assertThat(vm.canExportProperty().get()).isFalse();
    }

    /** A job's output as the backfill engine leaves it, as in the export package's tests. */
    static final class JobOutputFixture {

        static void job(Db db, String job, String target) throws Exception {
            db.update("INSERT INTO bfs.jobs (name, target, current_version) VALUES (?, ?, 1)", job, target);
            db.execute("CREATE TABLE " + Db.ident(target) + " (item_id BIGINT, name VARCHAR, amount DOUBLE,"
                    + " partition_date DATE)");
        }

        static void day(Db db, String job, String target, LocalDate day, int rows) throws Exception {
            db.update("INSERT INTO " + Db.ident(target) + " SELECT i, 'item ' || i, i * 1.25, ? FROM range(?) r(i)", day, rows);
            db.update("INSERT INTO bfs.attempts (run_id, job, day, version, outcome, rows, fingerprint, started_at, duration_ms)"
                    + " VALUES (nextval('bfs.run_ids'), ?, ?, 1, 'SUCCEEDED', ?, 'fp', current_timestamp, 1)", job, day, rows);
        }
    }
}
