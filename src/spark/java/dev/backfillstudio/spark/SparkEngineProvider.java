package dev.backfillstudio.spark;

import dev.backfillstudio.run.DayEngine;
import dev.backfillstudio.run.DayEngineProvider;
import dev.backfillstudio.workspace.EngineKind;
import dev.backfillstudio.workspace.EngineSettings;

/** Registers the Spark engine with {@link java.util.ServiceLoader}. */
public final class SparkEngineProvider implements DayEngineProvider {

    @Override
    public EngineKind kind() {
        return EngineKind.SPARK;
    }

    @Override
    public DayEngine open(EngineSettings settings) {
        return new SparkEngine(settings);
    }
}
