package dev.backfillstudio.cli;

/** The command line's exit codes, as DESIGN.md fixes them. */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** The command ran but something failed: a day, a file, a check. */
    public static final int FAILED = 1;
    /** Bad usage or bad input; nothing was changed. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
