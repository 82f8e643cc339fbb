package dev.backfillstudio.ui;

import dev.backfillstudio.workspace.TableInfo;

/**
 * A table as the sidebar lists it: what the catalog says, a line of detail (a snapshot's days and how
 * they arrived), and a longer note for its tooltip (which runs of days were captured, which loaded from files).
 */
public record TableEntry(TableInfo info, String detail, String note) {

    public TableEntry(TableInfo info, String detail) {
        this(info, detail, "");
    }
}
