package dev.backfillstudio.run;

import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registered snapshot tables a job's SQL reads, and which days they hold. A day without its
 * snapshot must fail instead of silently producing an empty result.
 */
public final class SnapshotInputs {

    /** A snapshot table and the column holding its day. */
    record Input(String table, String dateColumn) {
    }

    private final List<Input> inputs;

    private SnapshotInputs(List<Input> inputs) {
        this.inputs = inputs;
    }

    public static SnapshotInputs of(Db db, String sql) throws SQLException {
        Set<String> read = QueryCheck.tablesRead(db, sql);
        List<Input> inputs = new ArrayList<>();
        if (!read.isEmpty()) {
            for (Input in : db.query("SELECT name, date_column FROM bfs.tables WHERE kind = 'SNAPSHOT' AND date_column IS NOT NULL"
                    + " ORDER BY name", rs -> new Input(rs.getString(1), rs.getString(2)))) {
                if (read.contains(in.table().toLowerCase(java.util.Locale.ROOT))) {
                    inputs.add(in);
                }
            }
        }
        return new SnapshotInputs(inputs);
    }

    boolean isEmpty() {
        return inputs.isEmpty();
    }

    /** Per table, the days in [from, to] that have at least one snapshot row: one query for all tables. */
    public Map<String, Set<LocalDate>> presentDays(Db db, LocalDate from, LocalDate to) throws SQLException {
        Map<String, Set<LocalDate>> out = new LinkedHashMap<>();
        if (inputs.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Input in : inputs) {
            out.put(in.table(), new HashSet<>());
            if (sql.length() > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("SELECT DISTINCT ? AS t, ").append(Db.ident(in.dateColumn())).append("::DATE AS d FROM ")
                    .append(Db.ident(in.table())).append(" WHERE ").append(Db.ident(in.dateColumn())).append(" BETWEEN ? AND ?");
            params.add(in.table());
            params.add(from);
            params.add(to);
        }
        for (Object[] row : db.query(sql.toString(), rs -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class)},
                params.toArray())) {
            out.get((String) row[0]).add((LocalDate) row[1]);
        }
        return out;
    }

    /** The first table without a snapshot for the day, given what {@link #presentDays} found. */
    public static Optional<String> missingOn(Map<String, Set<LocalDate>> present, LocalDate day) {
        for (Map.Entry<String, Set<LocalDate>> e : present.entrySet()) {
            if (!e.getValue().contains(day)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Earliest and latest snapshot day over all the tables, if any. */
    Optional<LocalDate[]> range(Db db) throws SQLException {
        LocalDate min = null;
        LocalDate max = null;
        for (Input in : inputs) {
            String col = Db.ident(in.dateColumn());
            Optional<LocalDate[]> r = db.queryOne("SELECT min(" + col + ")::DATE, max(" + col + ")::DATE FROM " + Db.ident(in.table()),
                    rs -> rs.getObject(1) == null ? null
                            : new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)});
            if (r.isPresent()) {
                min = min == null || r.get()[0].isBefore(min) ? r.get()[0] : min;
                max = max == null || r.get()[1].isAfter(max) ? r.get()[1] : max;
            }
        }
        return min == null ? Optional.empty() : Optional.of(new LocalDate[] {min, max});
    }
}
