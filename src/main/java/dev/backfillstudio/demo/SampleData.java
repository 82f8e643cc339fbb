package dev.backfillstudio.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of {@code sample-data/}, read from the classpath (the build copies the folder into the
 * jar) so the sample works wherever the app is started from.
 */
public final class SampleData {

    public static final LocalDate FIRST_DAY = LocalDate.of(2024, 9, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2024, 10, 31);
    public static final String NAIVE_JOB = "active_item_events_naive";
    public static final String SNAPSHOT_JOB = "active_item_events_snapshot";
    public static final String HISTORY_JOB = "active_item_events_history";
    /** Reads the snapshot job's output: the sample's job chain. */
    public static final String DOWNSTREAM_JOB = "active_items_per_kind";

    private SampleData() {
    }

    /** Copies a sample file to {@code dir} (DuckDB reads files, not classpath resources); empty if absent. */
    public static Optional<Path> extract(String name, Path dir) {
        try (InputStream in = SampleData.class.getResourceAsStream("/sample-data/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            Path target = dir.resolve(name.replace('/', '_'));
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQL of a sample job, by name. */
    public static String jobSql(String job) {
        try (InputStream in = SampleData.class.getResourceAsStream("/sample-data/jobs/" + job + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("sample job " + job + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The daily snapshot files, extracted to {@code dir}, in day order (the missing day is skipped). */
    public static List<Path> snapshotFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        for (LocalDate d = FIRST_DAY; !d.isAfter(LAST_DAY); d = d.plusDays(1)) {
            extract("item_snapshots/item_" + d + ".csv", dir).ifPresent(out::add);
        }
        return out;
    }
}
