package dev.backfillstudio.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementTextTest {

    @Test
    void semicolonsInsideQuotesDollarQuotesAndCommentsDoNotSplit() {
        String sql = """
                -- a comment; with a semicolon
                SELECT 'a;b', "c;d", $$e;f$$, $tag$g;h$tag$ /* i; j */ FROM t;
                  drop TABLE t;
                ;
                """;
        assertThat(StatementText.kinds(sql)).containsExactly("SELECT", "DROP");
    }

    @Test
    void aDoubledQuoteStaysInsideItsString() {
        assertThat(StatementText.kinds("SELECT 'it''s; fine'; COPY t TO 'x'")).containsExactly("SELECT", "COPY");
    }

    @Test
    void aParenthesisedQueryIsNamedByItsFirstKeyword() {
        assertThat(StatementText.kinds("(SELECT 1) UNION (SELECT 2)")).containsExactly("SELECT");
        assertThat(StatementText.kinds("  \n-- nothing\n")).isEmpty();
    }
}
