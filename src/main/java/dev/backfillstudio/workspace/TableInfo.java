package dev.backfillstudio.workspace;

import java.util.Optional;

/** A user table as the catalog sees it. */
public record TableInfo(String name, TableKind kind, long rows, Optional<String> dateColumn) {
}
