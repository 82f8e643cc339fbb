package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.export.ExportFormat;
import dev.backfillstudio.export.ExportRequest;
import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.export.Exporter;
import dev.backfillstudio.ingest.HistoryBuilder;
import dev.backfillstudio.ingest.SnapshotDateSource;
import dev.backfillstudio.ingest.SnapshotLoader;
import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, a read-only workspace: it opens, browses and exports, and every write is refused with one
 * sentence saying it is read-only, leaving the file byte-identical. The mode is forced here with
 * {@code OpenMode.READ_ONLY}: the tests run as root, whom permission bits do not stop, so a chmod'ed
 * file cannot show the detection of an unwritable file or folder on this machine.
 */
class ReadOnlyWorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void aReadOnlyWorkspaceBrowsesAndExportsAndRefusesEveryWriteWithASentenceLeavingTheFileIdentical() throws Exception {
        Path file = dir.resolve("w.duckdb");
        String job = SampleData.SNAPSHOT_JOB;
        LocalDate day;
        try (Workspace ws = Workspaces.demo(file)) {
            day = ws.db().queryOne("SELECT min(day) FROM bfs.partitions WHERE job = ?", rs -> rs.getObject(1, LocalDate.class), job)
                    .orElseThrow();
            ws.db().execute("CHECKPOINT");
        }
        String before = Files2.sha256(file);
        Path csv = Files2.write(dir, "item_2024-12-01.csv", "id,name,status\n1,a,ACTIVE\n");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ws.readOnly()).isTrue();
            assertThat(new StatusReader(ws).days(job, day, day)).singleElement()
                    .satisfies(d -> assertThat(d.fingerprint()).isPresent());
            assertThat(new PartitionPreview(ws).rows(job, day, 10).rows()).isNotEmpty();
            assertThat(TableCatalog.list(ws.db())).isNotEmpty();
            assertThat(new Exporter(ws).export(new ExportRequest(ExportSource.table("item"), ExportFormat.CSV,
                    dir.resolve("item.csv"), false, false)).rows()).isPositive();

            String sentence = file + " is open read-only (the file or its folder cannot be written).";
            List<ThrowingCallable> writes = List.of(
                    () -> new Backfill(ws).run(job, DaySet.parse(day.toString()), RunListener.NONE),
                    () -> new JobStore(ws).save("other", "other_out", "SELECT * FROM item_events WHERE date = {DATE}"),
                    () -> new TableImporter(ws).importCsv("more", csv, false),
                    () -> new SnapshotLoader(ws).load("item_snapshot", List.of(csv), SnapshotDateSource.fromFileName(), false),
                    () -> new HistoryBuilder(ws).build("item_snapshot", List.of("id"), null));
            for (ThrowingCallable write : writes) {
                assertThatThrownBy(write).isInstanceOfSatisfying(BackfillException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackfillException.Kind.BAD_INPUT)).hasMessage(sentence);
            }
        }
        assertThat(Files2.sha256(file)).isEqualTo(before);
    }
}
