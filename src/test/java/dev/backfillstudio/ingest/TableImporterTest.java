package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.support.Files2;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableImporterTest {

    @TempDir
    Path dir;
    Workspace ws;
    TableImporter importer;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
        importer = new TableImporter(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void loadsACsvWithTypesDetectedAndRegistersADatedTableAsEvents() throws Exception {
        Path csv = Files2.write(dir, "events.csv", "event_id,item_id,kind,date\n1,7,view,2024-09-01\n2,8,click,2024-09-02\n");
        TableImporter.Result r = importer.importCsv("events", csv, false);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.dateColumn()).contains("date");
        assertThat(ws.db().queryOne("SELECT typeof(date) || ',' || typeof(item_id) FROM events LIMIT 1", rs -> rs.getString(1)))
                .contains("DATE,BIGINT");
        assertThat(TableCatalog.kindOf(ws.db(), "events")).contains(TableKind.EVENT);
    }

    @Test
    void loadsABomCrlfQuotedCommasAndNewlinesAndATrailingEmptyLine() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,name,note\r\n1,\"Smith, Jo\",\"two\nlines\"\r\n2,Ann,plain\r\n\r\n".getBytes();
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Path csv = Files2.writeBytes(dir, "awkward.csv", all);
        assertThat(importer.importCsv("people", csv, false).rows()).isEqualTo(2);
        assertThat(ws.db().queryOne("SELECT name || '|' || note FROM people WHERE id = 1", rs -> rs.getString(1)))
                .contains("Smith, Jo|two\nlines");
        assertThat(ws.db().queryOne("SELECT string_agg(column_name, ',') FROM duckdb_columns() WHERE table_name = 'people'",
                rs -> rs.getString(1))).contains("id,name,note");
    }

    @Test
    void anExistingTableIsRefusedUnlessReplaceWhichSwapsItWhole() throws Exception {
        Path a = Files2.write(dir, "a.csv", "id,name\n1,x\n2,y\n");
        Path b = Files2.write(dir, "b.csv", "id,name\n3,z\n");
        importer.importCsv("t", a, false);
        assertThatThrownBy(() -> importer.importCsv("t", b, false))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining("Table t already exists").hasMessageContaining("--replace");
        assertThat(ws.db().queryLong("SELECT count(*) FROM t")).isEqualTo(2);
        TableImporter.Result r = importer.importCsv("t", b, true);
        assertThat(r.replaced()).isTrue();
        assertThat(ws.db().queryLong("SELECT sum(id) FROM t")).isEqualTo(3);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("ragged.csv", "a,b,c\n1,2,3\n4,5\n".getBytes(), "ragged.csv line 3: expected 3 columns but found 2"),
                Arguments.of("long.csv", "a,b,c\n1,2,3\n4,5,6,7\n".getBytes(), "long.csv line 3: expected 3 columns but found 4"),
                Arguments.of("quote.csv", "a,b,c\n1,\"2,3\n4,5,6\n".getBytes(), "quote.csv line 2: a quoted value is never closed"),
                Arguments.of("utf.csv", new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xff, (byte) 0xfe, '\n'}, "utf.csv line 2: the text is not valid UTF-8"),
                Arguments.of("empty.csv", new byte[0], "empty.csv is empty"),
                Arguments.of("dup.csv", "a,b,a\n1,2,3\n".getBytes(), "dup.csv line 1: the header names column \"a\" twice"),
                Arguments.of("binary.csv", new byte[] {'a', ',', 'b', '\n', 0, 1, 2, 3, '\n'}, "binary.csv is not a text file (line 2"),
                Arguments.of("noname.csv", "a,,c\n1,2,3\n".getBytes(), "noname.csv line 1: column 2 of the header has no name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aMalformedFileIsRefusedNamingFileAndLineAndNothingIsWritten(String name, byte[] content, String expected) throws Exception {
        Path csv = Files2.writeBytes(dir, name, content);
        assertThatThrownBy(() -> importer.importCsv("t", csv, false))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining(expected);
        assertThat(TableCatalog.exists(ws.db(), "t")).isFalse();
    }

    @Test
    void aBadValueForTheDetectedTypeFarDownTheFileIsRefusedWithItsLine() throws Exception {
        StringBuilder text = new StringBuilder("id,amount\n");
        for (int i = 1; i <= 30_000; i++) {
            text.append(i).append(',').append(i * 2).append('\n');
        }
        // the whole file is sampled, so this column becomes VARCHAR instead of failing: the rows load
        text.append("30001,lots\n");
        Path csv = Files2.write(dir, "amounts.csv", text.toString());
        assertThat(importer.importCsv("amounts", csv, false).rows()).isEqualTo(30_001);
    }

    @Test
    void aFailedReplaceKeepsTheOldTable() throws Exception {
        importer.importCsv("t", Files2.write(dir, "good.csv", "a,b\n1,2\n"), false);
        Path bad = Files2.write(dir, "bad.csv", "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> importer.importCsv("t", bad, true)).hasMessageContaining("bad.csv line 3");
        assertThat(ws.db().queryLong("SELECT count(*) FROM t")).isEqualTo(1);
    }

    @Test
    void aMissingPathOrADirectoryIsRefused() throws Exception {
        assertThatThrownBy(() -> importer.importCsv("t", dir.resolve("absent.csv"), false))
                .hasMessageContaining("absent.csv does not exist");
        Path sub = Files.createDirectory(dir.resolve("folder.csv"));
        assertThatThrownBy(() -> importer.importCsv("t", sub, false))
                .hasMessageContaining("folder.csv is a directory");
    }

    @Test
    void aTableNameThatIsNotAnIdentifierIsRefused() throws Exception {
        Path csv = Files2.write(dir, "a.csv", "a\n1\n");
        assertThatThrownBy(() -> importer.importCsv("x; DROP TABLE y", csv, false))
                .hasMessageContaining("is not a valid table name");
    }
}
