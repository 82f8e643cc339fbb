package dev.backfillstudio.ui.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

class ResultGridTest {

    @TempDir
    Path dir;

    @Test
    void selectedRowsCopyAsTabSeparatedTextWithAHeader() throws Exception {
        RowSample sample;
        try (Workspace ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            Db db = ws.db();
            sample = db.sample("SELECT * FROM (VALUES (1, 'a\tb', DATE '2024-09-01'), (2, NULL, DATE '2024-09-02'),"
                    + " (3, 'line\nbreak', DATE '2024-09-03')) v(id, note, day) ORDER BY id", 1000);
        }
        FxToolkit.registerPrimaryStage();
        AtomicReference<String> copied = new AtomicReference<>();
        AtomicReference<String> selection = new AtomicReference<>();
        RowSample rows = sample;
        new FxRobot().interact(() -> {
            ResultGrid grid = new ResultGrid();
            grid.show(rows);
            grid.getSelectionModel().select(0);
            grid.getSelectionModel().select(2);
            selection.set(grid.selectionAsTsv());
            grid.copySelection();
            copied.set(Clipboard.getSystemClipboard().getString());
        });
        assertThat(selection.get()).isEqualTo("id\tnote\tday\n1\ta b\t2024-09-01\n3\tline break\t2024-09-03\n");
        assertThat(copied.get()).isEqualTo(selection.get());
        assertThat(sample.truncated()).isFalse();
        assertThat(RowSample.toTsv(rows.columns(), rows.rows())).contains("2\t\t2024-09-02\n");
    }
}
