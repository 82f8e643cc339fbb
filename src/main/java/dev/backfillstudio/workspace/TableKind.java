package dev.backfillstudio.workspace;

/** What a table of the workspace is for; decides where the sidebar lists it and how lint reads it. */
public enum TableKind {
    SNAPSHOT("snapshot"),
    HISTORY("history"),
    EVENT("event"),
    JOB_OUTPUT("job output"),
    STATIC("static reference"),
    OTHER("plain");

    private final String label;

    TableKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
