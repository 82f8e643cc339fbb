package dev.backfillstudio.ingest;

/** A column of the rows a snapshot day is taken from: its name and its DuckDB type. */
public record RelationColumn(String name, String type) {
}
