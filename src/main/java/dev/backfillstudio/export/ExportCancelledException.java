package dev.backfillstudio.export;

import dev.backfillstudio.workspace.BackfillException;

/** The export was cancelled; nothing was left at the target or beside it. */
public final class ExportCancelledException extends BackfillException {

    public ExportCancelledException(String sentence) {
        super(Kind.FAILED, sentence);
    }
}
