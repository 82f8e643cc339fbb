package dev.backfillstudio.run;

import dev.backfillstudio.workspace.EngineKind;
import dev.backfillstudio.workspace.EngineSettings;

/** Opens a {@link DayEngine} of one kind; registered as a service by the build that carries the engine. */
public interface DayEngineProvider {

    EngineKind kind();

    DayEngine open(EngineSettings settings);
}
