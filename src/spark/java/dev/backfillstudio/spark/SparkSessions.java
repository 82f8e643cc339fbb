package dev.backfillstudio.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session per process (starting one costs seconds), in which each warehouse gets an Iceberg
 * catalog of its own, named after its folder, so several workspaces can share the session.
 */
final class SparkSessions {

    /** Guarded by the class: {@link #get} is synchronized. */
    private static Path defaultCatalog;

    private SparkSessions() {
    }

    static synchronized SparkSession get(String master) {
        return SparkSession.builder()
                // Spark makes the folder of its default catalog when the session starts, in the working folder unless told
                // otherwise; the workspace's tables live in their warehouse's own catalog, so that folder stays empty
                .config("spark.sql.warehouse.dir", defaultCatalogFolder().toUri().toString())
                .master(master)
                .appName("Backfill Studio")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                // a day is replaced by naming it: with dynamic overwrite a day whose query now returns no rows keeps its old ones
                .config("spark.sql.sources.partitionOverwriteMode", "static")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /** A folder of this process under the temporary folder, removed when the process ends, for Spark's unused default catalog. */
    private static Path defaultCatalogFolder() {
        if (defaultCatalog != null) {
            return defaultCatalog;
        }
        try {
            defaultCatalog = Files.createTempDirectory("backfill-studio-spark-");
            defaultCatalog.toFile().deleteOnExit();
            return defaultCatalog;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a temporary folder for Spark: " + e.getMessage(), e);
        }
    }

    /** The name of the Iceberg catalog over {@code warehouse}, registered in the session on first use. */
    static synchronized String catalog(SparkSession spark, Path warehouse) {
        String path = warehouse.toAbsolutePath().normalize().toString();
        String name = "bfs_" + HexFormat.of().toHexDigits(path.hashCode()).toLowerCase(Locale.ROOT);
        String key = "spark.sql.catalog." + name;
        if (!spark.conf().contains(key)) {
            spark.conf().set(key, "org.apache.iceberg.spark.SparkCatalog");
            spark.conf().set(key + ".type", "hadoop");
            spark.conf().set(key + ".warehouse", path);
            // another process (a command, the app) may have committed since: always read the table's current metadata
            spark.conf().set(key + ".cache-enabled", "false");
        }
        return name;
    }
}
