package dev.backfillstudio.job;

/** How much a lint finding matters: an error refuses the job, a warning is shown and the job is kept. */
public enum Severity {
    ERROR,
    WARNING
}
