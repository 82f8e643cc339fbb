package dev.backfillstudio.job;

/** The checks lint makes of a job's SQL, each with the severity its findings carry. */
public enum LintRule {
    /** DuckDB cannot parse the text. */
    PARSE_ERROR(Severity.ERROR),
    /** The text is a statement other than a query (DDL, DML, COPY, ATTACH, SET, PRAGMA...). */
    NOT_A_QUERY(Severity.ERROR),
    /** The text holds more than one statement. */
    STACKED_STATEMENTS(Severity.ERROR),
    /** The query never uses {DATE}, so every day would get the same rows. */
    NO_DATE(Severity.ERROR),
    /** The query reads files, the network, another database or runs SQL built from text. */
    FORBIDDEN_SOURCE(Severity.ERROR),
    /** A table is read as it is today instead of as it was on the day. */
    MUTABLE_READ(Severity.WARNING),
    /** A snapshot table is read without tying its date column to {DATE}. */
    SNAPSHOT_NOT_PINNED(Severity.WARNING),
    /** A history table is read without validity bounds around {DATE}. */
    HISTORY_NOT_PINNED(Severity.WARNING),
    /** The answer depends on the clock, chance or row order rather than on the day. */
    NONDETERMINISTIC(Severity.WARNING),
    /** The workspace runs on another engine (Spark) whose parser or analyzer refuses the query. */
    NOT_PORTABLE(Severity.ERROR);

    private final Severity severity;

    LintRule(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
