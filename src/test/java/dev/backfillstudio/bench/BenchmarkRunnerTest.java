package dev.backfillstudio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {

    private final BenchmarkRunner runner = new BenchmarkRunner(5, 30, new PrintStream(PrintStream.nullOutputStream()));

    @Test
    void aLongWorkloadRunsTheMinimumRoundsEvenBeyondTheBudget() {
        assertThat(runner.rounds(10.5, 1)).isEqualTo(5);
        assertThat(runner.rounds(60, 1)).isEqualTo(5);
    }

    @Test
    void aShortWorkloadRunsAsManyRoundsAsFitTheBudgetUpToTheCap() {
        assertThat(runner.rounds(3, 1)).isEqualTo(10);
        assertThat(runner.rounds(0.5, 1)).isEqualTo(BenchmarkRunner.MAX_RUNS);
        assertThat(runner.rounds(0, 1)).isEqualTo(BenchmarkRunner.MAX_RUNS);
    }

    @Test
    void aWorkloadGivenMoreBudgetsRunsMoreRoundsUpToTheCap() {
        assertThat(runner.rounds(10.5, 3)).isEqualTo(8);
        assertThat(runner.rounds(3, 3)).isEqualTo(30);
        assertThat(runner.rounds(0.5, 3)).isEqualTo(BenchmarkRunner.MAX_RUNS);
    }

    @Test
    void withoutABudgetEveryWorkloadRunsTheMinimum() {
        assertThat(new BenchmarkRunner(1, 0, new PrintStream(PrintStream.nullOutputStream())).rounds(0.01, 1)).isEqualTo(1);
        assertThat(new BenchmarkRunner(1, 0, new PrintStream(PrintStream.nullOutputStream())).rounds(0, 1)).isEqualTo(1);
    }
}
