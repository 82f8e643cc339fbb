package dev.backfillstudio.workspace;

/** A workspace file that cannot be opened; the reason lets the app offer the right way out. */
public final class WorkspaceException extends BackfillException {

    public enum Reason { MISSING, NOT_A_WORKSPACE, NO_METADATA, NEWER_VERSION, LOCKED, READ_ONLY }

    private final Reason reason;

    public WorkspaceException(Reason reason, String sentence) {
        super(Kind.BAD_INPUT, sentence);
        this.reason = reason;
    }

    public WorkspaceException(Reason reason, String sentence, Throwable cause) {
        super(Kind.BAD_INPUT, sentence, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
