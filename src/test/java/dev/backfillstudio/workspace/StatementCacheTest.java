package dev.backfillstudio.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which statements wait idle for their next use, and how many. */
class StatementCacheTest {

    @Test
    void statementsThatTouchFilesAreNeverKept() {
        assertThat(StatementCache.keeps("SELECT day FROM bfs.partitions WHERE job = ?")).isTrue();
        assertThat(StatementCache.keeps("SELECT printf('%x', sum(hash(a))) FROM t WHERE schema_name = 'main'")).isTrue();
        assertThat(StatementCache.keeps("SELECT * FROM read_csv('/tmp/x.csv', header = true)")).isFalse();
        assertThat(StatementCache.keeps("SELECT count(*) FROM READ_PARQUET ('/tmp/x.parquet')")).isFalse();
        assertThat(StatementCache.keeps("COPY (SELECT 1) TO '/tmp/y.csv'")).isFalse();
        assertThat(StatementCache.keeps("SELECT * FROM glob('/tmp/*.csv')")).isFalse();
    }

    @Test
    void theLeastRecentlyUsedStatementBeyondCapacityIsClosed() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            StatementCache cache = new StatementCache(c, 2);
            PreparedStatement one = cache.take("SELECT 1");
            PreparedStatement two = cache.take("SELECT 2");
            PreparedStatement three = cache.take("SELECT 3");
            cache.give("SELECT 1", one);
            cache.give("SELECT 2", two);
            assertThat(cache.take("SELECT 1")).isSameAs(one);
            cache.give("SELECT 1", one);
            cache.give("SELECT 3", three);
            assertThat(cache.idle()).isEqualTo(2);
            assertThat(two.isClosed()).isTrue();
            assertThat(one.isClosed()).isFalse();
            assertThat(cache.take("SELECT 3")).isSameAs(three);
            PreparedStatement file = cache.take("SELECT 'read_csv(' AS f");
            cache.give("SELECT 'read_csv(' AS f", file);
            assertThat(file.isClosed()).isTrue();
            assertThat(cache.idle()).isEqualTo(1);
        }
    }
}
