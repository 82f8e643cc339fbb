package dev.backfillstudio.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * What a snapshot day loaded from a file is known by in the lineage ledger: a hash of the file's bytes
 * and of how they are read (its columns and their types), since the same bytes read the same way give
 * the same rows. A hash of the inserted rows is a second pass over them inside the load's transaction
 * (about 8 % of a 1 M-row load); reading the file's bytes again costs about as much CPU as a quarter
 * of that pass and runs on its own thread while DuckDB inserts, so a load hardly waits for it.
 *
 * <p>Two CRCs with different polynomials, both computed by the JVM's CPU intrinsics, make 64 bits;
 * the file's length is written beside them. Nothing here guards against a file crafted to collide: a
 * fingerprint tells a corrected snapshot from the one it replaces, it is not a signature.
 */
public final class FileFingerprint {

    private static final String PREFIX = "file-";
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snapshot-file-fingerprint");
        t.setDaemon(true);
        return t;
    });

    private FileFingerprint() {
    }

    /** Starts hashing {@code file} read as {@code reading} describes, on a thread of its own. */
    public static CompletableFuture<String> start(Path file, String reading) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return of(file, reading);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
    }

    /**
     * The fingerprint of {@code file} read as {@code reading} describes (a text naming every column and
     * type the rows are read with, so one file read into other types is another fingerprint).
     */
    public static String of(Path file, String reading) throws IOException {
        CRC32C a = new CRC32C();
        CRC32 b = new CRC32();
        byte[] how = reading.getBytes(StandardCharsets.UTF_8);
        a.update(how);
        b.update(how);
        long size = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                size += buffer.remaining();
                ByteBuffer again = buffer.duplicate();
                a.update(buffer);
                b.update(again);
                buffer.clear();
            }
        }
        return String.format("%s%08x%08x-%x", PREFIX, a.getValue(), b.getValue(), size);
    }

    /** Whether a ledger fingerprint is a file's (else it is the hash of a day's rows). */
    public static boolean is(String fingerprint) {
        return fingerprint.startsWith(PREFIX);
    }
}
