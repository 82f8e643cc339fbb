package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.EngineKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `init --engine`: options that do not go together, an engine that does not exist, and a second engine for
 * a workspace that has tables are each refused with exit 2 and one sentence, before any file is made or
 * touched. None of this needs Spark: the refusals come before an engine would start.
 */
class InitEngineCommandTest {

    @TempDir
    Path dir;

    private void refusedWithoutAFile(String sentence, String... options) {
        Path db = dir.resolve("new-" + System.nanoTime() + ".duckdb");
        String[] args = new String[options.length + 3];
        args[0] = "init";
        args[1] = "--db";
        args[2] = db.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).contains(sentence).doesNotContain("\n").doesNotContain("Exception");
        assertThat(db).as("a refused init leaves no file").doesNotExist();
        assertThat(db.resolveSibling(db.getFileName() + ".wal")).doesNotExist();
    }

    @Test
    void aWarehouseOrMasterWithoutSparkAnUnknownEngineAndSparkWithoutAWarehouseAreRefusedBeforeAnyFileIsMade() {
        refusedWithoutAFile("--warehouse goes with --engine spark.", "--warehouse", dir.resolve("wh").toString());
        refusedWithoutAFile("--master goes with --engine spark.", "--engine", "duckdb", "--master", "local[2]");
        refusedWithoutAFile("There is no engine \"flink\": use duckdb or spark.", "--engine", "flink");
        refusedWithoutAFile("A Spark workspace needs --warehouse DIR", "--engine", "spark");
    }

    @Test
    void aWorkspaceWithTablesCannotMoveToAnotherEngineAndStaysByteForByteAsItWas() throws Exception {
        Path db = Workspaces.demoFile(dir.resolve("demo.duckdb"));
        String before = Files2.sha256(db);
        CliRunner.Result r = CliRunner.run("init", "--db", db.toString(), "--engine", "spark", "--warehouse", dir.resolve("wh").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("This workspace runs on duckdb; its engine cannot be changed to spark");
        assertThat(Files2.sha256(db)).isEqualTo(before);
        assertThat(Files.exists(dir.resolve("wh"))).as("no warehouse made").isFalse();
        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.engine().kind()).isEqualTo(EngineKind.DUCKDB);
        }
    }

    @Test
    void aNewWorkspaceRecordsItsEngineAndInitAgainWithTheSameEngineIsFine() throws Exception {
        Path db = dir.resolve("spark.duckdb");
        String wh = dir.resolve("wh").toString();
        CliRunner.Result made = CliRunner.run("init", "--db", db.toString(), "--engine", "spark", "--warehouse", wh);
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("runs on spark (local[2], warehouse " + dir.resolve("wh").toAbsolutePath().normalize());
        CliRunner.Result again = CliRunner.run("init", "--db", db.toString(), "--engine", "spark", "--warehouse", wh);
        assertThat(again.exitCode()).as(again.err()).isZero();
        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.engine().kind()).isEqualTo(EngineKind.SPARK);
        }
    }
}
