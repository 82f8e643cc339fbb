package dev.backfillstudio.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * DuckDB's own parse of a text, from {@code json_serialize_sql}: either the statements' syntax
 * trees or the parser's error. Parsing never runs anything, so it is safe on any text; the text
 * travels as a bound parameter.
 */
public final class ParsedQuery {

    /** What DuckDB says of a text that is not only SELECT statements. */
    static final String NOT_SELECT_MESSAGE = "Only SELECT statements can be serialized";

    private final List<JsonNode> statements;
    private final String errorType;
    private final String errorMessage;
    private final Integer errorPosition;

    private ParsedQuery(List<JsonNode> statements, String errorType, String errorMessage, Integer errorPosition) {
        this.statements = statements;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.errorPosition = errorPosition;
    }

    /** Parses the text ({@code {DATE}} already replaced by {@code ?}) with the workspace's DuckDB. */
    public static ParsedQuery parse(Db db, String sql) {
        ParsedQuery known;
        synchronized (PARSED) {
            known = PARSED.get(sql);
        }
        if (known != null) {
            return known;
        }
        String json;
        try {
            json = db.queryOne("SELECT json_serialize_sql(CAST(? AS VARCHAR))", rs -> rs.getString(1), sql).orElseThrow();
        } catch (SQLException e) {
            throw BackfillException.failed("DuckDB could not parse the query: " + e.getMessage().split("\n", 2)[0], e);
        }
        ParsedQuery parsed = fromJson(json);
        synchronized (PARSED) {
            PARSED.put(sql, parsed);
        }
        return parsed;
    }

    /**
     * Parses already made, by text: a parse depends on the text and DuckDB's version only, and a status of
     * a year asks for the same job's parse at every refresh. Its trees are never changed once read.
     */
    private static final Map<String, ParsedQuery> PARSED = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ParsedQuery> eldest) {
            return size() > 256;
        }
    };

    static ParsedQuery fromJson(String json) {
        JsonNode root;
        try {
            root = JsonTree.read(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("json_serialize_sql returned something that is not JSON", e);
        }
        if (root.path("error").asBoolean(false)) {
            String position = root.path("position").asText("");
            Integer pos = position.matches("\\d+") ? Integer.valueOf(position) : null;
            return new ParsedQuery(List.of(), root.path("error_type").asText(""), root.path("error_message").asText(""), pos);
        }
        List<JsonNode> out = new ArrayList<>();
        root.path("statements").forEach(out::add);
        return new ParsedQuery(List.copyOf(out), null, null, null);
    }

    /** The syntax tree of each statement (an object with a {@code node}); empty on an error. */
    public List<JsonNode> statements() {
        return statements;
    }

    public boolean failed() {
        return errorMessage != null;
    }

    /** DuckDB's message when the text did not serialise. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    /** True when the text parsed but holds a statement other than SELECT (DuckDB refuses to serialise it). */
    public boolean hasNonSelectStatement() {
        return errorMessage != null && errorMessage.startsWith(NOT_SELECT_MESSAGE);
    }

    /** True for a syntax error of the parser (as opposed to a statement that is not a query). */
    public boolean isSyntaxError() {
        return errorMessage != null && "parser".equals(errorType);
    }

    /** The character offset DuckDB gives for a syntax error, if any. */
    public OptionalInt errorPosition() {
        return errorPosition == null ? OptionalInt.empty() : OptionalInt.of(errorPosition);
    }
}
