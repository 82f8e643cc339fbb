package dev.backfillstudio.workspace;

/** One column of a table: its name as declared and its DuckDB type as DuckDB spells it ({@code DECIMAL(12,2)}). */
public record TableColumn(String name, String type) {
}
