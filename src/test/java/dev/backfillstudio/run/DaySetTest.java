package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.workspace.BackfillException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaySetTest {

    @Test
    void parsesDaysAndInclusiveRangesSortedWithoutDuplicates() {
        DaySet set = DaySet.parse("2024-10-03, 2024-09-29..2024-10-01,2024-09-30");
        assertThat(set.asList()).containsExactly(
                LocalDate.of(2024, 9, 29), LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 3));
    }

    @Test
    void printsTheShortestSpecAndParsesItBack() {
        DaySet set = DaySet.parse("2024-09-01..2024-09-30,2024-10-03,2024-10-05..2024-10-06");
        assertThat(set.size()).isEqualTo(33);
        assertThat(set.toString()).isEqualTo("2024-09-01..2024-09-30,2024-10-03,2024-10-05..2024-10-06");
        assertThat(DaySet.parse(set.toString())).isEqualTo(set);
    }

    @Test
    void consecutiveDaysFoldIntoTheFewestRanges() {
        assertThat(DaySet.parse("2024-02-28..2024-03-01,2024-03-03,2024-03-05..2024-03-06").ranges()).containsExactly(
                new DaySet.Range(java.time.LocalDate.of(2024, 2, 28), java.time.LocalDate.of(2024, 3, 1)),
                new DaySet.Range(java.time.LocalDate.of(2024, 3, 3), java.time.LocalDate.of(2024, 3, 3)),
                new DaySet.Range(java.time.LocalDate.of(2024, 3, 5), java.time.LocalDate.of(2024, 3, 6)));
        assertThat(DaySet.of(java.util.List.of()).ranges()).isEmpty();
    }

    @Test
    void aRangeAcrossALeapDayCountsIt() {
        assertThat(DaySet.parse("2024-02-28..2024-03-01").size()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-02-30|\"2024-02-30\" in the day set \"2024-02-30\" is not a real date",
        "2024-10-05..2024-10-01|The range \"2024-10-05..2024-10-01\" in the day set ends before it starts",
        "yesterday|\"yesterday\" in the day set \"yesterday\" is not a day (YYYY-MM-DD)",
        "2024-09-01,,2024-09-02|has an empty part between commas",
        "2024-9-1|\"2024-9-1\" in the day set \"2024-9-1\" is not a day"
    })
    void aBadPartIsAUsageErrorThatNamesIt(String spec, String message) {
        assertThatThrownBy(() -> DaySet.parse(spec))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((BackfillException) e).kind()).isEqualTo(BackfillException.Kind.BAD_INPUT);
    }
}
