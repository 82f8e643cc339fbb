package dev.backfillstudio.spark;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session per process (starting one costs seconds), in which each warehouse gets an Iceberg
 * catalog of its own, named after its folder, so several workspaces can share the session.
 */
final class SparkSessions {

    private SparkSessions() {
    }

    static synchronized SparkSession get(String master) {
        return SparkSession.builder()
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
