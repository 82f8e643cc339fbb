package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.IoFolder;
import dev.backfillstudio.workspace.TableColumn;
import dev.backfillstudio.workspace.TableColumns;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file about to be read by DuckDB: checked on disk, its header read, and the
 * {@code read_csv(...)} call that reads it with an explicit dialect (comma, double quote, header)
 * and explicit column types, so a malformed row fails with its line instead of being guessed around.
 * Only the header line passes through Java; rows go straight from the file into DuckDB.
 */
public final class CsvFile implements AutoCloseable {

    private static final int HEADER_LIMIT = 1 << 20;
    /** Removes the staged name of a file nobody closed, once it is unreachable; closing does it at once. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path path;
    private final List<String> header;
    private final String firstRow;
    private final Staging staging = new Staging();

    private CsvFile(Path path, List<String> header, String firstRow) {
        this.path = path;
        this.header = header;
        this.firstRow = firstRow;
        CLEANER.register(this, staging);
    }

    /**
     * The name DuckDB reads the file by: DuckDB may touch files only in the process's {@link IoFolder},
     * so the file is staged there (a hard link or a copy) on first use, and released on {@link #close()}.
     */
    private static final class Staging implements Runnable {
        private Path staged;

        synchronized Path of(Path source) {
            if (staged == null) {
                try {
                    staged = IoFolder.get().stage(source);
                } catch (IOException e) {
                    throw BackfillException.failed("Cannot make " + source + " readable to DuckDB: " + e.getMessage() + ".", e);
                }
            }
            return staged;
        }

        @Override
        public synchronized void run() {
            IoFolder.get().release(staged);
            staged = null;
        }
    }

    private String duckDbPath() {
        return staging.of(path).toString();
    }

    /**
     * The file as DuckDB reads it: the staged link or copy, made now if it was not yet. Whatever reads
     * the file beside DuckDB (its fingerprint) reads this, so both see the same bytes even when the
     * file at {@link #path()} is replaced by another (an editor saving by rename) during the load.
     */
    Path staged() {
        return staging.of(path);
    }

    /** Releases the staged name DuckDB read the file by; the file itself is untouched. */
    @Override
    public void close() {
        staging.run();
    }

    /** Checks the path and reads the header; refuses a missing, empty, binary or header-less file. */
    public static CsvFile open(Path path) {
        Path p = path.toAbsolutePath().normalize();
        String name = p.toString();
        if (!Files.exists(p)) {
            throw BackfillException.badInput(name + " does not exist.");
        }
        if (Files.isDirectory(p)) {
            throw BackfillException.badInput(name + " is a directory, not a CSV file.");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(p)) {
            head = readHead(in);
        } catch (IOException e) {
            throw BackfillException.badInput("Cannot read " + name + ": " + e.getMessage() + ".", e);
        }
        if (head.length == 0) {
            throw BackfillException.badInput(name + " is empty: expected a header line and rows.");
        }
        int start = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        int end = start;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        for (int i = start; i < Math.min(head.length, 8192); i++) {
            if (head[i] == 0) {
                throw BackfillException.badInput(name + " is not a text file (line " + lineOf(head, i) + " holds binary data).");
            }
        }
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw BackfillException.badInput(name + " line 1: the header is not valid UTF-8 text.");
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        List<String> header = splitHeader(line);
        if (header.stream().allMatch(String::isBlank)) {
            throw BackfillException.badInput(name + " line 1: the header is empty.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isBlank()) {
                throw BackfillException.badInput(name + " line 1: column " + (i + 1) + " of the header has no name.");
            }
            if (!seen.add(h.toLowerCase())) {
                throw BackfillException.badInput(name + " line 1: the header names column \"" + h + "\" twice.");
            }
        }
        return new CsvFile(p, List.copyOf(header), firstRow(head, end));
    }

