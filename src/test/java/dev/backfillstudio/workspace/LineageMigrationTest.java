package dev.backfillstudio.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.support.Workspaces;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace made before lineage opens migrated: its snapshot and event days get their fingerprints. */
class LineageMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aVersionTwoWorkspaceLearnsTheFingerprintOfEveryLoadedDay() throws Exception {
        Path file;
        String snapshotDay;
        try (Workspace ws = Workspaces.sample(dir)) {
            file = ws.file();
            Db db = ws.db();
            // what the migration is to record of the day: its row count and the hash of its rows
            snapshotDay = db.queryOne("SELECT count(*) || ':' || " + RowHash.sql(db, "item_snapshot") + " FROM item_snapshot"
                    + " WHERE snapshot_date = DATE '2024-09-02'", rs -> rs.getString(1)).orElseThrow();
            // back to the metadata of version 2, as a workspace of the first build-out has it
            db.execute("DROP TABLE bfs.input_days");
            db.execute("DROP TABLE bfs.sources");
            db.execute("DROP VIEW bfs.partitions");
            db.execute("ALTER TABLE bfs.attempts DROP COLUMN inputs");
            db.execute("CREATE VIEW bfs.partitions AS SELECT job, day, arg_max(version, run_id) AS version FROM bfs.attempts GROUP BY ALL");
            db.update("UPDATE bfs.meta SET value = '2' WHERE key = 'schema_version'");
        }
        try (Workspace ws = Workspace.open(file)) {
            Db db = ws.db();
            assertThat(db.queryOne("SELECT value FROM bfs.meta WHERE key = 'schema_version'", rs -> rs.getString(1)))
                    .contains(Integer.toString(Migrations.latest()));
            assertThat(db.queryLong("SELECT count(*) FROM bfs.input_days WHERE table_name = 'item_snapshot'"))
                    .isEqualTo(db.queryLong("SELECT count(DISTINCT snapshot_date) FROM item_snapshot"));
            assertThat(db.queryLong("SELECT count(*) FROM bfs.input_days WHERE table_name = 'item_events'"))
                    .isEqualTo(db.queryLong("SELECT count(DISTINCT date) FROM item_events"));
            assertThat(db.queryOne("SELECT rows || ':' || fingerprint FROM bfs.input_days WHERE table_name = 'item_snapshot'"
                    + " AND day = ?", rs -> rs.getString(1), LocalDate.of(2024, 9, 2))).contains(snapshotDay);
            assertThat(db.queryLong("SELECT count(*) FROM bfs.partitions WHERE inputs IS NOT NULL")).isZero();
        }
    }
}
