package dev.backfillstudio.run;

/** How a job's query reads one input, and so what identity its lineage records for a day. */
public enum InputKind {
    /** A snapshot table read for the day ({@code snapshot_date = {DATE}}): that day's snapshot. */
    SNAPSHOT_DAY,
    /** A history table or its {@code _asof} macro read for the day: the snapshot in effect on that day. */
    HISTORY_DAY,
    /** An event table read for the day ({@code date = {DATE}}): that day's rows. */
    EVENT_DAY,
    /** Another job's output read for the day ({@code partition_date = {DATE}}): that day's partition. */
    JOB_DAY,
    /** Any other read (today's {@code item}, a reference table, a table read over many days): the whole table. */
    TABLE
}