    /**
     * The file's start: up to the end of its second line (the header and the first row), at most
     * {@link #HEADER_LIMIT} bytes. Reading the whole limit cost a small snapshot load several milliseconds.
     */
    private static byte[] readHead(InputStream in) throws IOException {
        byte[] buf = new byte[Math.min(HEADER_LIMIT, 64 * 1024)];
        int len = 0;
        int lines = 0;
        while (len < HEADER_LIMIT) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(HEADER_LIMIT, buf.length * 4));
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            for (int i = len; i < len + n; i++) {
                if (buf[i] == '\n') {
                    lines++;
                }
            }
            len += n;
            if (lines >= 2) {
                break;
            }
        }
        return Arrays.copyOf(buf, len);
    }

    /** The line after the header when it lies whole in what was read and is plain UTF-8; null otherwise. */
    private static String firstRow(byte[] head, int headerEnd) {
        int start = headerEnd + 1;
        int end = start;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        if (start >= head.length || end >= head.length) {
            return null;
        }
        try {
            String line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, start, end - start)).toString();
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The value of {@code column} on the first row, when that row is plain enough to read without DuckDB:
     * no quotes anywhere in it and as many fields as the header. Empty when it is not (DuckDB reads it then).
     */
    public Optional<String> firstRowValue(String column) {
        if (firstRow == null || firstRow.indexOf('"') >= 0) {
            return Optional.empty();
        }
        String[] fields = firstRow.split(",", -1);
        int index = header.indexOf(column);
        return fields.length == header.size() && index >= 0 ? Optional.of(fields[index]) : Optional.empty();
    }

    private static int lineOf(byte[] bytes, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Splits a header line on commas outside double quotes; quotes are removed, "" is a quote. */
    static List<String> splitHeader(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }

    public Path path() {
        return path;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /** The column names of the header, in file order. */
    public List<String> header() {
        return header;
    }

    /**
     * The column types DuckDB detects over the whole file. When detection fails (a ragged row, a
     * broken quote) every column is read as VARCHAR, so the load itself reports the exact line.
     */
    public Map<String, String> detectTypes(Db db) {
        Map<String, String> types = new LinkedHashMap<>();
        try {
            List<String[]> cols = db.query(
                    "SELECT c.name, c.type FROM (SELECT unnest(Columns) AS c FROM sniff_csv(?, header = true, delim = ',',"
                            + " quote = '\"', escape = '\"', sample_size = -1))",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, duckDbPath());
            if (cols.size() == header.size()) {
                for (int i = 0; i < cols.size(); i++) {
                    types.put(header.get(i), cols.get(i)[1]);
                }
                return types;
            }
        } catch (SQLException e) {
            // detection failed: fall through to VARCHAR and let the load name the line
        }
        for (String h : header) {
            types.put(h, "VARCHAR");
        }
        return types;
    }

    /** The table function call that reads this file with the given column types (header order). */
    /**
     * The column types of an existing table, by this file's header (matched as DuckDB matches names,
     * ignoring case), or a refusal naming the file and listing the differences. {@code skipColumn} is a
     * column of the table the file need not carry (a snapshot date the loader adds); it may be null.
     */
    public Map<String, String> typesOf(Db db, String table, String skipColumn) throws SQLException {
        return typesOf(TableColumns.of(db, table), table, skipColumn);
    }

    /** As {@link #typesOf(Db, String, String)}, for a caller that has read the table's columns already. */
    Map<String, String> typesOf(List<TableColumn> columns, String table, String skipColumn) {
        Map<String, String> tableCols = new LinkedHashMap<>();
        for (TableColumn c : columns) {
            if (skipColumn == null || !c.name().equalsIgnoreCase(skipColumn)) {
                tableCols.put(c.name().toLowerCase(Locale.ROOT), c.type());
            }
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String h : header) {
            String type = tableCols.get(h.toLowerCase(Locale.ROOT));
            if (type == null) {
                unexpected.add(h);
            } else {
                types.put(h, type);
            }
        }
        List<String> fileCols = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        List<String> missing = tableCols.keySet().stream().filter(c -> !fileCols.contains(c)).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("missing " + String.join(", ", missing));
            }
            if (!unexpected.isEmpty()) {
                parts.add("not in the table " + String.join(", ", unexpected));
            }
            throw BackfillException.badInput(path + " line 1: the columns do not match " + table + " ("
                    + String.join("; ", parts) + ").");
        }
        return types;
    }

    public String readCsv(Map<String, String> types) {
        return readCsv(types, "");
    }

    /**
     * The same call with extra {@code read_csv} options appended (e.g. {@code ", nullstr = chr(1)"});
     * the options are SQL written by the caller, never user text.
     */
    public String readCsv(Map<String, String> types, String extraOptions) {
        StringBuilder cols = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : types.entrySet()) {
            if (!first) {
                cols.append(", ");
            }
            first = false;
            cols.append(Db.literal(e.getKey())).append(": ").append(Db.literal(e.getValue()));
        }
        cols.append('}');
        return "read_csv(" + Db.literal(duckDbPath()) + ", header = true, delim = ',', quote = '\"', escape = '\"',"
                + " auto_detect = false, strict_mode = true, null_padding = false, columns = " + cols + extraOptions + ")";
    }

    /** Turns DuckDB's CSV error into one sentence naming this file and the line. */
    public BackfillException explain(SQLException e) {
        String staged = staging.staged == null ? null : staging.staged.toString();
        if (staged != null && e.getMessage() != null && e.getMessage().contains(staged)) {
            // DuckDB names the staged copy; the user knows the file they chose
            SQLException named = new SQLException(e.getMessage().replace(staged, path.toString()), e.getSQLState(), e);
            return CsvErrors.explain(fileName(), path, named);
        }
        return CsvErrors.explain(fileName(), path, e);
    }
}
