package dev.backfillstudio.ingest;

/** What happened to one file of a snapshot load. */
public enum SnapshotOutcome {
    /** A new day was added. */
    LOADED,
    /** An existing day was swapped for the file's rows. */
    REPLACED,
    /** The file was bad or did not fit the table; nothing of it was written. */
    REFUSED,
    /** The load was cancelled while this file was loading; nothing of it was written. */
    CANCELLED
}
