package dev.backfillstudio.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.HoldWorkspace;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void createsAWorkspaceWithTheLatestMetadataAndReopensIt() throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            assertThat(ws.db().queryOne("SELECT value FROM bfs.meta WHERE key = 'schema_version'", rs -> rs.getString(1)))
                    .contains(Integer.toString(Migrations.latest()));
            ws.db().execute("CREATE TABLE t AS SELECT 42 AS x");
        }
        try (Workspace ws = Workspace.open(file)) {
            assertThat(ws.db().queryLong("SELECT x FROM t")).isEqualTo(42);
            assertThat(ws.readOnly()).isFalse();
        }
    }

    @Test
    void refusesAMissingFileWhenAnExistingOneIsExpected() {
        Path file = dir.resolve("nope.duckdb");
        assertThatThrownBy(() -> Workspace.open(file))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("nope.duckdb does not exist");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAFileThatIsNotDuckDbAndLeavesItUntouched() throws Exception {
        Path file = Files2.write(dir, "notes.duckdb", "these are my notes, not a database\n".repeat(20));
        String before = Files2.sha256(file);
        assertThatThrownBy(() -> Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("notes.duckdb is not a DuckDB database file");
        assertThat(Files2.sha256(file)).isEqualTo(before);
    }

    @Test
    void refusesMetadataNewerThanTheAppAndLeavesTheFileUntouched() throws Exception {
        Path file = dir.resolve("future.duckdb");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().update("UPDATE bfs.meta SET value = '999' WHERE key = 'schema_version'");
        }
        String before = Files2.sha256(file);
        assertThatThrownBy(() -> Workspace.open(file))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("newer Backfill Studio")
                .hasMessageContaining("metadata version 999");
        assertThat(Files2.sha256(file)).isEqualTo(before);
        assertThat(((WorkspaceException) catchOpen(file)).reason()).isEqualTo(WorkspaceException.Reason.NEWER_VERSION);
    }

    @Test
    void aForeignDuckDbFileIsRefusedUntilInitialisedAndKeepsItsTables() throws Exception {
        Path file = dir.resolve("foreign.duckdb");
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders AS SELECT range AS id FROM range(10)");
        }
        String before = Files2.sha256(file);
        WorkspaceException e = catchOpen(file);
        assertThat(e.reason()).isEqualTo(WorkspaceException.Reason.NO_METADATA);
        assertThat(e).hasMessageContaining("not a Backfill Studio workspace").hasMessageContaining("init --db");
        assertThat(Files2.sha256(file)).isEqualTo(before);

        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            assertThat(ws.db().queryLong("SELECT count(*) FROM orders")).isEqualTo(10);
        }
        try (Workspace ws = Workspace.open(file)) {
            assertThat(TableCatalog.list(ws.db())).extracting(TableInfo::name).containsExactly("orders");
        }
    }

    @Test
    void aFileHeldByAnotherProcessIsRefusedNamingTheProcess() throws Exception {
        Path file = dir.resolve("held.duckdb");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE t AS SELECT 1 AS x");
        }
        try (ChildJvm child = ChildJvm.start(HoldWorkspace.class, file.toString())) {
            child.awaitLine("ready");
            String before = Files2.sha256(file);
            WorkspaceException e = catchOpen(file);
            assertThat(e.reason()).isEqualTo(WorkspaceException.Reason.LOCKED);
            assertThat(e).hasMessageContaining("held.duckdb is open in another process")
                    .hasMessageContaining("PID " + child.pid());
            assertThat(Files2.sha256(file)).isEqualTo(before);
        }
    }

    @Test
    void readOnlyModeAllowsBrowsingRefusesWritesAndLeavesTheFileUntouched() throws Exception {
        Path file = dir.resolve("ro.duckdb");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CREATE TABLE t AS SELECT 1 AS x");
        }
        String before = Files2.sha256(file);
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ws.readOnly()).isTrue();
            assertThat(ws.db().queryLong("SELECT x FROM t")).isEqualTo(1);
            assertThatThrownBy(ws::requireWritable).hasMessageContaining("read-only");
            assertThatThrownBy(() -> ws.db().execute("CREATE TABLE u (x INT)")).isInstanceOf(java.sql.SQLException.class);
        }
        assertThat(Files2.sha256(file)).isEqualTo(before);
    }

    @Test
    void aReadOnlyOpenRefusesNewerMetadataOrNoMetadataAndLetsGoOfTheFile() throws Exception {
        Path future = dir.resolve("future-ro.duckdb");
        try (Workspace ws = Workspace.open(future, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().update("UPDATE bfs.meta SET value = '999' WHERE key = 'schema_version'");
        }
        Path plain = dir.resolve("plain-ro.duckdb");
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + plain); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t AS SELECT 1 AS x");
        }
        String futureBefore = Files2.sha256(future);
        String plainBefore = Files2.sha256(plain);

        assertThatThrownBy(() -> Workspace.open(future, Workspace.OpenMode.READ_ONLY))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("metadata version 999");
        assertThatThrownBy(() -> Workspace.open(plain, Workspace.OpenMode.READ_ONLY))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("not a Backfill Studio workspace");

        assertThat(Files2.sha256(future)).isEqualTo(futureBefore);
        assertThat(Files2.sha256(plain)).isEqualTo(plainBefore);
        // the refused read-only connections were closed: opening the files for writing works again in this process
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + plain); Statement st = c.createStatement()) {
            st.execute("INSERT INTO t VALUES (2)");
        }
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + future); Statement st = c.createStatement()) {
            st.execute("UPDATE bfs.meta SET value = '1' WHERE key = 'schema_version'");
        }
    }

    @Test
    void aSessionGivenBackIsLentAgainAndClosingTheWorkspaceClosesTheSessionsItKept() throws Exception {
        Path file = dir.resolve("sessions.duckdb");
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            Db first = ws.borrowSession();
            Db second = ws.borrowSession();
            assertThat(second).isNotSameAs(first);
            ws.giveBack(first);
            assertThat(ws.borrowSession()).isSameAs(first);
            ws.giveBack(first);
            ws.giveBack(second);
        }
        // a kept session still open would keep the database open for writing in this process: a read-only open would fail
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly()); Statement st = c.createStatement()) {
            assertThat(st.executeQuery("SELECT count(*) FROM bfs.meta").next()).isTrue();
        }
    }

    @Test
    void aReadOnlyOpenTakesTheConnectionOpenedAheadForItsFile() throws Exception {
        Path file = dir.resolve("ahead.duckdb");
        Path other = dir.resolve("other.duckdb");
        for (Path p : new Path[] {file, other}) {
            try (Workspace ws = Workspace.open(p, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
                ws.db().execute("CREATE TABLE t AS SELECT " + (p == file ? 1 : 2) + " AS x");
            }
        }
        Thread ahead = new Thread(Workspace.prefetchReadOnly(file));
        ahead.start();
        ahead.join();
        // the file replaced after it was opened ahead: an open of its own would read the new one
        java.nio.file.Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ws.db().queryLong("SELECT x FROM t")).isEqualTo(1);
        }
        // taken once: the next open is an open of its own
        try (Workspace ws = Workspace.open(file, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ws.db().queryLong("SELECT x FROM t")).isEqualTo(2);
        }
    }

    @Test
    void aFileOpenedAheadInVainIsReportedByTheOpenAsAlways() throws Exception {
        Path notes = Files2.write(dir, "notes-ahead.duckdb", "these are my notes, not a database\n".repeat(20));
        String before = Files2.sha256(notes);
        Path missing = dir.resolve("missing-ahead.duckdb");
        Workspace.prefetchReadOnly(notes).run();
        Workspace.prefetchReadOnly(missing).run();

        assertThatThrownBy(() -> Workspace.open(notes, Workspace.OpenMode.READ_ONLY))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("is not a DuckDB database file");
        assertThatThrownBy(() -> Workspace.open(missing, Workspace.OpenMode.READ_ONLY))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("does not exist");
        assertThat(Files2.sha256(notes)).isEqualTo(before);
        assertThat(missing).doesNotExist();
    }

    private static java.util.Properties readOnly() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("duckdb.read_only", "true");
        return p;
    }

    private static WorkspaceException catchOpen(Path file) {
        try (Workspace ignored = Workspace.open(file)) {
            throw new AssertionError("expected " + file + " to be refused");
        } catch (WorkspaceException e) {
            return e;
        }
    }
}
