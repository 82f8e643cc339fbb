package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.support.Workspaces;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 5: column names compare as DuckDB compares identifiers, without regard to case. A
 * new version that spells a column {@code ID} where the output table holds {@code id} returns the
 * same column, as DuckDB itself would read it.
 */
class ColumnCaseTest {

    @TempDir
    Path dir;

    @Test
    void aVersionThatOnlyChangesTheCaseOfItsColumnsRunsIntoTheSameTable() throws Exception {
        try (Workspace ws = Workspaces.sample(dir)) {
            JobStore jobs = new JobStore(ws);
            jobs.save("j", "j_out", "SELECT item_id AS id, count(*) AS n FROM item_events WHERE date = {DATE} GROUP BY ALL");
            assertThat(new Backfill(ws).run("j", DaySet.parse("2024-09-01"), RunListener.NONE).outcome()).isEqualTo(RunOutcome.SUCCEEDED);

            jobs.save("j", "j_out", "SELECT item_id AS ID, count(*) AS N, min(kind) AS First_Kind FROM item_events"
                    + " WHERE date = {DATE} GROUP BY ALL");
            RunSummary second = new Backfill(ws).run("j", DaySet.parse("2024-09-02"), RunListener.NONE);
            assertThat(second.outcome()).as(second.toString()).isEqualTo(RunOutcome.SUCCEEDED);
            assertThat(ws.db().query("SELECT lower(column_name) FROM duckdb_columns() WHERE table_name = 'j_out' ORDER BY column_index",
                    rs -> rs.getString(1))).containsExactly("id", "n", "partition_date", "first_kind");
            assertThat(ws.db().queryLong("SELECT count(*) FROM j_out WHERE partition_date = DATE '2024-09-02' AND first_kind IS NOT NULL"))
                    .isPositive();
        }
    }

    @Test
    void aPartitionDateColumnInAnyCaseIsRefused() throws Exception {
        try (Workspace ws = Workspaces.sample(dir)) {
            assertThatThrownBy(() -> new JobStore(ws).save("p", "p_out",
                    "SELECT item_id, date AS Partition_Date FROM item_events WHERE date = {DATE}"))
                    .hasMessageContaining("partition_date");
        }
    }
}
