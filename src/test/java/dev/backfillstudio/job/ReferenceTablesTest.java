package dev.backfillstudio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.TableKind;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceTablesTest {

    @TempDir
    static Path dir;

    static Workspace ws;

    @BeforeAll
    static void open() throws Exception {
        ws = LintFixture.sample(dir.resolve("ref.duckdb"));
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void aStaticTableIsKeptInTheMetadataAndExemptFromMutableRead() throws Exception {
        ws.db().execute("CREATE TABLE currency AS SELECT 'EUR' AS code");
        String job = "SELECT e.*, c.code FROM item_events e CROSS JOIN currency c WHERE e.date = {DATE}";
        assertThat(Lint.check(ws.db(), job)).extracting(LintFinding::rule).containsExactly(LintRule.MUTABLE_READ);

        ReferenceTables.markStatic(ws.db(), "currency");
        ReferenceTables.markStatic(ws.db(), "currency");
        assertThat(TableCatalog.kindOf(ws.db(), "currency")).contains(TableKind.STATIC);
        assertThat(ReferenceTables.list(ws.db())).containsExactly("currency");
        assertThat(Lint.check(ws.db(), job)).isEmpty();

        ReferenceTables.unmarkStatic(ws.db(), "currency");
        assertThat(TableCatalog.kindOf(ws.db(), "currency")).contains(TableKind.OTHER);
        assertThat(Lint.check(ws.db(), job)).extracting(LintFinding::rule).containsExactly(LintRule.MUTABLE_READ);
    }

    @Test
    void snapshotUnknownAndBadlyNamedTablesCannotBeMarkedStatic() throws Exception {
        assertRefused("item_snapshot", "is a snapshot table");
        assertRefused("no_such_table", "No table named no_such_table");
        assertRefused("x; DROP TABLE item", "is not a valid table name");
        ws.db().execute("CREATE TABLE hist (id INT)");
        ws.db().update("INSERT INTO bfs.tables (name, kind) VALUES ('hist', 'HISTORY')");
        assertRefused("hist", "is a history table");
        ws.db().execute("CREATE TABLE out_t (partition_date DATE)");
        ws.db().update("INSERT INTO bfs.jobs (name, target, current_version) VALUES ('j', 'out_t', 1)");
        assertRefused("out_t", "is the output of a job");
        assertThat(TableCatalog.kindOf(ws.db(), "item_snapshot")).contains(TableKind.SNAPSHOT);
        assertThatThrownBy(() -> ReferenceTables.unmarkStatic(ws.db(), "item")).hasMessageContaining("is not marked static");
    }

    @Test
    void theNaiveSampleJobNamesOnlyTheSnapshotWhenThereIsNoHistory() throws Exception {
        ws.db().execute("DROP MACRO TABLE IF EXISTS item_history_asof");
        ws.db().execute("DROP TABLE IF EXISTS item_history");
        ws.db().update("DELETE FROM bfs.tables WHERE name = 'item_history'");
        var findings = Lint.check(ws.db(), SampleData.jobSql(SampleData.NAIVE_JOB));
        assertThat(findings).hasSize(1);
        LintFinding f = findings.get(0);
        assertThat(f.rule()).isEqualTo(LintRule.MUTABLE_READ);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.sentence()).isEqualTo(
                "Rerunning a past day reads today's `item`; read `item_snapshot` with `snapshot_date = {DATE}`.");
        assertThat(f.fix()).contains("(SELECT * FROM item_snapshot WHERE snapshot_date = {DATE})");
    }

    private static void assertRefused(String table, String reason) {
        assertThatThrownBy(() -> ReferenceTables.markStatic(ws.db(), table))
                .isInstanceOfSatisfying(BackfillException.class, e -> assertThat(e.kind()).isEqualTo(BackfillException.Kind.BAD_INPUT))
                .hasMessageContaining(reason);
    }
}
