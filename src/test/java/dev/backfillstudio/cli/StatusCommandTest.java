package dev.backfillstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The month table's row counts read the same whatever the machine's locale. */
class StatusCommandTest {

    @Test
    void aRowCountHasACommaBetweenEachGroupOfThreeDigits() {
        assertThat(StatusCommand.grouped(0)).isEqualTo("0");
        assertThat(StatusCommand.grouped(999)).isEqualTo("999");
        assertThat(StatusCommand.grouped(1_000)).isEqualTo("1,000");
        assertThat(StatusCommand.grouped(248)).isEqualTo("248");
        assertThat(StatusCommand.grouped(1_234_567)).isEqualTo("1,234,567");
        assertThat(StatusCommand.grouped(12_345_678_901L)).isEqualTo("12,345,678,901");
    }
}
