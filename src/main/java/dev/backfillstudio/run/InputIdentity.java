package dev.backfillstudio.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Lineage is read for every day a status shows, so it is written and read with Jackson's streaming
     * parser and generator, not its object mapper: the same JSON, a fraction of the work.
     */
    private static final JsonFactory JSON = new JsonFactory();

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

    /** The lineage of one attempt as stored in {@code bfs.attempts.inputs}: a JSON array of {table, kind, day, identity}. */
    public static String encode(List<InputIdentity> inputs) {
        String plain = plainJson(inputs);
        if (plain != null) {
            return plain;
        }
        StringWriter out = new StringWriter(64 * inputs.size() + 2);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (InputIdentity i : inputs) {
                g.writeStartObject();
                g.writeStringField("table", i.table());
                g.writeStringField("kind", i.kind().name());
                g.writeStringField("day", i.day() == null ? null : i.day().toString());
                g.writeStringField("identity", i.identity());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("lineage does not serialise", e);
        }
        return out.toString();
    }

    /**
     * The same JSON as the generator writes, built directly when no text needs escaping (table names and
     * identities nearly always): a status compares the lineage each day would record now with the one it
     * recorded, 365 of them a year, and the generator's per-call set-up was a fifth of a status before the
     * JIT had compiled it. Null when a text needs escaping.
     */
    private static String plainJson(List<InputIdentity> inputs) {
        StringBuilder b = new StringBuilder(96 * inputs.size() + 2).append('[');
        for (int k = 0; k < inputs.size(); k++) {
            InputIdentity i = inputs.get(k);
            if (!plain(i.table()) || !plain(i.identity())) {
                return null;
            }
            b.append(k == 0 ? "" : ",").append("{\"table\":\"").append(i.table()).append("\",\"kind\":\"").append(i.kind().name())
                    .append("\",\"day\":");
            if (i.day() == null) {
                b.append("null");
            } else {
                b.append('"').append(i.day()).append('"');
            }
            b.append(",\"identity\":\"").append(i.identity()).append("\"}");
        }
        return b.append(']').toString();
    }

    /** Printable ASCII without a quote or a backslash: written as it is in JSON. */
    private static boolean plain(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Reads what {@link #encode} wrote; null (an attempt from before lineage) reads as nothing recorded. */
    public static List<InputIdentity> decode(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (JsonParser p = JSON.createParser(json)) {
            List<InputIdentity> out = new ArrayList<>();
            expect(p.nextToken(), JsonToken.START_ARRAY, json);
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(t, JsonToken.START_OBJECT, json);
                String table = null;
                String kind = null;
                String day = null;
                String identity = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    String value = p.getValueAsString();
                    switch (field) {
                        case "table" -> table = value;
                        case "kind" -> kind = value;
                        case "day" -> day = value;
                        case "identity" -> identity = value;
                        default -> p.skipChildren();
                    }
                }
                if (kind == null) {
                    throw new IllegalStateException("the lineage of an attempt is unreadable: " + json);
                }
                out.add(new InputIdentity(table, InputKind.valueOf(kind), day == null ? null : LocalDate.parse(day), identity));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw (IllegalStateException) e;
            }
            throw new IllegalStateException("the lineage of an attempt is unreadable: " + json, e);
        }
    }

    private static void expect(JsonToken found, JsonToken wanted, String json) {
        if (found != wanted) {
            throw new IllegalStateException("the lineage of an attempt is unreadable: " + json);
        }
    }
}
