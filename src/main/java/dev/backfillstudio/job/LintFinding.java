package dev.backfillstudio.job;

import java.util.Optional;

/**
 * One thing lint found in a job's SQL: the rule, its severity, one sentence naming the table or
 * function concerned, and, where there is one, the fix (text to write instead).
 */
public record LintFinding(LintRule rule, Severity severity, String sentence, Optional<String> fix) {

    static LintFinding of(LintRule rule, String sentence) {
        return new LintFinding(rule, rule.severity(), sentence, Optional.empty());
    }

    static LintFinding of(LintRule rule, String sentence, String fix) {
        return new LintFinding(rule, rule.severity(), sentence, Optional.ofNullable(fix));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
