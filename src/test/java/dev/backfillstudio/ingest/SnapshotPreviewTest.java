package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotPreviewTest {

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void aNewTableShowsDetectedTypesAndTheAddedDateColumnLimitedToTheRowsAsked() throws Exception {
        Path f = Files.writeString(dir.resolve("item_2024-09-05.csv"), "id,name\n1,a\n2,b\n3,c\n");
        RowSample s = new SnapshotPreview(ws).rows(null, f, SnapshotDateSource.fromFileName(), 2);
        assertThat(s.columns()).containsExactly("id", "name", "snapshot_date");
        assertThat(s.types()).containsExactly("BIGINT", "VARCHAR", "DATE");
        assertThat(s.rows()).hasSize(2);
        assertThat(s.truncated()).isTrue();
        assertThat(s.rows().get(0)).containsExactly(1L, "a", LocalDate.of(2024, 9, 5));
    }

    @Test
    void anExistingTableLendsItsTypesAndListsAsASnapshotTable() throws Exception {
        Path day1 = Files.writeString(dir.resolve("a.csv"), "code,snapshot_date\nx1,2024-09-01\n");
        new SnapshotLoader(ws).load("codes", List.of(day1), SnapshotDateSource.column("snapshot_date"), false);
        Path day2 = Files.writeString(dir.resolve("b.csv"), "code,snapshot_date\n12,2024-09-02\n");

        RowSample s = new SnapshotPreview(ws).rows("codes", day2, SnapshotDateSource.column("snapshot_date"), 50);
        assertThat(s.types()).containsExactly("VARCHAR", "DATE"); // detection alone would say BIGINT
        assertThat(SnapshotTable.list(ws.db())).containsExactly(new SnapshotTable("codes", "snapshot_date"));
    }

    @Test
    void aBrokenRowIsRefusedWithItsLine() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), "id,name\n1,a\n2,\"b\n");
        assertThatThrownBy(() -> new SnapshotPreview(ws).rows(null, f, SnapshotDateSource.day(LocalDate.of(2024, 9, 1)), 50))
                .isInstanceOf(BackfillException.class).hasMessageContaining("bad.csv");
    }
}
