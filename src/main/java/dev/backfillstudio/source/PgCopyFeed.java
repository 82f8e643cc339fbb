package dev.backfillstudio.source;

import dev.backfillstudio.ingest.RelationColumn;
import dev.backfillstudio.ingest.SnapshotCapture;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.IoFolder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A PostgreSQL query's rows as PostgreSQL itself writes them: {@code COPY (query) TO STDOUT} in its
 * text format, read on a thread of its own and cut into files of one DuckDB row group each in the
 * IoFolder, which DuckDB's own CSV reader loads (with the columns' types given, nothing sniffed)
 * while the next file fills. No value passes through a Java object on the way. DuckDB takes every
 * file that is ready in one statement: when it falls behind the source (its write of a row group costs
 * about as much as PostgreSQL's producing it, and they share the cores), it reads them in parallel,
 * and the files left when the source has finished are read on every core instead of one at a time.
 *
 * <p>The text format rather than CSV: every row is one line (newlines in values are escaped), so
 * DuckDB's parallel reader never meets a quoted line break, and PostgreSQL writes it faster. NULL is
 * {@code \N}, an empty text is an empty field; the escapes PostgreSQL writes in text values ({@code \\},
 * {@code \n}, {@code \t}, {@code \r}, {@code \b}, {@code \f}, {@code \v}) are undone in SQL, only for
 * values holding a backslash.
 */
final class PgCopyFeed implements SnapshotCapture.ChunkFeed, AutoCloseable {

    /** Rows per file: one DuckDB row group, so each INSERT writes whole row groups. */
    static final int CHUNK_ROWS = 122_880;
    /** Files written ahead of DuckDB at most: bounds the disk the capture takes whatever its size. */
    private static final int AHEAD = 2;

    /**
     * PostgreSQL types whose COPY text DuckDB reads as the same value the driver's typed read gives
     * (checked by {@code PgCopyTypesTest}); a query with any other column is captured row by row.
     */
    private static final Set<String> COPYABLE = Set.of("bool", "int2", "int4", "int8", "float4", "float8", "numeric", "date",
            "timestamp", "timestamptz", "uuid", "text", "varchar", "bpchar", "json", "jsonb");

    /** Types read as text and cast in SQL, so that a BC value is refused instead of read as AD (checked on DuckDB 2.0.0.1). */
    private static final Set<String> DATED = Set.of("DATE", "TIMESTAMP", "TIMESTAMPTZ");

    private final PGConnection connection;
    private final String query;
    private final List<RelationColumn> columns;
    private final SourceErrors errors;
    private final LongConsumer progress;
    private final int progressEvery;
    private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(AHEAD);
    private final Path folder;
    private Thread reader;
    private volatile boolean stopped;
    private volatile long rowsRead;
    /** The chunks of the relation last given, whose files go once it is in. */
    private final List<Chunk> taken = new ArrayList<>();

    /**
     * A finished file, or the end of the rows (file null), with what ended them when they failed. A plain
     * file has no backslash and no " BC" on any line, so DuckDB reads it without undoing escapes or
     * looking for dates before the Common Era (a tenth of its time on text columns).
     */
    private record Chunk(Path file, boolean plain, SQLException failure, RuntimeException error) {
    }

    private PgCopyFeed(PGConnection connection, String query, List<RelationColumn> columns, SourceErrors errors,
            LongConsumer progress, int progressEvery) throws IOException {
        this.connection = connection;
        this.query = query;
        this.columns = columns;
        this.errors = errors;
        this.progress = progress;
        this.progressEvery = progressEvery;
        this.folder = Files.createDirectory(IoFolder.get().newOutput("capture"));
    }

    /** Whether every column of the query is of a type the COPY path carries exactly. */
    static boolean carries(ResultSetMetaData md) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String type = md.getColumnTypeName(i);
            if (type == null || !COPYABLE.contains(type.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** Starts copying the rows of {@code query} on {@code connection} (which this feed then uses alone until closed). */
    static PgCopyFeed start(PGConnection connection, String query, List<RelationColumn> columns, SourceErrors errors,
            LongConsumer progress, int progressEvery) {
        PgCopyFeed feed;
        try {
            feed = new PgCopyFeed(connection, query, columns, errors, progress, progressEvery);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a folder for the capture in " + IoFolder.get().path(), e);
        }
        feed.reader = new Thread(feed::copy, "capture-copy");
        feed.reader.setDaemon(true);
        feed.reader.start();
        return feed;
    }

    @Override
    public List<RelationColumn> columns() {
        return columns;
    }

    /** Rows read from the source so far. */
    long rowsRead() {
        return rowsRead;
    }

    /** Files complete and not yet given to DuckDB. */
    int chunksReady() {
        return (int) ready.stream().filter(c -> c.file() != null).count();
    }

    /** The reader thread: COPY's lines into files of CHUNK_ROWS lines, handed over as each is complete. */
    private void copy() {
        Chunk end = new Chunk(null, false, null, null);
        OutputStream out = null;
        try {
            CopyOut copy = connection.getCopyAPI().copyOut("COPY (" + query + "\n) TO STDOUT");
            int n = 0;
            long rows = 0;
            Path file = null;
            boolean plain = true;
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                if (out == null) {
                    file = folder.resolve("rows-" + rows + ".txt");
                    out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                    plain = true;
                }
                out.write(line);
                plain = plain && plain(line);
                rows++;
                rowsRead = rows;
                if (rows % progressEvery == 0) {
                    progress.accept(rows);
                }
                if (++n == CHUNK_ROWS) {
                    out.close();
                    out = null;
                    n = 0;
                    ready.put(new Chunk(file, plain, null, null));
                }
            }
            if (out != null) {
                out.close();
                out = null;
                ready.put(new Chunk(file, plain, null, null));
            }
        } catch (SQLException e) {
            end = new Chunk(null, false, e, null);
        } catch (IOException e) {
            end = new Chunk(null, false, null, new UncheckedIOException("Cannot write the capture's rows into " + folder, e));
        } catch (InterruptedException e) {
            // closed by the capturing side: nobody waits for the end
            return;
        } catch (RuntimeException e) {
            end = new Chunk(null, false, null, e);
        } finally {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the file goes with the folder
                }
            }
        }
        try {
            ready.put(end);
        } catch (InterruptedException ignored) {
            // closed by the capturing side meanwhile
        }
    }

    /** Whether a line of COPY text holds no escape (a backslash) and no " BC" (how a date before the Common Era ends). */
    static boolean plain(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            byte b = line[i];
            if (b == '\\' || b == 'B' && i > 0 && line[i - 1] == ' ' && i + 1 < line.length && line[i + 1] == 'C') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String next() {
        Chunk chunk;
        try {
            chunk = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BackfillException.failed("Capturing " + errors.label() + " was interrupted; nothing was written.", e);
        }
        if (chunk.file() == null) {
            ready.offer(chunk); // the end stays the end for any further call
            if (chunk.failure() != null) {
                throw failed(chunk.failure());
            }
            if (chunk.error() != null) {
                throw chunk.error();
            }
            return null;
        }
        taken.clear();
        taken.add(chunk);
        for (Chunk more = ready.peek(); more != null && more.file() != null; more = ready.peek()) {
            taken.add(ready.poll());
        }
        return relation(taken.stream().map(Chunk::file).toList(), taken.stream().allMatch(Chunk::plain));
    }

    /** The source's failure as its sentence: one before any row is the query's, later ones are the reading's. */
    private BackfillException failed(SQLException e) {
        if (stopped) {
            return BackfillException.failed("Capturing " + errors.label() + " was cancelled; nothing was written.", e);
        }
        return rowsRead == 0 ? errors.querying(e) : errors.reading(e, rowsRead);
    }

    /** Whether the COPY failed before any row on a statement PostgreSQL refused (SQLSTATE class 42): the wrapping, not the data. */
    static boolean refusedStatement(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void done() {
        for (Chunk chunk : taken) {
            try {
                Files.deleteIfExists(chunk.file());
            } catch (IOException ignored) {
                // removed with the folder when the feed closes
            }
        }
        taken.clear();
    }

    /** Stops the copy if it still runs (the capture failed or was cancelled), waits for the reader and removes the files. */
    @Override
    public void close() {
        if (reader != null && reader.isAlive()) {
            stopped = true;
            try {
                connection.cancelQuery();
            } catch (SQLException ignored) {
                // the copy ended meanwhile
            }
            reader.interrupt();
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IoFolder.get().release(folder);
    }

    /** Asks PostgreSQL to stop the copy; the reader then ends with the cancel, which {@link #next} reports as such. */
    void cancel() {
        stopped = true;
        try {
            connection.cancelQuery();
        } catch (SQLException ignored) {
            // nothing runs any more
        }
    }

    /** DuckDB's reading of the files: positional columns c0, c1... typed as given, renamed to the query's names. */
    private String relation(List<Path> files, boolean plain) {
        List<String> select = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            RelationColumn c = columns.get(i);
            String raw = "c" + i;
            if (DATED.contains(c.type())) {
                // DuckDB reads "0044-03-15 BC" as the year 44 AD, in the CSV reader and in a cast alike: a BC value
                // refuses the chunk, so that day is taken row by row, where the driver reads it right
                types.add("'" + raw + "': 'VARCHAR'");
                String cast = "CAST(" + raw + " AS " + c.type() + ")";
                select.add((plain ? cast : "CASE WHEN ends_with(" + raw + ", ' BC') THEN error('a date before the Common Era: ' || "
                        + raw + ") ELSE " + cast + " END") + " AS " + Db.ident(c.name()));
            } else {
                types.add("'" + raw + "': " + Db.literal(c.type()));
                select.add((c.type().equals("VARCHAR") && !plain ? unescaped(raw) : raw) + " AS " + Db.ident(c.name()));
            }
        }
        return "(SELECT " + String.join(", ", select) + " FROM read_csv([" + files.stream().map(f -> Db.literal(f.toString())).collect(Collectors.joining(", ")) + "]"
                + ", header = false, delim = '\\t', quote = '', escape = '', nullstr = '\\N', auto_detect = false,"
                + " columns = {" + types.stream().collect(Collectors.joining(", ")) + "}))";
    }

    /**
     * A text value as it was before PostgreSQL escaped it for COPY: split at the escaped backslashes
     * ({@code \\}), undo the one-letter escapes in each piece, and join the pieces with a backslash.
     */
    static String unescaped(String column) {
        String pieces = "replace(replace(replace(replace(replace(replace(p, '\\n', chr(10)), '\\t', chr(9)), '\\r', chr(13)),"
                + " '\\b', chr(8)), '\\f', chr(12)), '\\v', chr(11))";
        return "CASE WHEN contains(" + column + ", '\\') THEN array_to_string(list_transform(string_split(" + column
                + ", '\\\\'), lambda p: " + pieces + "), '\\') ELSE " + column + " END";
    }
}
