package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.ChildJvm;
import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.HoldWorkspace;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, bad workspaces at the command line: each is refused with exit 2 and one sentence naming the
 * file, and the file is byte-for-byte what it was (SHA-256 before and after).
 *
 * <p>Read-only files: these tests run as root here, and root writes whatever the permission bits
 * say, so a chmod'ed file or folder cannot be made unwritable to test the detection itself. The
 * read-only behaviour (browse and export work, writes are refused with a sentence, the file is
 * untouched) is held through {@code Workspace.OpenMode.READ_ONLY} by {@code ReadOnlyWorkspaceTest}, {@code WorkspaceTest} and
 * {@code ExporterTest.aReadOnlyWorkspaceExportsAndIsNotModified}.
 */
class BadWorkspaceCliTest {

    @TempDir
    Path dir;
    Path csv;

    @BeforeEach
    void aGoodCsv() throws Exception {
        csv = Files2.write(dir, "good.csv", "id\n1\n");
    }

    private CliRunner.Result importInto(Path db) {
        return CliRunner.run("import", "--db", db.toString(), "--table", "t", "--csv", csv.toString());
    }

    private void assertRefusedUntouched(Path db, String expected) throws Exception {
        String before = Files2.sha256(db);
        CliRunner.Result r = importInto(db);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(db.toAbsolutePath().toString()).contains(expected);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(Files2.sha256(db)).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotDuckDbIsRefusedUntouched() throws Exception {
        Path notDb = Files2.write(dir, "notes.duckdb", "just some text, long enough to have a header\n");
        assertRefusedUntouched(notDb, "is not a DuckDB database file.");
    }

    @Test
    void aForeignDuckDbFileIsRefusedWithTheInitHintAndInitThenKeepsItsTables() throws Exception {
        Path foreign = dir.resolve("foreign.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + foreign); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE theirs AS SELECT range AS x FROM range(5)");
        }
        assertRefusedUntouched(foreign, "is a DuckDB database but not a Backfill Studio workspace; run `init --db " + foreign);
        assertThat(CliRunner.run("init", "--db", foreign.toString()).exitCode()).isZero();
        assertThat(importInto(foreign).exitCode()).isZero();
        try (Workspace ws = Workspace.open(foreign, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ws.db().queryLong("SELECT sum(x) FROM theirs")).isEqualTo(10);
        }
    }

    @Test
    void metadataNewerThanTheAppIsRefusedUntouched() throws Exception {
        Path newer = dir.resolve("newer.duckdb");
        try (Workspace ws = Workspace.open(newer, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().update("UPDATE bfs.meta SET value = '999' WHERE key = 'schema_version'");
        }
        assertRefusedUntouched(newer, "was written by a newer Backfill Studio (metadata version 999");
    }

    @Test
    void aWorkspaceHeldByAnotherProcessIsRefusedNamingThatProcessAndUntouched() throws Exception {
        Path held = dir.resolve("held.duckdb");
        try (Workspace ws = Workspace.open(held, Workspace.OpenMode.CREATE_OR_INITIALISE)) {
            ws.db().execute("CHECKPOINT");
        }
        try (ChildJvm child = ChildJvm.start(HoldWorkspace.class, held.toString())) {
            child.awaitLine("ready");
            assertRefusedUntouched(held, "is open in another process (java, PID " + child.pid() + "); close it there and try again.");
        }
    }
}
