package dev.backfillstudio.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.support.Readable;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9: an export killed with kill -9 never leaves a half-written file at its target name. */
class ExportCrashTest {

    static final long ROWS = 1_000_000;

    @TempDir
    Path dir;
    Path db;
    Path out;

    @BeforeEach
    void workspace() throws Exception {
        db = dir.resolve("w.duckdb");
        out = Files.createDirectory(dir.resolve("out"));
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            // wide enough that rows held in the Java heap would not fit in 64 MB
            ws.db().execute("CREATE TABLE events AS SELECT i AS id, 'event text number ' || i || ' with some padding' AS v,"
                    + " DATE '2024-01-01' + (i % 90)::INTEGER AS d FROM range(" + ROWS + ") r(i)");
        }
    }

    List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    long rowsIn(Path json) throws Exception {
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.READ_ONLY)) {
            return ws.db().queryLong("SELECT count(*) FROM read_json(" + Db.literal(Readable.byWorkspace(json)) + ")");
        }
    }

    /** The next export to the same name removes the dead temporary and writes the whole file. */
    void nextExportCleansUp(Path target) throws Exception {
        boolean replace = Files.exists(target);
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.EXISTING)) {
            ExportResult r = new Exporter(ws).export(new ExportRequest(ExportSource.table("events"), ExportFormat.JSON, target, false, replace));
            assertThat(r.rows()).isEqualTo(ROWS);
        }
        assertThat(leftovers()).isEmpty();
        assertThat(rowsIn(target)).isEqualTo(ROWS);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 37})
    void killedAtASeededPointWhileCopyingLeavesNoFileAtTheTarget(long seed) throws Exception {
        int delayMs = new Random(seed).nextInt(400);
        Path target = out.resolve("events.json");
        try (ChildJvm child = ChildJvm.start(ExportInChild.class, db.toString(), "events", target.toString(), "json")) {
            child.awaitLine("copying");
            Thread.sleep(delayMs);
            child.kill();
        }
        // either the kill came first and nothing is at the target, or the rename did and the file is whole
        if (Files.exists(target)) {
            assertThat(rowsIn(target)).as("seed %d, killed after %d ms", seed, delayMs).isEqualTo(ROWS);
        }
        nextExportCleansUp(target);
    }

    @Test
    void killedBetweenTheCompleteTemporaryAndItsRenameLeavesOnlyTheTemporaryWhichTheNextExportRemoves() throws Exception {
        Path target = out.resolve("events.json");
        try (ChildJvm child = ChildJvm.start(ExportInChild.class, db.toString(), "events", target.toString(), "json", "pause-when-written")) {
            child.awaitLine("written");
            child.kill();
        }
        assertThat(target).doesNotExist();
        assertThat(leftovers()).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith(".events.json.partial-"));
        nextExportCleansUp(target);
    }

    @Test
    void exportingAMillionRowsFitsInA64MbHeapBecauseNoRowPassesThroughJava() throws Exception {
        Path target = out.resolve("events.parquet");
        try (ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), ExportInChild.class, db.toString(), "events", target.toString(), "parquet")) {
            child.awaitLine("copying");
            String done = child.readLine();
            assertThat(child.waitFor()).as(done).isZero();
            String[] parts = done.split(" ");
            assertThat(parts[0]).isEqualTo("done");
            assertThat(Long.parseLong(parts[1])).isEqualTo(ROWS);
            assertThat(Long.parseLong(parts[2])).isLessThanOrEqualTo(64L * 1024 * 1024);
        }
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ws.db().queryLong("SELECT count(*) FROM read_parquet(" + Db.literal(Readable.byWorkspace(target)) + ")")).isEqualTo(ROWS);
        }
    }
}
