package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, bad files for {@code import}: each malformed file is refused with exit 2 and one sentence
 * naming the file (and the line where there is one), and no table of the workspace changes, neither
 * the user's nor the app's own. The files are generated here: they are tiny and some are binary.
 * The snapshot path, where column types are fixed, has its own corpus in {@link SnapshotCommandTest}.
 */
class ImportBadFilesTest {

    @TempDir
    static Path dir;
    static Path db;

    @BeforeAll
    static void sampleWithJobs() {
        db = dir.resolve("w.duckdb");
        Workspaces.demoFile(db);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("ragged.csv", bytes("a,b,c\n1,2,3\n4,5\n"), "ragged.csv line 3: expected 3 columns but found 2"),
                Arguments.of("overlong.csv", bytes("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n"), "overlong.csv line 4: expected 3 columns but found 4"),
                Arguments.of("dupheader.csv", bytes("id,name,ID\n1,a,2\n"), "dupheader.csv line 1: the header names column \"ID\" twice"),
                Arguments.of("noname.csv", bytes("id,,status\n1,a,ACTIVE\n"), "noname.csv line 1: column 2 of the header has no name"),
                Arguments.of("blankheader.csv", bytes("\n1,2\n"), "blankheader.csv line 1: the header is empty"),
                Arguments.of("empty.csv", new byte[0], "empty.csv is empty"),
                Arguments.of("utf8.csv", new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xc3, (byte) 0x28, '\n'},
                        "utf8.csv line 2: the text is not valid UTF-8"),
                Arguments.of("utf8header.csv", new byte[] {'a', ',', (byte) 0xff, '\n', '1', ',', '2', '\n'},
                        "utf8header.csv line 1: the header is not valid UTF-8 text"),
                Arguments.of("quote.csv", bytes("a,b,c\n1,\"2,3\n4,5,6\n"), "quote.csv line 2: a quoted value is never closed"),
                Arguments.of("image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
                        "image.png is not a text file (line 3 holds binary data)"),
                Arguments.of("nul.csv", bytes("a,b\n1,2\n3,\u0000\n"), "nul.csv is not a text file (line 3 holds binary data)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aMalformedFileIsRefusedWithExit2AndOneSentenceNamingFileAndLineAndNoTableChanges(String name, byte[] content,
            String expected) throws Exception {
        Path csv = Files2.writeBytes(dir, name, content);
        assertRefusedUnchanged(expected, csv, "--table", "fresh");
        // replacing an existing event table with the bad file keeps the old table whole as well
        assertRefusedUnchanged(expected, csv, "--table", "item_events", "--replace");
    }

    @Test
    void aDirectoryAMissingPathAndAnInvalidTableNameAreRefusedTheSameWay() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder.csv"));
        assertRefusedUnchanged("folder.csv is a directory, not a CSV file.", folder, "--table", "fresh");
        assertRefusedUnchanged("absent.csv does not exist.", dir.resolve("absent.csv"), "--table", "fresh");
        Path good = Files2.write(dir, "good.csv", "a\n1\n");
        CliRunner.Result r = run(good, "--table", "x; DROP TABLE item");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("is not a valid table name");
    }

    @Test
    void anExistingTableIsRefusedWithoutReplaceAndKeptWhole() throws Exception {
        Path good = Files2.write(dir, "item_events.csv", "a\n1\n");
        assertRefusedUnchanged("Table item_events already exists; add --replace", good, "--table", "item_events");
    }

    /**
     * {@code import} detects each column's type from the whole file, so a date column holding a bad
     * date ("yesterday"), an impossible one (2024-02-30) or a number column holding a word is not an
     * error here: the column becomes text and every row loads unchanged, which is what the file says.
     * Where the type is fixed (a snapshot day loaded into its table) the same values are refused with
     * their line: see {@link SnapshotCommandTest}.
     */
    @Test
    void badDatesImpossibleDatesAndWordsAmongNumbersLoadAsTextBecauseTypesComeFromTheWholeFile() throws Exception {
        Path csv = Files2.write(dir, "loose.csv", "id,day,amount\n1,2024-02-28,10\n2,2024-02-30,11\n3,yesterday,twelve\n");
        CliRunner.Result r = run(csv, "--table", "loose");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ws.db().query("SELECT column_name || ' ' || data_type FROM duckdb_columns() WHERE table_name = 'loose'"
                    + " ORDER BY column_index", rs -> rs.getString(1))).containsExactly("id BIGINT", "day VARCHAR", "amount VARCHAR");
            assertThat(ws.db().query("SELECT day FROM loose ORDER BY id", rs -> rs.getString(1)))
                    .containsExactly("2024-02-28", "2024-02-30", "yesterday");
        }
    }

    @Test
    void awkwardButValidFilesLoadExactly() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "id,note,day\r\n1,\"a, b\",2024-09-01\r\n2,\"two\r\nlines\",2024-09-02\r\n3,\"say \"\"hi\"\"\",2024-09-03\r\n\r\n";
        byte[] body = bytes(text);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Path csv = Files2.writeBytes(dir, "awkward.csv", all);
        CliRunner.Result r = run(csv, "--table", "awkward");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Created awkward: 3 rows from awkward.csv (event table, dated by day)");
        try (Workspace ws = Workspace.open(db, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ws.db().query("SELECT id || '|' || note FROM awkward ORDER BY id", rs -> rs.getString(1)))
                    .containsExactly("1|a, b", "2|two\r\nlines", "3|say \"hi\"");
            assertThat(ws.db().queryLong("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'awkward' AND column_name = 'id'"))
                    .as("the BOM is not part of the first column's name").isEqualTo(1);
        }
    }

    private static CliRunner.Result run(Path csv, String... more) {
        String[] args = Stream.concat(Stream.of("import", "--db", db.toString(), "--csv", csv.toString()), Stream.of(more))
                .toArray(String[]::new);
        return CliRunner.run(args);
    }

    private static void assertRefusedUnchanged(String expected, Path csv, String... more) {
        String before = WorkspaceState.of(db);
        CliRunner.Result r = run(csv, more);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(expected);
        assertThat(r.err().strip().lines()).as("one sentence").hasSize(1);
        if (!expected.startsWith("Table ")) {
            assertThat(r.err()).contains(csv.toAbsolutePath().normalize().toString());
        }
        assertThat(r.out()).isEmpty();
        assertThat(WorkspaceState.of(db)).isEqualTo(before);
    }
}
