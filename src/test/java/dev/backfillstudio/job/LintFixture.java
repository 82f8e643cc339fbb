package dev.backfillstudio.job;

import dev.backfillstudio.demo.DemoBuilder;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The sample workspace (item, item_events as EVENT, item_snapshot as SNAPSHOT) plus what lint
 * cases need besides: a stand-in item_history with its _asof macro registered as HISTORY, a static
 * table, a plain table without snapshots, and a job's output table.
 */
final class LintFixture {

    private LintFixture() {
    }

    static Workspace sample(Path file) {
        Workspace ws = Workspace.open(file, Workspace.OpenMode.CREATE_OR_INITIALISE);
        new DemoBuilder(ws).buildSample();
        return ws;
    }

    static Workspace full(Path file) throws SQLException {
        Workspace ws = sample(file);
        Db db = ws.db();
        addHistory(db);
        // today's item, with a creation date: a date column on a current-state table, which pins rows but not their values
        db.execute("ALTER TABLE item ADD COLUMN created_at DATE DEFAULT DATE '2024-01-01'");
        db.execute("CREATE TABLE country AS SELECT * FROM (VALUES ('FR', 'France'), ('DE', 'Germany')) v(code, name)");
        ReferenceTables.markStatic(db, "country");
        db.execute("CREATE TABLE price (item_id BIGINT, price DOUBLE)");
        db.execute("CREATE TABLE daily_active (event_id BIGINT, item_id BIGINT, partition_date DATE)");
        db.update("INSERT INTO bfs.jobs (name, target, current_version) VALUES ('active_events', 'daily_active', 1)");
        return ws;
    }

    /** The sample's item_history (built by the history builder) with its _asof macro; made here if absent. */
    static void addHistory(Db db) throws SQLException {
        if (db.queryLong("SELECT count(*) FROM bfs.tables WHERE name = 'item_history' AND kind = 'HISTORY'") > 0) {
            return;
        }
        db.execute("""
                CREATE TABLE item_history AS
                SELECT id, name, status, min(snapshot_date) AS valid_from, CAST(NULL AS DATE) AS valid_to
                FROM item_snapshot GROUP BY id, name, status
                """);
        db.execute("""
                CREATE MACRO item_history_asof(d) AS TABLE
                SELECT id, name, status FROM item_history WHERE valid_from <= d AND (valid_to IS NULL OR valid_to > d)
                """);
        db.update("INSERT INTO bfs.tables (name, kind, source_table, key_columns) VALUES ('item_history', 'HISTORY', 'item_snapshot', 'id')");
    }
}
