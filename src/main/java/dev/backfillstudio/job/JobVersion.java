package dev.backfillstudio.job;

import java.time.Instant;

/** One immutable, numbered version of a job's SQL, with the hash of its text. */
public record JobVersion(String job, int version, String sql, String hash, Instant createdAt) {
}
