package dev.backfillstudio.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.export.ExportFormat;
import dev.backfillstudio.export.ExportRequest;
import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.export.Exporter;
import dev.backfillstudio.ingest.TableImporter;
import dev.backfillstudio.support.Files2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 2 of issue 15: every workspace, in the app and at the command line, opens with DuckDB unable
 * to touch a file outside the process's {@link IoFolder}, so SQL that slipped past every check
 * still cannot read or write one. Here the SQL is sent straight to the workspace's own connections
 * (the main one, which the app browses with, and a session, which runs, verifies and previews use):
 * no check stands in between. Imports and exports keep working through the IoFolder.
 */
class FileAccessLockTest {

    @TempDir
    Path dir;

    static List<String> outsideReads(Path secret, Path folder) {
        return List.of(
                "SELECT * FROM read_csv('" + secret + "')",
                "SELECT * FROM read_text('" + secret + "')",
                "SELECT * FROM read_blob('" + secret + "')",
                "SELECT * FROM '" + secret + "'",
                "SELECT * FROM glob('" + folder + "/*')",
                "SELECT * FROM sniff_csv('" + secret + "')");
    }

    @Test
    void noConnectionOfAWorkspaceCanReadOrWriteAFileOutsideTheIoFolder() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files2.write(outside, "secret.csv", "a\n42\n");
        try (Workspace ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE t AS SELECT 1 AS x");
            Db session = ws.newSession();
            for (Db db : List.of(ws.db(), session)) {
                for (String sql : outsideReads(secret, outside)) {
                    assertThatThrownBy(() -> db.query(sql, rs -> 1)).as(sql).hasMessageContaining("disabled by configuration");
                }
                assertThatThrownBy(() -> db.execute("COPY t TO '" + outside.resolve("out.csv") + "'"))
                        .hasMessageContaining("disabled by configuration");
                assertThatThrownBy(() -> db.execute("ATTACH '" + outside.resolve("other.duckdb") + "' AS other"))
                        .hasMessageContaining("disabled by configuration");
            }
            session.connection().close();
        }
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("secret.csv");
        }
    }

    @Test
    void noStatementReopensFileAccessWhileTheWorkspaceIsOpen() throws Exception {
        Path secret = Files2.write(dir, "secret.csv", "a\n42\n");
        try (Workspace ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            Db db = ws.newSession();
            for (String sql : List.of("SET enable_external_access = true", "RESET enable_external_access",
                    "SET allowed_directories = ['" + dir + "/']", "RESET allowed_directories",
                    "SET allowed_paths = ['" + secret + "']", "SET GLOBAL allowed_paths = ['" + secret + "']")) {
                assertThatThrownBy(() -> db.execute(sql)).as(sql).isInstanceOf(java.sql.SQLException.class);
            }
            assertThatThrownBy(() -> ws.db().query("SELECT * FROM read_csv('" + secret + "')", rs -> 1))
                    .hasMessageContaining("disabled by configuration");
            db.connection().close();
        }
    }

    @Test
    void aReadOnlyWorkspaceIsLockedToo() throws Exception {
        Path secret = Files2.write(dir, "secret.csv", "a\n42\n");
        Path file = dir.resolve("w.duckdb");
        Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE).close();
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.READ_ONLY)) {
            assertThatThrownBy(() -> ws.db().query("SELECT * FROM read_csv('" + secret + "')", rs -> 1))
                    .hasMessageContaining("disabled by configuration");
        }
    }

    @Test
    void importsAndExportsStillWorkAndLeaveNothingBehindInTheIoFolder() throws Exception {
        Path csv = Files2.write(dir, "lock-test-events.csv", "id,date\n1,2024-09-01\n2,2024-09-02\n");
        Path out = dir.resolve("lock-test-events.parquet");
        try (Workspace ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            assertThat(new TableImporter(ws).importCsv("events", csv, false).rows()).isEqualTo(2);
            assertThat(new Exporter(ws).export(new ExportRequest(ExportSource.table("events"), ExportFormat.PARQUET, out,
                    false, false)).rows()).isEqualTo(2);
            assertThat(out).isRegularFile();
            assertThat(Files.readString(csv)).as("the imported file is untouched").startsWith("id,date");
            assertThatThrownBy(() -> ws.db().query("SELECT * FROM read_parquet('" + out + "')", rs -> 1))
                    .as("what the app exported is outside too").hasMessageContaining("disabled by configuration");
        }
        // the folder is the process's, shared with other tests (whose staged files a cleaner thread may be
        // removing meanwhile): look only for what this test staged and wrote
        List<String> left = new java.util.ArrayList<>();
        try (Stream<Path> top = Files.list(IoFolder.get().path())) {
            for (Path sub : top.toList()) {
                try (Stream<Path> inner = Files.list(sub)) {
                    inner.map(p -> p.getFileName().toString()).filter(n -> n.contains("lock-test-events")).forEach(left::add);
                } catch (java.io.IOException gone) {
                    // a file, or a folder released meanwhile
                }
            }
        }
        assertThat(left).as("staged imports and exports are released").isEmpty();
    }
}
