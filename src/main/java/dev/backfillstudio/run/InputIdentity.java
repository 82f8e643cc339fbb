package dev.backfillstudio.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one attempt read of one input: the table, how it was read, the day it was read for (null for a
 * whole table) and the identity of what it held then. Two identities are equal exactly when the input
 * held the same rows.
 */
public record InputIdentity(String table, InputKind kind, LocalDate day, String identity) {

    /** Identity of an input day with no rows (an event day without events, a job day never run). */
    public static final String EMPTY = "0:0";
    /** Identity of an input that was not there (no snapshot that day, no such table). */
    public static final String ABSENT = "absent";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the same input would be read again: the table, the kind and the day. */
    public record Key(String table, InputKind kind, LocalDate day) {
    }

    public Key key() {
        return new Key(table, kind, day);
    }

    /** The rows part of an identity ({@code rows:hash}, or {@code day/rows:hash} for a history), if it has one. */
    public static String rowsOf(String identity) {
        String rest = identity.contains("/") ? identity.substring(identity.indexOf('/') + 1) : identity;
        int colon = rest.indexOf(':');
        return colon < 0 ? "no" : rest.substring(0, colon);
    }

    /** The lineage of one attempt as stored in {@code bfs.attempts.inputs}. */
    public static String encode(List<InputIdentity> inputs) {
        List<Map<String, String>> list = new ArrayList<>();
        for (InputIdentity i : inputs) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("table", i.table());
            m.put("kind", i.kind().name());
            m.put("day", i.day() == null ? null : i.day().toString());
            m.put("identity", i.identity());
            list.add(m);
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lineage does not serialise", e);
        }
    }

    /** Reads what {@link #encode} wrote; null (an attempt from before lineage) reads as nothing recorded. */
    public static List<InputIdentity> decode(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, String>> list = JSON.readValue(json, new TypeReference<List<Map<String, String>>>() { });
            List<InputIdentity> out = new ArrayList<>();
            for (Map<String, String> m : list) {
                out.add(new InputIdentity(m.get("table"), InputKind.valueOf(m.get("kind")),
                        m.get("day") == null ? null : LocalDate.parse(m.get("day")), m.get("identity")));
            }
            return out;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("the lineage of an attempt is unreadable: " + json, e);
        }
    }
}
