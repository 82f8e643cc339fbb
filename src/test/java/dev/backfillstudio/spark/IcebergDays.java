package dev.backfillstudio.spark;

import dev.backfillstudio.run.Fingerprint;
import dev.backfillstudio.workspace.EngineKind;
import dev.backfillstudio.workspace.EngineSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads a job output's days straight from the Iceberg warehouse, without the workspace file (which the app may hold). */
public final class IcebergDays {

    private IcebergDays() {
    }

    public static Map<LocalDate, Fingerprint> held(Path warehouse, String target, LocalDate from, LocalDate to) {
        Map<LocalDate, Fingerprint> out = new LinkedHashMap<>();
        try (SparkEngine engine = new SparkEngine(new EngineSettings(EngineKind.SPARK, Optional.of(warehouse),
                EngineSettings.LOCAL_MASTER))) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                out.put(d, engine.storedDay(target, d));
            }
        }
        return out;
    }
}
