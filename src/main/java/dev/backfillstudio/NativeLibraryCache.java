package dev.backfillstudio;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;

/**
 * Keeps one extracted copy of DuckDB's native library per library version in the user's cache
 * folder, and gives a class loader over the application's class path that hands DuckDB that copy.
 *
 * <p>How DuckDB's driver (2.0.0.1, {@code org.duckdb.DuckDBNative}) loads its library: when the
 * resource {@code /libduckdb_java.so_<os>_<arch>} is on the class path it copies it to a new temp
 * file and loads that; otherwise it calls {@code System.loadLibrary("duckdb_java")}, which asks the
 * class loader's {@code findLibrary} first. The loader made here hides that one resource and answers
 * {@code findLibrary} with the cached copy; every other class and resource comes from the same
 * class path as before, in a loader of its own (the platform loader is its parent). It also keeps
 * the driver from starting Java Flight Recorder (see {@link CachedNativeLoader#loadClass}).
 *
 * <p>Why it is safe: the copy's folder is named after the CRC-32 and size that the jar records for
 * the library entry, so a different library version never reuses it; the copy is written to a
 * temporary name in that folder and renamed into place only when complete, so a killed start or two
 * starts at once never leave a partial file under the final name; and its size is checked before use.
 */
final class NativeLibraryCache {

    private static final String LIBRARY = "duckdb_java";
    private static final String PREFIX = "libduckdb_java.so_";

    private NativeLibraryCache() {
    }

    /** The class loader to run the app in, or empty to keep the default (DuckDB then extracts as usual). */
    static Optional<ClassLoader> loader() {
        if (Boolean.getBoolean("backfill.native.nocache")) {
            return Optional.empty();
        }
        try {
            String entry = PREFIX + platform();
            // the jar that holds the library is already open in the class loader that loaded this class
            URL resource = NativeLibraryCache.class.getClassLoader().getResource(entry);
            if (resource == null || !(resource.openConnection() instanceof JarURLConnection jar)) {
                return Optional.empty();
            }
            Path cached = extracted(jar, entry);
            List<URL> urls = new ArrayList<>();
            for (String element : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!element.isEmpty()) {
                    urls.add(Path.of(element).toAbsolutePath().toUri().toURL());
                }
            }
            return Optional.of(new CachedNativeLoader(urls.toArray(new URL[0]), entry, cached));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** DuckDB's name for this platform's library: {@code linux_amd64}, {@code macos_arm64}, {@code windows_amd64}... */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : os.startsWith("linux") ? "linux" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "amd64" : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : null;
        if (o == null || a == null) {
            throw new IllegalStateException("no cached library for " + os + "/" + arch);
        }
        return o + "_" + a;
    }

    /** The cached copy of the jar's library entry, extracted now if this version is not there yet. */
    private static Path extracted(JarURLConnection jar, String entryName) throws IOException {
        ZipEntry entry = jar.getJarEntry();
        long size = entry.getSize();
        if (size <= 0 || entry.getCrc() == -1) {
            throw new IOException("the jar does not record the library's size and checksum");
        }
        // string concatenation, not String.format: the formatter's locale data cost a start 15 ms
        Path dir = cacheRoot().resolve("native").resolve(entryName + "-" + Long.toHexString(entry.getCrc()) + "-" + size);
        Path lib = dir.resolve(System.mapLibraryName(LIBRARY));
        if (Files.isRegularFile(lib) && Files.size(lib) == size) {
            return lib;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "extracting-", ".tmp");
        try {
            try (InputStream in = jar.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.size(tmp) != size) {
                throw new IOException("short copy of " + entryName);
            }
            Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return lib;
    }

    /** {@code backfill.cache.dir}, else {@code $XDG_CACHE_HOME/backfill-studio}, else {@code ~/.cache/backfill-studio}. */
    private static Path cacheRoot() {
        String configured = System.getProperty("backfill.cache.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "backfill-studio");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "backfill-studio");
    }

    /** The application's class path, with DuckDB's library answered from the cache instead of the jar. */
    private static final class CachedNativeLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        private final String hiddenResource;
        private final Path library;

        CachedNativeLoader(URL[] urls, String hiddenResource, Path library) throws MalformedURLException {
            super("backfill-studio", urls, ClassLoader.getPlatformClassLoader());
            this.hiddenResource = hiddenResource;
            this.library = library;
        }

        /**
         * DuckDB's driver registers a JFR memory monitor when it can see {@code jdk.jfr}: about 0.18 s of
         * every start, for events nobody records here. Hidden from the driver unless
         * {@code -Dbackfill.duckdb.jfr=true}; the driver then skips the monitor (it logs that at FINE).
         */
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jdk.jfr.") && !Boolean.getBoolean("backfill.duckdb.jfr")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL findResource(String name) {
            return name.equals(hiddenResource) ? null : super.findResource(name);
        }

        @Override
        protected String findLibrary(String libname) {
            return LIBRARY.equals(libname) ? library.toString() : super.findLibrary(libname);
        }
    }
}
