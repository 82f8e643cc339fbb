package dev.backfillstudio.export;

import dev.backfillstudio.run.DaySet;
import java.util.Optional;

/** What an export reads: a job's output (some days or all of them), or any table of the workspace. */
public sealed interface ExportSource {

    /** A job's output rows, ordered by partition_date; all days when {@code days} is empty. */
    record JobOutput(String job, Optional<DaySet> days) implements ExportSource {
        @Override
        public String describe() {
            return "job " + job + days.map(d -> " (" + d + ")").orElse("");
        }
    }

    /** Every row of a table of the workspace, ordered by its date column when it has one. */
    record Table(String table) implements ExportSource {
        @Override
        public String describe() {
            return "table " + table;
        }
    }

    static ExportSource job(String job) {
        return new JobOutput(job, Optional.empty());
    }

    static ExportSource job(String job, DaySet days) {
        return new JobOutput(job, Optional.of(days));
    }

    static ExportSource table(String table) {
        return new Table(table);
    }

    /** "job J (days)" or "table T", for messages. */
    String describe();
}
