package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lineage as stored with each attempt: written and read back exactly, also as earlier builds wrote it. */
class InputIdentityTest {

    private static final List<InputIdentity> READ = List.of(
            new InputIdentity("item_snapshot", InputKind.SNAPSHOT_DAY, LocalDate.of(2024, 10, 1), "16500:9f3a"),
            new InputIdentity("item_history", InputKind.HISTORY_DAY, LocalDate.of(2024, 10, 1), "2024-09-30/16500:77"),
            new InputIdentity("prices \"eu\"", InputKind.TABLE, null, "12:ab\\cd"),
            new InputIdentity("events", InputKind.EVENT_DAY, LocalDate.of(2024, 10, 2), InputIdentity.EMPTY));

    @Test
    void lineageWrittenIsReadBackAsItWas() {
        assertThat(InputIdentity.decode(InputIdentity.encode(READ))).isEqualTo(READ);
        assertThat(InputIdentity.decode(InputIdentity.encode(List.of()))).isEmpty();
    }

    @Test
    void lineageIsTheSameJsonTheObjectMapperWrote() throws Exception {
        // with a text to escape (the generator writes it) and without (written directly)
        assertSameAsObjectMapper(READ);
        assertSameAsObjectMapper(READ.stream().filter(i -> !i.table().contains("\"")).toList());
        assertSameAsObjectMapper(List.of(new InputIdentity("t", InputKind.TABLE, null, "caf\u00e9:1")));
        assertSameAsObjectMapper(List.of(new InputIdentity("t", InputKind.TABLE, null, "tab\there")));
        assertSameAsObjectMapper(List.of());
    }

    private static void assertSameAsObjectMapper(List<InputIdentity> read) throws Exception {
        List<Map<String, String>> list = new java.util.ArrayList<>();
        for (InputIdentity i : read) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("table", i.table());
            m.put("kind", i.kind().name());
            m.put("day", i.day() == null ? null : i.day().toString());
            m.put("identity", i.identity());
            list.add(m);
        }
        String earlier = new ObjectMapper().writeValueAsString(list);
        assertThat(InputIdentity.encode(read)).isEqualTo(earlier);
        assertThat(InputIdentity.decode(earlier)).isEqualTo(read);
    }

    @Test
    void anAttemptFromBeforeLineageReadsAsNothingRecorded() {
        assertThat(InputIdentity.decode(null)).isEmpty();
        assertThat(InputIdentity.decode(" ")).isEmpty();
    }

    @Test
    void fieldsInAnotherOrderOrUnknownOnesStillRead() {
        assertThat(InputIdentity.decode("[{\"identity\":\"1:2\",\"extra\":{\"a\":[1,2]},\"day\":\"2024-01-05\",\"kind\":\"EVENT_DAY\","
                + "\"table\":\"e\"}]")).containsExactly(new InputIdentity("e", InputKind.EVENT_DAY, LocalDate.of(2024, 1, 5), "1:2"));
    }

    @Test
    void unreadableLineageSaysSo() {
        for (String bad : List.of("{}", "[1]", "[{\"table\":\"t\"}]", "[{\"kind\":\"NOPE\"}]", "[{\"kind\":\"TABLE\"")) {
            assertThatThrownBy(() -> InputIdentity.decode(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unreadable");
        }
    }
}
