package dev.backfillstudio;

import java.lang.reflect.InvocationTargetException;

/**
 * The launcher of the jar. It does not extend {@code Application}, so a plain {@code java -jar}
 * can start JavaFX from the classpath. No argument, or a single workspace path: the desktop app.
 * Anything else: the command line.
 *
 * <p>Start-up is most of a short command's time, so the launcher does two things before handing
 * over to {@link Launch} (measured on 2 cores: a {@code status} from 1.2–2 s down to ~0.5 s):
 * <ul>
 *   <li>DuckDB's driver copies its 60–70 MB native library out of the jar into {@code java.io.tmpdir}
 *       at every start (about 0.6 s, and a killed process leaves the copy behind). {@link NativeLibraryCache}
 *       extracts it once into the user's cache folder and runs the app in a class loader that hands
 *       DuckDB that copy: 20 ms instead.</li>
 *   <li>DuckDB's driver class starts a JFR memory monitor and the library is mapped: about 0.1–0.2 s
 *       that a second core does while this thread parses the command line ({@link Launch#warmUp}).</li>
 * </ul>
 * Anything unusual (not started from a jar, no writable cache folder, an unknown platform) falls back
 * to the driver's own extraction: slower, never wrong.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        ClassLoader loader = NativeLibraryCache.loader().orElse(Main.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> launch = Class.forName(Main.class.getPackageName() + ".Launch", true, loader);
        // reflection, not a method handle: on Java 17 the first is a native call, the second spins classes at start-up
        try {
            launch.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
