package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot file's fingerprint and its rows come from the same bytes: both read the file as staged for
 * DuckDB, so a file replaced at its path while it loads (an editor saving by rename) cannot give the day
 * the fingerprint of other rows than the ones inserted.
 */
class CsvFileStagingTest {

    @TempDir
    Path dir;

    @Test
    void theStagedFileKeepsTheBytesDuckDbAndTheFingerprintReadWhenTheFileIsReplacedByRename() throws Exception {
        Path p = Files.writeString(dir.resolve("day.csv"), "id,status\n1,ACTIVE\n2,ACTIVE\n");
        Path other = Files.writeString(dir.resolve("other.csv"), "id,status\n1,PASSIVE\n2,PASSIVE\n");
        Map<String, String> types = new LinkedHashMap<>(Map.of("id", "BIGINT"));
        types.put("status", "VARCHAR");
        try (Workspace ws = Workspaces.empty(dir); CsvFile file = CsvFile.open(p)) {
            String before = FileFingerprint.of(p, "columns");
            Path staged = file.staged();
            Files.move(other, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            assertThat(FileFingerprint.of(p, "columns")).isNotEqualTo(before);
            assertThat(file.staged()).isEqualTo(staged);
            assertThat(FileFingerprint.of(file.staged(), "columns")).isEqualTo(before);
            assertThat(ws.db().queryLong("SELECT count(*) FROM " + file.readCsv(types) + " WHERE status = 'ACTIVE'")).isEqualTo(2);
        }
    }
}
