package dev.backfillstudio.workspace;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first rows of a query, for showing in a grid: column names and types, the rows as Java
 * values, whether more rows exist, and how long the query took. Only previews pass rows through
 * Java, and never more than the limit.
 */
public record RowSample(List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated, Duration elapsed) {

    public RowSample {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = Collections.unmodifiableList(rows);
    }

    /** Reads at most {@code limit} rows from the result set; notes whether there were more. */
    public static RowSample read(ResultSet rs, int limit, long startedNanos) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(md.getColumnLabel(i));
            types.add(md.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean more = false;
        while (rs.next()) {
            if (rows.size() == limit) {
                more = true;
                break;
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(Collections.unmodifiableList(row));
        }
        return new RowSample(columns, types, rows, more, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** The rows as tab-separated text with a header line, as spreadsheets paste it. */
    public static String toTsv(List<String> columns, List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder(String.join("\t", columns.stream().map(RowSample::cell).toList())).append('\n');
        for (List<?> row : rows) {
            out.append(String.join("\t", row.stream().map(RowSample::cell).toList())).append('\n');
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return value.toString().replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
