package dev.backfillstudio.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.demo.SampleData;
import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of job texts, each with the findings lint must give on the sample workspace (see
 * {@link LintFixture}): clean jobs raise nothing; every rule is hit. An expectation is a rule,
 * optionally with text its sentence must contain ({@code "MUTABLE_READ|`price`"}).
 */
class LintCorpusTest {

    @TempDir
    static Path dir;

    static Workspace ws;

    @BeforeAll
    static void open() throws Exception {
        ws = LintFixture.full(dir.resolve("lint.duckdb"));
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    static Stream<Arguments> cleanJobs() {
        return Stream.of(
                job("sample snapshot job", SampleData.jobSql(SampleData.SNAPSHOT_JOB)),
                job("sample history job", SampleData.jobSql(SampleData.HISTORY_JOB)),
                job("aggregate over the day's events", """
                        SELECT kind, count(*) AS n FROM item_events WHERE date = {DATE} GROUP BY kind ORDER BY kind"""),
                job("day on the left of the comparison", "SELECT * FROM item_events WHERE {DATE} = date"),
                job("cast of the date column", "SELECT * FROM item_events WHERE CAST(date AS DATE) = {DATE}"),
                job("seven-day window ending at the day (BETWEEN)", """
                        SELECT item_id, count(*) AS views_7d FROM item_events
                        WHERE date BETWEEN {DATE} - INTERVAL 6 DAY AND {DATE} GROUP BY item_id"""),
                job("seven-day window ending at the day (range)", """
                        SELECT item_id, count(*) FROM item_events
                        WHERE date >= {DATE} - INTERVAL 7 DAY AND date <= {DATE} GROUP BY item_id"""),
                job("everything before the day", "SELECT count(*) AS events_so_far FROM item_events WHERE date < {DATE}"),
                job("CTEs pinned inside", """
                        WITH day_events AS (SELECT * FROM item_events WHERE date = {DATE}),
                             active AS (SELECT id FROM item_snapshot WHERE snapshot_date = {DATE} AND status = 'ACTIVE')
                        SELECT d.* FROM day_events d JOIN active a ON a.id = d.item_id"""),
                job("CTE pinned where it is read", """
                        WITH ev AS (SELECT * FROM item_events)
                        SELECT kind, count(*) FROM ev WHERE ev.date = {DATE} GROUP BY kind"""),
                job("CTE named like a table is not that table", """
                        WITH item AS (SELECT * FROM item_snapshot WHERE snapshot_date = {DATE})
                        SELECT e.* FROM item_events e JOIN item ON item.id = e.item_id WHERE e.date = {DATE}"""),
                job("derived table pinned outside", "SELECT * FROM (SELECT * FROM item_events) x WHERE x.date = {DATE}"),
                job("derived table pinned through a renamed column", """
                        SELECT x.day, count(*) FROM (SELECT date AS day, item_id FROM item_events) x
                        WHERE x.day = {DATE} GROUP BY x.day"""),
                job("CTE pinned through a renamed, cast column", """
                        WITH ev AS (SELECT CAST(date AS DATE) AS d, e.item_id FROM item_events e),
                             s AS (SELECT id, snapshot_date AS sd FROM item_snapshot WHERE status = 'ACTIVE')
                        SELECT ev.* FROM ev JOIN s ON s.id = ev.item_id AND s.sd = ev.d WHERE d = {DATE}"""),
                job("join pinned through an equality with a pinned column", """
                        SELECT e.kind, s.status, count(*) AS n
                        FROM item_events AS e JOIN item_snapshot AS s ON s.id = e.item_id AND s.snapshot_date = e.date
                        WHERE e.date = {DATE} GROUP BY ALL"""),
                job("unqualified columns resolved by the tables that have them", """
                        SELECT e.event_id FROM item_events e JOIN item_snapshot s ON s.id = e.item_id
                        WHERE date = {DATE} AND snapshot_date = {DATE}"""),
                job("correlated EXISTS on the day's snapshot", """
                        SELECT * FROM item_events e WHERE e.date = {DATE} AND EXISTS (
                            SELECT 1 FROM item_snapshot s WHERE s.id = e.item_id AND s.snapshot_date = {DATE} AND s.status = 'ACTIVE')"""),
                job("union of pinned reads", """
                        SELECT item_id FROM item_events WHERE date = {DATE}
                        UNION ALL SELECT id FROM item_snapshot WHERE snapshot_date = {DATE}"""),
                job("_asof macro joined with events", """
                        SELECT h.status, count(*) FROM item_history_asof({DATE}) h JOIN item_events e ON e.item_id = h.id
                        WHERE e.date = {DATE} GROUP BY h.status"""),
                job("history table read through its validity bounds", """
                        SELECT e.* FROM item_events e JOIN item_history h ON h.id = e.item_id
                         AND h.valid_from <= {DATE} AND (h.valid_to IS NULL OR h.valid_to > {DATE})
                        WHERE e.date = {DATE}"""),
                job("history table read with the day BETWEEN its bounds", """
                        SELECT * FROM item_history WHERE {DATE} BETWEEN valid_from AND coalesce(valid_to, DATE '9999-12-31')"""),
                job("static reference table", "SELECT e.*, c.name FROM item_events e CROSS JOIN country c WHERE e.date = {DATE}"),
                job("another job's output read for the day", "SELECT count(*) FROM daily_active WHERE partition_date = {DATE}"),
                job("ORDER BY before LIMIT", """
                        SELECT item_id, count(*) AS n FROM item_events WHERE date = {DATE}
                        GROUP BY item_id ORDER BY n DESC, item_id LIMIT 10"""),
                job("first() with its own ORDER BY", """
                        SELECT item_id, first(kind ORDER BY event_id) FROM item_events WHERE date = {DATE} GROUP BY item_id"""),
                job("window function over the day's events", """
                        SELECT event_id, row_number() OVER (PARTITION BY item_id ORDER BY event_id) AS nth
                        FROM item_events WHERE date = {DATE}"""),
                job("the workspace's own catalog name", "SELECT * FROM lint.main.item_events WHERE date = {DATE}"),
                job("range over the days of the window", """
                        SELECT r.range AS day FROM range({DATE} - INTERVAL 6 DAY, {DATE} + INTERVAL 1 DAY, INTERVAL 1 DAY) r"""),
                job("USING join carries the day's pin across", """
                        SELECT e.*, s.status FROM (SELECT item_id AS id, date AS snapshot_date FROM item_events WHERE date = {DATE}) e
                        JOIN item_snapshot s USING (id, snapshot_date)"""),
                job("CTE chain pinned at its first link", """
                        WITH s AS (SELECT * FROM item_snapshot WHERE snapshot_date = {DATE}),
                             active AS (SELECT id FROM s WHERE status = 'ACTIVE'),
                             ids AS (SELECT id FROM active)
                        SELECT e.* FROM item_events e JOIN ids ON ids.id = e.item_id WHERE e.date = {DATE}"""),
                job("QUALIFY over snapshots up to the day (last known state)", """
                        SELECT * FROM item_snapshot WHERE snapshot_date <= {DATE}
                        QUALIFY row_number() OVER (PARTITION BY id ORDER BY snapshot_date DESC) = 1"""),
                job("a mutable table read only for ids and its date column", """
                        SELECT e.* FROM item_events e JOIN item i ON i.id = e.item_id AND i.created_at <= {DATE}
                        WHERE e.date = {DATE}"""),
                job("LEFT JOIN ... IS NULL on the day's snapshot", """
                        SELECT e.* FROM item_events e
                        LEFT JOIN item_snapshot s ON s.id = e.item_id AND s.snapshot_date = {DATE} AND s.status = 'PASSIVE'
                        WHERE e.date = {DATE} AND s.id IS NULL"""),
                job("comments and a trailing semicolon", "-- the day's events\nSELECT * FROM item_events /* all */ WHERE date = {DATE};\n"));
    }

    static Stream<Arguments> findings() {
        return Stream.of(
                job("sample naive job names both fixes", SampleData.jobSql(SampleData.NAIVE_JOB),
                        "MUTABLE_READ|today's `item`; read `item_snapshot` with `snapshot_date = {DATE}` or `item_history_asof({DATE})`"),
                job("events read whole", "SELECT {DATE} AS day, kind, count(*) FROM item_events GROUP BY kind",
                        "MUTABLE_READ|all of `item_events`"),
                job("events bounded only below", "SELECT * FROM item_events WHERE date >= {DATE}",
                        "MUTABLE_READ|`item_events`"),
                job("a pin under OR does not pin", "SELECT * FROM item_events WHERE date = {DATE} OR kind = 'click'",
                        "MUTABLE_READ|`item_events`"),
                job("plain table without snapshots", """
                        SELECT e.*, p.price FROM item_events e JOIN price p ON p.item_id = e.item_id WHERE e.date = {DATE}""",
                        "MUTABLE_READ|today's `price`; load daily snapshots"),
                job("mutable table inside a CTE", """
                        WITH active AS (SELECT id FROM item WHERE status = 'ACTIVE')
                        SELECT e.* FROM item_events e JOIN active a ON a.id = e.item_id WHERE e.date = {DATE}""",
                        "MUTABLE_READ|today's `item`"),
                job("an aggregate of the date column does not pass the column on", """
                        SELECT * FROM (SELECT item_id, max(date) AS last_day FROM item_events GROUP BY item_id) x
                        WHERE x.last_day <= {DATE}""", "MUTABLE_READ|`item_events`"),
                job("another job's output read whole", "SELECT {DATE} AS day, count(*) FROM daily_active",
                        "MUTABLE_READ|output of job active_events"),
                job("latest snapshot instead of the day's", """
                        SELECT e.* FROM item_events e WHERE e.date = {DATE} AND e.item_id IN (
                          SELECT id FROM item_snapshot WHERE snapshot_date = (SELECT max(snapshot_date) FROM item_snapshot))""",
                        "SNAPSHOT_NOT_PINNED|`item_snapshot`"),
                job("history table without bounds", """
                        SELECT e.* FROM item_events e JOIN item_history h ON h.id = e.item_id
                        WHERE e.date = {DATE} AND h.valid_to IS NULL""",
                        "HISTORY_NOT_PINNED|read `item_history_asof({DATE})` instead"),
                job("_asof macro for a fixed day", """
                        SELECT e.* FROM item_events e WHERE e.date = {DATE}
                          AND e.item_id IN (SELECT id FROM item_history_asof(DATE '2024-09-01'))""",
                        "HISTORY_NOT_PINNED|`item_history_asof(...)`"),
                job("now()", "SELECT *, now() AS loaded_at FROM item_events WHERE date = {DATE}",
                        "NONDETERMINISTIC|`now()`"),
                job("current_timestamp and today()", "SELECT *, current_timestamp, today() FROM item_events WHERE date = {DATE}",
                        "NONDETERMINISTIC|`current_timestamp`", "NONDETERMINISTIC|`today()`"),
                job("random() and uuid()", "SELECT *, random() AS r, uuid() AS u FROM item_events WHERE date = {DATE}",
                        "NONDETERMINISTIC|`random()`", "NONDETERMINISTIC|`uuid()`"),
                job("gen_random_uuid()", "SELECT gen_random_uuid(), * FROM item_events WHERE date = {DATE}",
                        "NONDETERMINISTIC|`gen_random_uuid()`"),
                job("LIMIT without ORDER BY", "SELECT * FROM item_events WHERE date = {DATE} LIMIT 10",
                        "NONDETERMINISTIC|`LIMIT` without `ORDER BY`"),
                job("LIMIT without ORDER BY in a subquery", """
                        SELECT * FROM item_events WHERE date = {DATE}
                          AND item_id IN (SELECT id FROM item_snapshot WHERE snapshot_date = {DATE} LIMIT 5)""",
                        "NONDETERMINISTIC|`LIMIT`"),
                job("USING SAMPLE", "SELECT * FROM item_events WHERE date = {DATE} USING SAMPLE 10%",
                        "NONDETERMINISTIC|`USING SAMPLE`"),
                job("TABLESAMPLE", "SELECT * FROM item_events TABLESAMPLE 10% WHERE date = {DATE}",
                        "NONDETERMINISTIC|`TABLESAMPLE`"),
                job("first() without ORDER BY", "SELECT item_id, first(kind) FROM item_events WHERE date = {DATE} GROUP BY item_id",
                        "NONDETERMINISTIC|`first()` without `ORDER BY`"),
                job("current_date instead of the day", "SELECT * FROM item_events WHERE date = current_date",
                        "NO_DATE|never uses {DATE}", "MUTABLE_READ|`item_events`", "NONDETERMINISTIC|`current_date`"),
                job("no {DATE}", "SELECT * FROM item_events", "NO_DATE|never uses {DATE}", "MUTABLE_READ|`item_events`"),
                job("{DATE} inside quotes", "SELECT * FROM item_events WHERE date = '{DATE}'",
                        "NO_DATE|inside a string or a comment", "MUTABLE_READ|`item_events`"),
                job("{DATE} only in a comment", "SELECT * FROM country -- for {DATE}",
                        "NO_DATE|inside a string or a comment"),
                job("parse error names the line", "SELECT *\nFROM item_events\nWHERE date = = {DATE}",
                        "PARSE_ERROR|Line 3: Syntax error at or near \"=\""),
                job("empty text", "  \n", "NOT_A_QUERY|empty"),
                job("only a comment", "-- SELECT {DATE}", "NOT_A_QUERY|empty"),
                job("two queries", "SELECT * FROM item_events WHERE date = {DATE}; SELECT 1",
                        "STACKED_STATEMENTS|2 statements (SELECT, SELECT)"),
                job("a query then a DROP", "SELECT * FROM item_events WHERE date = {DATE}; DROP TABLE item",
                        "STACKED_STATEMENTS|2 statements (SELECT, DROP)"),
                job("a semicolon inside a string does not split", "SELECT 'a;b' AS s, * FROM item_events WHERE date = {DATE}"
                        + "; DELETE FROM item", "STACKED_STATEMENTS|2 statements (SELECT, DELETE)"),
                job("a file reader hidden in an IN subquery", """
                        SELECT * FROM item_events WHERE date = {DATE} AND item_id IN (SELECT id FROM read_csv('ids.csv'))""",
                        "FORBIDDEN_SOURCE|`read_csv(...)` reads files"),
                job("a file reader in a CTE", """
                        WITH x AS (SELECT * FROM read_parquet('x.parquet')) SELECT * FROM x, item_events e WHERE e.date = {DATE}""",
                        "FORBIDDEN_SOURCE|`read_parquet(...)`"),
                job("another database", "SELECT * FROM other_db.main.item_events WHERE date = {DATE}",
                        "FORBIDDEN_SOURCE|in another database (other_db)"),
                job("an unknown schema or attached database", "SELECT * FROM other_db.item_events WHERE date = {DATE}",
                        "FORBIDDEN_SOURCE|not a table of this workspace"),
                job("the app's metadata", "SELECT * FROM bfs.jobs, item_events WHERE date = {DATE}",
                        "FORBIDDEN_SOURCE|Backfill Studio's own metadata"),
                job("a date predicate on a mutable table hides today's status", """
                        SELECT e.* FROM item_events e JOIN item i ON i.id = e.item_id AND i.created_at <= {DATE}
                        WHERE e.date = {DATE} AND i.status = 'ACTIVE'""",
                        "MUTABLE_READ|today's `status` of `item`: `created_at` tied to {DATE} keeps the rows that existed"
                                + " on the day, not the values they had then; read `item_snapshot` with `snapshot_date = {DATE}`"),
                job("a mutable table read whole behind a date predicate", """
                        SELECT i.* FROM item i WHERE i.created_at = {DATE}""",
                        "MUTABLE_READ|today's `name`, `status` of `item`"),
                job("correlated scalar subquery on today's table", """
                        SELECT e.*, (SELECT i.status FROM item i WHERE i.id = e.item_id) AS status
                        FROM item_events e WHERE e.date = {DATE}""",
                        "MUTABLE_READ|today's `item`; read `item_snapshot`"),
                job("EXISTS on today's table", """
                        SELECT * FROM item_events e WHERE e.date = {DATE}
                          AND EXISTS (SELECT 1 FROM item i WHERE i.id = e.item_id AND i.status = 'ACTIVE')""",
                        "MUTABLE_READ|today's `item`"),
                job("EXISTS bound by a date column still reads today's status", """
                        SELECT * FROM item_events e WHERE e.date = {DATE} AND EXISTS (
                          SELECT 1 FROM item i WHERE i.id = e.item_id AND i.created_at <= {DATE} AND i.status = 'ACTIVE')""",
                        "MUTABLE_READ|today's `status` of `item`"),
                job("LEFT JOIN ... IS NULL on today's table", """
                        SELECT e.* FROM item_events e LEFT JOIN item i ON i.id = e.item_id AND i.status = 'PASSIVE'
                        WHERE e.date = {DATE} AND i.id IS NULL""",
                        "MUTABLE_READ|today's `item`"),
                job("USING without the day leaves the snapshot unpinned", """
                        SELECT e.*, s.status FROM (SELECT item_id AS id FROM item_events WHERE date = {DATE}) e
                        JOIN item_snapshot s USING (id)""",
                        "SNAPSHOT_NOT_PINNED|`item_snapshot`"),
                job("CTE chain over today's table", """
                        WITH a AS (SELECT * FROM item), b AS (SELECT id FROM a WHERE status = 'ACTIVE'), c AS (SELECT id FROM b)
                        SELECT e.* FROM item_events e JOIN c ON c.id = e.item_id WHERE e.date = {DATE}""",
                        "MUTABLE_READ|today's `item`"),
                job("QUALIFY picks the latest snapshot, not the day's", """
                        SELECT e.* FROM item_events e JOIN (
                          SELECT * FROM item_snapshot QUALIFY row_number() OVER (PARTITION BY id ORDER BY snapshot_date DESC) = 1
                        ) s ON s.id = e.item_id WHERE e.date = {DATE}""",
                        "SNAPSHOT_NOT_PINNED|`item_snapshot`"),
                job("nextval() in a job", "SELECT nextval('bfs.run_ids') AS n, * FROM item_events WHERE date = {DATE}",
                        "FORBIDDEN_SOURCE|`nextval(...)` uses a sequence"),
                job("getenv()", "SELECT getenv('HOME'), * FROM item_events WHERE date = {DATE}",
                        "FORBIDDEN_SOURCE|`getenv(...)`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanJobs")
    void cleanJobsRaiseNothing(String name, String sql, List<String> expected) {
        assertThat(Lint.check(ws.db(), sql)).as(sql).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void eachJobGetsExactlyItsFindings(String name, String sql, List<String> expected) {
        List<LintFinding> found = Lint.check(ws.db(), sql);
        assertThat(found).as(sql).hasSameSizeAs(expected);
        List<LintFinding> left = new ArrayList<>(found);
        for (String e : expected) {
            String[] parts = e.split("\\|", 2);
            LintRule rule = LintRule.valueOf(parts[0]);
            LintFinding match = left.stream()
                    .filter(f -> f.rule() == rule && (parts.length == 1 || f.sentence().contains(parts[1])))
                    .findFirst().orElse(null);
            assertThat(match).as("expected %s in %s", e, found).isNotNull();
            assertThat(match.severity()).isEqualTo(rule.severity());
            left.remove(match);
        }
    }

    static Arguments job(String name, String sql, String... expected) {
        return Arguments.of(name, sql, List.of(expected));
    }
}
