package dev.backfillstudio.run;

import dev.backfillstudio.job.SqlTemplate;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.TableColumn;
import dev.backfillstudio.workspace.TableColumns;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A job's SQL as another engine runs it for one day: the day written in, and each call of a history's
 * as-of table macro ({@code item_history_asof({DATE})}, which DuckDB defines with the history) written
 * out as the subquery the macro stands for, since Spark with Iceberg's extensions cannot define one.
 */
public final class EngineSql {

    private EngineSql() {
    }

    public static String forDay(Db db, String sql, LocalDate day) {
        String text = SqlTemplate.forDay(sql, day);
        try {
            for (String history : db.query("SELECT name FROM bfs.tables WHERE kind = 'HISTORY'", rs -> rs.getString(1))) {
                Pattern call = Pattern.compile("(?i)\\b" + Pattern.quote(history) + "_asof\\s*\\(\\s*(DATE\\s*'\\d{4}-\\d{2}-\\d{2}')\\s*\\)");
                Matcher m = call.matcher(text);
                if (!m.find()) {
                    continue;
                }
                List<String> columns = TableColumns.of(db, history).stream().map(TableColumn::name)
                        .filter(c -> !c.equals("valid_from") && !c.equals("valid_to")).toList();
                String list = columns.stream().map(EngineSql::ident).collect(Collectors.joining(", "));
                text = m.replaceAll(r -> Matcher.quoteReplacement("(SELECT " + list + " FROM " + ident(history) + " WHERE valid_from <= "
                        + r.group(1) + " AND (valid_to IS NULL OR valid_to > " + r.group(1) + "))"));
            }
            return text;
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read the workspace's histories: " + e.getMessage(), e);
        }
    }

    private static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
