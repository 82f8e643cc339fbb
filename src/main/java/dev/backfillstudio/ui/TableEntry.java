package dev.backfillstudio.ui;

import dev.backfillstudio.workspace.TableInfo;

/** A table as the sidebar lists it: what the catalog says, and a line of detail (a snapshot's days). */
public record TableEntry(TableInfo info, String detail) {
}
