package dev.backfillstudio.job;

/** A saved job: its name, the table it writes, and the version its runs use. */
public record Job(String name, String target, int currentVersion) {
}
