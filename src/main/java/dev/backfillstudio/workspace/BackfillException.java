package dev.backfillstudio.workspace;

/**
 * A failure the user can act on, carried as one sentence that names the file, line, table or day
 * concerned. The engine throws it; the command line prints the sentence and the app shows it.
 */
public class BackfillException extends RuntimeException {

    /** Whether the user asked for something impossible, or something that was possible failed. */
    public enum Kind { BAD_INPUT, FAILED }

    private final Kind kind;

    public BackfillException(Kind kind, String sentence) {
        super(sentence);
        this.kind = kind;
    }

    public BackfillException(Kind kind, String sentence, Throwable cause) {
        super(sentence, cause);
        this.kind = kind;
    }

    public static BackfillException badInput(String sentence) {
        return new BackfillException(Kind.BAD_INPUT, sentence);
    }

    public static BackfillException badInput(String sentence, Throwable cause) {
        return new BackfillException(Kind.BAD_INPUT, sentence, cause);
    }

    public static BackfillException failed(String sentence, Throwable cause) {
        return new BackfillException(Kind.FAILED, sentence, cause);
    }

    public Kind kind() {
        return kind;
    }
}
