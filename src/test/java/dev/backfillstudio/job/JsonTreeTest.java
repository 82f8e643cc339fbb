package dev.backfillstudio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DuckDB's parse trees read without an ObjectMapper are the trees an ObjectMapper reads, node for node. */
class JsonTreeTest {

    @TempDir
    static Path dir;

    static Workspace ws;

    @BeforeAll
    static void open() {
        ws = LintFixture.sample(dir.resolve("tree.duckdb"));
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id, status FROM item WHERE status = 'ACTIVE' AND id > 10",
        "SELECT 1, -2, 2147483648, 9223372036854775807, 1.5, 1e300, 0.1::DOUBLE, NULL, true, false, 'é ✓ \"q\" \\ \n'",
        "WITH a AS (SELECT {'k': [1, 2, 3], 'm': MAP {'x': 1}} AS s) SELECT s.k[1], unnest(s.k) FROM a",
        "SELECT count(*) FILTER (WHERE id % 2 = 0) OVER (PARTITION BY status ORDER BY id) FROM item QUALIFY row_number() OVER () < 3",
        "SELECT * FROM item JOIN item i2 USING (id) WHERE id IN (SELECT 1 UNION ALL SELECT 2)",
        "SELEC nothing",
        "DROP TABLE item"
    })
    void readsDuckDbsParseTreeAsAnObjectMapperWould(String sql) throws Exception {
        String json = ws.db().queryOne("SELECT json_serialize_sql(CAST(? AS VARCHAR))", rs -> rs.getString(1), sql).orElseThrow();

        JsonNode expected = new ObjectMapper().readTree(json);
        JsonNode read = JsonTree.read(json);

        assertThat(read).isEqualTo(expected);
        assertThat(read.toString()).isEqualTo(expected.toString());
    }

    @Test
    void numbersKeepTheNodeTypeTheirSizeGives() throws Exception {
        String json = "{\"i\": 7, \"l\": 8589934592, \"b\": 92233720368547758070, \"d\": 2.5, \"n\": null}";

        JsonNode read = JsonTree.read(json);

        assertThat(read.get("i").isInt()).isTrue();
        assertThat(read.get("l").isLong()).isTrue();
        assertThat(read.get("b").isBigInteger()).isTrue();
        assertThat(read.get("d").isDouble()).isTrue();
        assertThat(read.get("n").isNull()).isTrue();
        assertThat(read).isEqualTo(new ObjectMapper().readTree(json));
    }

    @Test
    void textThatIsNotOneJsonValueIsRefused() {
        assertThatThrownBy(() -> JsonTree.read("{\"a\": [1, 2}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonTree.read("{\"a\": 1")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonTree.read("{} {}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonTree.read("")).isInstanceOf(IOException.class);
    }
}
