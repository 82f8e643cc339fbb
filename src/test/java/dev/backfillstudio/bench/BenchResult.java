package dev.backfillstudio.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One row of the results file; {@code target_kind} says what {@code target} bounds (see {@link Target.Kind}). */
record BenchResult(
        @JsonProperty("name") String name,
        @JsonProperty("app_s") double appSeconds,
        @JsonProperty("raw_s") Double rawSeconds,
        @JsonProperty("ratio") Double ratio,
        @JsonProperty("target") Double target,
        @JsonProperty("target_kind") String targetKind,
        @JsonProperty("runs") int runs,
        @JsonProperty("met") boolean met,
        @JsonProperty("note") String note) {
}
