package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a snapshot file's day comes from: given, a column of the file, or the file's name. */
public sealed interface SnapshotDateSource {

    /** The same day for every file. */
    record Fixed(LocalDate day) implements SnapshotDateSource {
        public Fixed {
            Objects.requireNonNull(day, "day");
        }
    }

    /** The file's own date column; every row must carry the same day. */
    record Column(String name) implements SnapshotDateSource {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The first {@code YYYY-MM-DD} in the file's name. */
    record FromFileName() implements SnapshotDateSource {
        private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

        /** The day named in the file name; refuses a name without one or with an impossible one. */
        public LocalDate dayOf(Path file) {
            String name = file.getFileName().toString();
            Matcher m = DAY.matcher(name);
            if (!m.find()) {
                throw BackfillException.badInput(file.toAbsolutePath() + ": the file name holds no day (YYYY-MM-DD).");
            }
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                throw BackfillException.badInput(file.toAbsolutePath() + ": " + m.group() + " in the file name is not a valid day.");
            }
        }
    }

    static SnapshotDateSource day(LocalDate day) {
        return new Fixed(day);
    }

    static SnapshotDateSource column(String name) {
        return new Column(name);
    }

    static SnapshotDateSource fromFileName() {
        return new FromFileName();
    }
}
