package dev.backfillstudio.ui.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DayLabelsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0", "7, 7", "999, 999", "1000, 1k", "1049, 1k", "1250, 1.2k", "4870, 4.8k", "9999, 9.9k",
            "10000, 10k", "235400, 235k", "999999, 999k", "1000000, 1M", "3450000, 3.4M", "12000000000, 12G"})
    void countsFitInFourCharactersAndNeverReadLargerThanTheyAre(long n, String shown) {
        assertThat(DayLabels.compact(n)).isEqualTo(shown).hasSizeLessThanOrEqualTo(4);
    }
}
