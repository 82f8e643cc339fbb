package dev.backfillstudio.source;

import java.util.List;

/**
 * A saved source: where the daily snapshot of {@code table} is captured from. {@code keyColumns},
 * when not empty, keeps a history of the table. Never a password.
 */
public record Source(String name, String jdbcUrl, String query, String table, List<String> keyColumns) {

    public Source {
        keyColumns = List.copyOf(keyColumns);
    }

    /** How sentences name it. */
    public String label() {
        return "source " + name;
    }
}
