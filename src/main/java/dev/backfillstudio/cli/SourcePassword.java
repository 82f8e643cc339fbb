package dev.backfillstudio.cli;

import java.util.Optional;

/** Where a capture's password comes from on the command line: the environment, never an option or the workspace. */
final class SourcePassword {

    static final String VARIABLE = "BFS_SOURCE_PASSWORD";

    private SourcePassword() {
    }

    /** BFS_SOURCE_PASSWORD when set and not empty; otherwise the driver looks in its own password file (~/.pgpass). */
    static Optional<String> fromEnvironment() {
        String value = System.getenv(VARIABLE);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
