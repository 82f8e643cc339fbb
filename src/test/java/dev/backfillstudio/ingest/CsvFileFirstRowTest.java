package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot loader reads the day of a file dated by its own column from the first row in Java when
 * that row is plain; anything it cannot read exactly as DuckDB would is left to DuckDB.
 */
class CsvFileFirstRowTest {

    @TempDir
    Path dir;

    private CsvFile file(String text) throws Exception {
        Path p = dir.resolve("f.csv");
        Files.writeString(p, text);
        return CsvFile.open(p);
    }

    @Test
    void aPlainFirstRowGivesTheValueUnderItsHeader() throws Exception {
        try (CsvFile f = file("id,name,snapshot_date\r\n1,a,2024-09-02\r\n2,b,2024-09-02\r\n")) {
            assertThat(f.firstRowValue("snapshot_date")).contains("2024-09-02");
            assertThat(f.firstRowValue("name")).contains("a");
        }
    }

    @Test
    void aRowWithQuotesOrAnotherFieldCountOrNoRowAtAllIsLeftToDuckDb() throws Exception {
        try (CsvFile f = file("id,name,snapshot_date\n1,\"a, b\",2024-09-02\n")) {
            assertThat(f.firstRowValue("snapshot_date")).isEmpty();
        }
        try (CsvFile f = file("id,name,snapshot_date\n1,a\n")) {
            assertThat(f.firstRowValue("snapshot_date")).isEmpty();
        }
        try (CsvFile f = file("id,name,snapshot_date\n")) {
            assertThat(f.firstRowValue("snapshot_date")).isEmpty();
        }
        try (CsvFile f = file("id,name,snapshot_date\n1,a,2024-09-02")) {
            // a last line without its newline may be cut short by the read: left to DuckDB
            assertThat(f.firstRowValue("snapshot_date")).isEmpty();
        }
    }

    @Test
    void aFirstRowReachingPastTheFirstReadIsStillReadWhole() throws Exception {
        String longName = "n".repeat(200_000);
        try (CsvFile f = file("id,name,snapshot_date\n1," + longName + ",2024-09-02\n2,b,2024-09-02\n")) {
            assertThat(f.header()).containsExactly("id", "name", "snapshot_date");
            assertThat(f.firstRowValue("snapshot_date")).contains("2024-09-02");
            assertThat(f.firstRowValue("name")).contains(longName);
        }
        try (CsvFile f = file("id,name,snapshot_date\n1," + "n".repeat(2_000_000) + ",2024-09-02\n")) {
            // past the most read for the header and first row: left to DuckDB
            assertThat(f.firstRowValue("snapshot_date")).isEmpty();
        }
    }
}
