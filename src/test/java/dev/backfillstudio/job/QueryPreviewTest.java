package dev.backfillstudio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A preview runs the editor's text for one day on its own session and writes nothing. */
class QueryPreviewTest {

    static final LocalDate SEP10 = LocalDate.of(2024, 9, 10);

    @TempDir
    static Path dir;
    static Workspace ws;

    @BeforeAll
    static void open() {
        ws = LintFixture.sample(dir.resolve("preview.duckdb"));
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void runsTheSnapshotJobForTheDayWithTheDayBoundAsADate() throws Exception {
        RowSample sample = new QueryPreview(ws).run(SampleData.jobSql(SampleData.SNAPSHOT_JOB), SEP10);

        long expected = ws.db().queryLong("SELECT count(*) FROM item_events e WHERE e.date = ? AND e.item_id IN"
                + " (SELECT id FROM item_snapshot WHERE status = 'ACTIVE' AND snapshot_date = ?)", SEP10, SEP10);
        assertThat(expected).isPositive();
        assertThat(sample.columns()).containsExactly("event_id", "item_id", "kind", "date");
        assertThat(sample.rows()).hasSize((int) expected);
        assertThat(sample.rows()).allSatisfy(row -> assertThat(row.get(3)).isEqualTo(SEP10));
        assertThat(sample.truncated()).isFalse();
        assertThat(sample.elapsed()).isPositive();
    }

    @Test
    void showsAtMostTheLimitAndSaysThereIsMore() {
        String sql = "SELECT i, {DATE} AS day FROM range(5000) r(i) ORDER BY i;";

        RowSample full = new QueryPreview(ws).run(sql, SEP10);
        assertThat(full.rows()).hasSize(QueryPreview.ROW_LIMIT);
        assertThat(full.truncated()).isTrue();
        assertThat(full.rows().get(999)).containsExactly(999L, SEP10);

        RowSample small = new QueryPreview(ws).run("SELECT i FROM range(3) r(i) WHERE {DATE} IS NOT NULL", SEP10, 3);
        assertThat(small.rows()).hasSize(3);
        assertThat(small.truncated()).isFalse();
    }

    @Test
    void refusesStackedAndWritingStatementsBeforeAnyOfThemRuns() throws Exception {
        long items = ws.db().queryLong("SELECT count(*) FROM item");
        Path copied = dir.resolve("copied.csv");
        String hostile = "COPY item TO '" + copied.toString().replace("'", "''") + "'; SELECT * FROM item WHERE {DATE} IS NOT NULL";

        assertThatThrownBy(() -> new QueryPreview(ws).run(hostile, SEP10))
                .isInstanceOfSatisfying(BackfillException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackfillException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).contains("2 statements (COPY, SELECT)");
                });
        assertThatThrownBy(() -> new QueryPreview(ws).run("DELETE FROM item", SEP10))
                .isInstanceOf(BackfillException.class).hasMessageContaining("DELETE");

        assertThat(copied).doesNotExist();
        assertThat(ws.db().queryLong("SELECT count(*) FROM item")).isEqualTo(items);
    }

    @Test
    void aBinderErrorIsDuckDbsSentenceWithTheLineInTheUsersText() {
        String sql = """
                -- events of the day
                SELECT e.event_id, e.colour
                FROM item_events e
                WHERE e.date = {DATE}""";

        assertThatThrownBy(() -> new QueryPreview(ws).run(sql, SEP10))
                .isInstanceOfSatisfying(BackfillException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackfillException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("The query does not run for 2024-09-10: Binder Error:")
                            .contains("colour").endsWith("(line 2).");
                });
    }

    @Test
    void aParameterOfTheUsersOwnIsRefused() {
        assertThatThrownBy(() -> new QueryPreview(ws).run("SELECT * FROM item_events WHERE date = {DATE} AND item_id = ?", SEP10))
                .isInstanceOf(BackfillException.class).hasMessageContaining("parameter of its own");
    }

    @Test
    void cancelStopsALongPreviewWithACancelledSentence() throws Exception {
        QueryPreview preview = new QueryPreview(ws);
        String slow = "SELECT count(*) FROM range(1000000000000) a(i) WHERE i % 7 = 3 AND {DATE} IS NOT NULL";
        CompletableFuture<RowSample> running = CompletableFuture.supplyAsync(() -> preview.run(slow, SEP10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // The statement may not be running yet at the first cancel: cancel until the preview ends.
        while (!running.isDone() && System.nanoTime() < deadline) {
            preview.cancel();
            Thread.sleep(20);
        }
        assertThat(running).isCompletedExceptionally();
        assertThatThrownBy(running::join).hasCauseInstanceOf(BackfillException.class)
                .hasMessageContaining("The preview for 2024-09-10 was cancelled.");
    }
}
