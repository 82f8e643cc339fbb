package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rows a rerun keeps ahead are read by ranges of days where it can, by the list of days where it must. */
class KeptRowsCopyTest {

    private static final LocalDate D = LocalDate.of(2024, 3, 1);

    @Test
    void consecutiveDaysOfOneAttemptAreCopiedByOneRange() {
        TreeMap<LocalDate, Long> copies = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            copies.put(D.plusDays(i), 7L);
        }
        assertThat(KeptRows.copyStatements("out", copies)).singleElement().asString()
                .contains("7::BIGINT AS bfs_kept_attempt").contains("t.partition_date BETWEEN DATE '2024-03-01' AND DATE '2024-03-30'")
                .doesNotContain(" OR ").doesNotContain("JOIN");
    }

    @Test
    void eachAttemptHasItsOwnStatementAndAGapSplitsItsRange() {
        TreeMap<LocalDate, Long> copies = new TreeMap<>();
        copies.put(D, 1L);
        copies.put(D.plusDays(1), 2L);
        copies.put(D.plusDays(2), 2L);
        copies.put(D.plusDays(4), 1L);
        copies.put(D.plusDays(5), 1L);
        assertThat(KeptRows.copyStatements("out", copies)).satisfiesExactly(
                one -> assertThat(one).contains("1::BIGINT").endsWith("t.partition_date = DATE '2024-03-01'"
                        + " OR t.partition_date BETWEEN DATE '2024-03-05' AND DATE '2024-03-06'"),
                two -> assertThat(two).contains("2::BIGINT").endsWith("t.partition_date BETWEEN DATE '2024-03-02' AND DATE '2024-03-03'"));
    }

    @Test
    void daysScatteredOverManyRangesAreJoinedWithTheirList() {
        TreeMap<LocalDate, Long> copies = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            copies.put(D.plusDays(2L * i), (long) i % 3);
        }
        assertThat(KeptRows.copyStatements("out", copies)).singleElement().asString()
                .contains("JOIN (VALUES (DATE '2024-03-01', 0), (DATE '2024-03-03', 1)").contains("v.attempt AS bfs_kept_attempt");
        assertThat(KeptRows.copyStatements("out", new TreeMap<>())).isEmpty();
    }
}
