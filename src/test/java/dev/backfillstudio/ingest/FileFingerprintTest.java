package dev.backfillstudio.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Files2;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void theSameBytesReadTheSameWayHaveOneFingerprintWhereverTheFileLies() throws Exception {
        Path a = Files2.write(dir, "a.csv", "id,status\n1,ACTIVE\n2,PASSIVE\n");
        Path b = Files2.write(dir, "copy of a.csv", "id,status\n1,ACTIVE\n2,PASSIVE\n");
        assertThat(FileFingerprint.of(a, "columns {id=BIGINT}")).isEqualTo(FileFingerprint.of(b, "columns {id=BIGINT}"))
                .matches(FileFingerprint::is);
    }

    @Test
    void oneChangedByteOrAnotherWayOfReadingIsAnotherFingerprint() throws Exception {
        Path a = Files2.write(dir, "a.csv", "id,status\n1,ACTIVE\n2,PASSIVE\n");
        Path b = Files2.write(dir, "b.csv", "id,status\n1,ACTIVE\n2,PASSIVF\n");
        Path longer = Files2.write(dir, "c.csv", "id,status\n1,ACTIVE\n2,PASSIVE\n\n");
        String fa = FileFingerprint.of(a, "columns {id=BIGINT}");
        assertThat(FileFingerprint.of(b, "columns {id=BIGINT}")).isNotEqualTo(fa);
        assertThat(FileFingerprint.of(longer, "columns {id=BIGINT}")).isNotEqualTo(fa);
        assertThat(FileFingerprint.of(a, "columns {id=DOUBLE}")).isNotEqualTo(fa);
    }

    @Test
    void aFileLargerThanOneReadIsHashedWhole() throws Exception {
        String block = "x".repeat(1 << 20);
        Path a = Files2.write(dir, "a.csv", block + block + "a");
        Path b = Files2.write(dir, "b.csv", block + block + "b");
        assertThat(FileFingerprint.of(a, "")).isNotEqualTo(FileFingerprint.of(b, "")).endsWith("-" + Long.toHexString(2L * (1 << 20) + 1));
    }

    @Test
    void aRowHashIsNotTakenForAFilesFingerprint() {
        assertThat(FileFingerprint.is("3f2a9c")).isFalse();
    }
}
