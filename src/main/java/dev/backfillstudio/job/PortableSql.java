package dev.backfillstudio.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lint for a workspace that runs on another engine: when that engine's parser or analyzer refuses a query,
 * names the DuckDB-only constructs in it with the form both engines accept, or, when none is recognised,
 * passes on the engine's own sentence.
 */
public final class PortableSql {

    private record Construct(Pattern pattern, String what, String fix) {
    }

    private static final List<Construct> DUCKDB_ONLY = List.of(
            new Construct(Pattern.compile("([\\w.\\)\\]'\"]+)\\s*::\\s*([A-Za-z_][\\w]*(?:\\s*\\([\\d,\\s]*\\))?)"),
                    "the cast %s is DuckDB's shorthand", "CAST(%1$s AS %2$s), with STRING for VARCHAR"),
            new Construct(Pattern.compile("(?i)\\bQUALIFY\\b"), "QUALIFY is not Spark SQL",
                    "compute the window function in a subquery and filter on it outside: SELECT * FROM (SELECT ..., row_number()"
                            + " OVER (...) AS rn FROM t) WHERE rn = 1"),
            new Construct(Pattern.compile("(?i)\\*\\s*EXCLUDE\\s*\\("), "SELECT * EXCLUDE (...) is not Spark SQL",
                    "name the columns to keep"),
            new Construct(Pattern.compile("(?i)\\blist_value\\s*\\("), "list_value(...) is DuckDB's", "array(...)"));

    private static final Pattern COMMENT = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    private PortableSql() {
    }

    /**
     * The findings for {@code sql} given what the engine said of it: none when it accepted the query.
     *
     * @param engine a name for sentences ("Spark 4.1.1 (local[2])")
     * @param refusal the engine's sentence when it refused the query
     */
    public static List<LintFinding> check(String sql, String engine, Optional<String> refusal) {
        if (refusal.isEmpty()) {
            return List.of();
        }
        String text = COMMENT.matcher(sql).replaceAll(" ");
        List<LintFinding> out = new ArrayList<>();
        for (Construct c : DUCKDB_ONLY) {
            Matcher m = c.pattern().matcher(text);
            while (m.find()) {
                String found = m.group().trim();
                String fix = m.groupCount() >= 2 ? String.format(c.fix(), m.group(1), m.group(2)) : c.fix();
                out.add(LintFinding.of(LintRule.NOT_PORTABLE, String.format(c.what(), "\"" + found + "\"") + ": " + engine
                        + " cannot run it.", fix));
            }
        }
        if (out.isEmpty()) {
            out.add(LintFinding.of(LintRule.NOT_PORTABLE, engine + " refuses this query: " + refusal.get(),
                    "write it in SQL both engines accept"));
        }
        return out;
    }
}
