package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Files2;
import dev.backfillstudio.support.WorkspaceState;
import dev.backfillstudio.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotCommandTest {

    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void workspaceWithOneDay() throws Exception {
        db = dir.resolve("w.duckdb");
        assertThat(CliRunner.run("init", "--db", db.toString()).exitCode()).isZero();
        Path first = Files2.write(dir, "item_2024-08-31.csv", "id,name,status,snapshot_date\n1,a,ACTIVE,2024-08-31\n2,b,PASSIVE,2024-08-31\n");
        CliRunner.Result r = snapshot("--date-column", "snapshot_date", "--csv", first.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private CliRunner.Result snapshot(String... args) {
        String[] all = Stream.concat(Stream.of("snapshot", "--db", db.toString(), "--table", "item_snapshot"), Stream.of(args))
                .toArray(String[]::new);
        return CliRunner.run(all);
    }

    private String fingerprint() {
        try (Workspace ws = Workspace.open(db)) {
            return ws.db().queryOne("SELECT count(*) || ':' || sum(hash(t)) FROM item_snapshot t", rs -> rs.getString(1)).orElseThrow()
                    + "|" + ws.db().queryLong("SELECT count(*) FROM bfs.tables");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> badFiles() {
        String h = "id,name,status,snapshot_date\n";
        return Stream.of(
                Arguments.of("ragged.csv", bytes(h + "3,c,ACTIVE,2024-09-01\n4,d,ACTIVE\n"), "ragged.csv line 3: expected 4 columns but found 3"),
                Arguments.of("long.csv", bytes(h + "3,c,ACTIVE,2024-09-01,extra\n"), "long.csv line 2: expected 4 columns but found 5"),
                Arguments.of("header.csv", bytes("id,label,status,snapshot_date\n3,c,ACTIVE,2024-09-01\n"),
                        "header.csv line 1: the columns do not match item_snapshot (missing name; not in the table label)"),
                Arguments.of("dupheader.csv", bytes("id,id,status,snapshot_date\n3,3,A,2024-09-01\n"), "dupheader.csv line 1: the header names column \"id\" twice"),
                Arguments.of("baddate.csv", bytes(h + "3,c,ACTIVE,2024-09-01\n4,d,ACTIVE,yesterday\n"),
                        "baddate.csv line 3: \"yesterday\" in column snapshot_date is not a valid DATE"),
                Arguments.of("impossible.csv", bytes(h + "3,c,ACTIVE,2024-02-30\n"),
                        "impossible.csv line 2: \"2024-02-30\" in column snapshot_date is not a valid DATE"),
                Arguments.of("wrongtype.csv", bytes(h + "three,c,ACTIVE,2024-09-01\n"), "wrongtype.csv line 2: \"three\" in column id is not a valid BIGINT"),
                Arguments.of("mixed.csv", bytes(h + "3,c,ACTIVE,2024-09-01\n4,d,ACTIVE,2024-09-02\n"),
                        "mixed.csv line 3: snapshot_date is 2024-09-02, another day than the rest"),
                Arguments.of("empty.csv", new byte[0], "empty.csv is empty"),
                Arguments.of("utf.csv", new byte[] {'i', 'd', ',', 'n', 'a', 'm', 'e', ',', 's', 't', 'a', 't', 'u', 's', ',', 's', 'n', 'a', 'p',
                    's', 'h', 'o', 't', '_', 'd', 'a', 't', 'e', '\n', '3', ',', (byte) 0xff, (byte) 0xfe, ',', 'A', ',',
                    '2', '0', '2', '4', '-', '0', '9', '-', '0', '1', '\n'}, "utf.csv line 2: the text is not valid UTF-8"),
                Arguments.of("quote.csv", bytes(h + "3,\"c,ACTIVE,2024-09-01\n4,d,ACTIVE,2024-09-01\n"), "quote.csv line 2: a quoted value is never closed"),
                Arguments.of("binary.csv", new byte[] {'i', 'd', '\n', 0, 1, 2, '\n'}, "binary.csv is not a text file"),
                Arguments.of("nodate.csv", bytes("id,name,status\n3,c,ACTIVE\n"), "nodate.csv line 1: the header has no column snapshot_date"),
                Arguments.of("headeronly.csv", bytes(h), "headeronly.csv has no rows"),
                Arguments.of("sameday.csv", bytes(h + "3,c,ACTIVE,2024-08-31\n"), "item_snapshot already has the snapshot of 2024-08-31; add --replace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadSnapshotFileIsRefusedWithExit2AndOneSentenceAndTheTableUnchanged(String name, byte[] content, String expected)
            throws Exception {
        Path csv = Files2.writeBytes(dir, name, content);
        String before = fingerprint();
        CliRunner.Result r = snapshot("--date-column", "snapshot_date", "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(expected).contains(csv.toAbsolutePath().toString());
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void aDirectoryOrAMissingPathIsRefusedWithExit2() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("folder.csv"));
        String before = fingerprint();
        CliRunner.Result r = snapshot("--date", "2024-09-01", "--csv", sub.toString(), dir.resolve("absent.csv").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("folder.csv is a directory").contains("absent.csv does not exist");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void awkwardButValidFilesLoad() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = bytes("id,name,status,snapshot_date\r\n3,\"Smith, Jo\",\"two\nlines\",2024-09-01\r\n4,Ann,ACTIVE,2024-09-01\r\n\r\n");
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Path csv = Files2.writeBytes(dir, "awkward.csv", all);
        CliRunner.Result r = snapshot("--date-column", "snapshot_date", "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("LOADED   awkward.csv: 2024-09-01, 2 rows");
        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.db().queryOne("SELECT name || '|' || status FROM item_snapshot WHERE id = 3", rs -> rs.getString(1)))
                    .contains("Smith, Jo|two\nlines");
        }
    }

    @Test
    void manyFilesWithOneBadLoadTheOthersAndExit1() throws Exception {
        String h = "id,name,status,snapshot_date\n";
        Path a = Files2.write(dir, "a.csv", h + "1,a,ACTIVE,2024-09-01\n");
        Path b = Files2.write(dir, "b.csv", h + "1,a,ACTIVE,2024-09-02\n1,a\n");
        Path c = Files2.write(dir, "c.csv", h + "1,a,PASSIVE,2024-09-03\n");
        CliRunner.Result r = snapshot("--date-column", "snapshot_date", "--csv", a.toString(), b.toString(), c.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("LOADED   a.csv: 2024-09-01, 1 row").contains("LOADED   c.csv: 2024-09-03, 1 row")
                .contains("2 of 3 files loaded into item_snapshot; 1 refused.");
        assertThat(r.err()).contains("REFUSED").contains("b.csv line 3: expected 4 columns but found 2");
        try (Workspace ws = Workspace.open(db)) {
            assertThat(ws.db().queryLong("SELECT count(DISTINCT snapshot_date) FROM item_snapshot")).isEqualTo(3);
        }
    }

    @Test
    void allFilesBadExit2() throws Exception {
        Path a = Files2.write(dir, "a.csv", "id\n1\n");
        Path b = Files2.write(dir, "b.csv", "id\n2\n");
        String before = fingerprint();
        CliRunner.Result r = snapshot("--date-from-filename", "--csv", a.toString(), b.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("a.csv: the file name holds no day").contains("b.csv: the file name holds no day");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void replaceSwapsADayAndSaysSo() throws Exception {
        Path again = Files2.write(dir, "again.csv", "id,name,status\n1,a,PASSIVE\n");
        CliRunner.Result r = snapshot("--date", "2024-08-31", "--replace", "--csv", again.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("REPLACED again.csv: 2024-08-31, 1 row");
    }

    @Test
    void aReplacementWithTheDaysOwnRowsSaysNothingThatReadTheDayChanges() throws Exception {
        Path reordered = Files2.write(dir, "reordered.csv", "id,name,status,snapshot_date\n2,b,PASSIVE,2024-08-31\n1,a,ACTIVE,2024-08-31\n");
        CliRunner.Result same = snapshot("--date-column", "snapshot_date", "--replace", "--csv", reordered.toString());
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).contains("REPLACED reordered.csv: 2024-08-31, 2 rows, the same rows as before");

        Path changed = Files2.write(dir, "changed.csv", "id,name,status,snapshot_date\n2,b,ACTIVE,2024-08-31\n1,a,ACTIVE,2024-08-31\n");
        CliRunner.Result other = snapshot("--date-column", "snapshot_date", "--replace", "--csv", changed.toString());
        assertThat(other.out()).contains("REPLACED changed.csv: 2024-08-31, 2 rows").doesNotContain("the same rows");
    }

    @Test
    void exactlyOneDateSourceIsRequired() throws Exception {
        Path a = Files2.write(dir, "a_2024-09-01.csv", "id,name,status\n1,a,ACTIVE\n");
        assertThat(snapshot("--csv", a.toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRunner.Result both = snapshot("--date", "2024-09-01", "--date-from-filename", "--csv", a.toString());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(snapshot("--date", "2024-02-30", "--csv", a.toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void historyBuildsThenFollowsEachLoadedDayAndPrintsTheCompression() throws Exception {
        Path next = Files2.write(dir, "item_2024-09-01.csv", "id,name,status\n1,a,ACTIVE\n2,b,ACTIVE\n");
        assertThat(snapshot("--date-from-filename", "--csv", next.toString()).exitCode()).isZero();
        CliRunner.Result built = CliRunner.run("history", "--db", db.toString(), "--snapshot-table", "item_snapshot", "--key", "id");
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("Built item_history from 2 snapshot days of item_snapshot (key id), through 2024-09-01:"
                + " 3 history rows for 4 snapshot rows (1.3x compression).");
        Path later = Files2.write(dir, "item_2024-09-02.csv", "id,name,status\n1,a,ACTIVE\n2,b,ACTIVE\n");
        assertThat(snapshot("--date-from-filename", "--csv", later.toString()).exitCode()).isZero();
        // loading the day extended the history in the same operation: a build has nothing left to do
        CliRunner.Result extended = CliRunner.run("history", "--db", db.toString(), "--snapshot-table", "item_snapshot", "--key", "id");
        assertThat(extended.out()).contains("item_history is up to date of item_snapshot (key id), through 2024-09-02:"
                + " 3 history rows for 6 snapshot rows (2.0x compression).");
        CliRunner.Result bad = CliRunner.run("history", "--db", db.toString(), "--snapshot-table", "item_snapshot", "--key", "nope");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("item_snapshot has no column nope");
    }

    @Test
    void historyRefusesANullKeyOrAKeyTwiceOnADayWithExit2NamingTableDayAndKeyAndWritesNothing() throws Exception {
        Path nullKey = Files2.write(dir, "item_2024-09-01.csv", "id,name,status\n1,a,ACTIVE\n,b,ACTIVE\n");
        assertThat(snapshot("--date-from-filename", "--csv", nullKey.toString()).exitCode()).isZero();
        String before = WorkspaceState.of(db);
        CliRunner.Result r = CliRunner.run("history", "--db", db.toString(), "--snapshot-table", "item_snapshot", "--key", "id");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("item_snapshot: a row of 2024-09-01 has no value (NULL) in key column id; a history"
                + " needs a key on every row, so fill it in or leave such rows out of the snapshot.");
        assertThat(WorkspaceState.of(db)).isEqualTo(before);

        Path twice = Files2.write(dir, "item_2024-09-01.csv", "id,name,status\n1,a,ACTIVE\n1,b,ACTIVE\n");
        assertThat(snapshot("--date-from-filename", "--replace", "--csv", twice.toString()).exitCode()).isZero();
        before = WorkspaceState.of(db);
        r = CliRunner.run("history", "--db", db.toString(), "--snapshot-table", "item_snapshot", "--key", "id");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("item_snapshot: key id=1 appears 2 times on 2024-09-01; a history needs one row per"
                + " key and day.");
        assertThat(WorkspaceState.of(db)).isEqualTo(before);
    }
}
