package dev.backfillstudio.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One row of the results file. */
record BenchResult(
        @JsonProperty("name") String name,
        @JsonProperty("app_s") double appSeconds,
        @JsonProperty("raw_s") Double rawSeconds,
        @JsonProperty("ratio") Double ratio,
        @JsonProperty("target") Double target,
        @JsonProperty("runs") int runs,
        @JsonProperty("met") boolean met,
        @JsonProperty("note") String note) {
}
