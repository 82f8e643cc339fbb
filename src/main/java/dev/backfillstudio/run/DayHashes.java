package dev.backfillstudio.run;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The row hashes ({@link dev.backfillstudio.workspace.RowHash#rowSql}) of one day's rows, as a statement
 * that writes them returned them: the new rows an INSERT put in, the old rows a DELETE took out. A day's
 * fingerprint and its rows added and removed are then counted here, from values the day's own writes
 * hand back, instead of by statements of their own (a grouping in DuckDB cost a small day more than its
 * INSERT).
 *
 * <p>The fingerprint is the one {@link dev.backfillstudio.workspace.RowHash#sql} computes: the sum of the
 * unsigned 64-bit hashes as a 128-bit integer, in hexadecimal.
 */
final class DayHashes {

    private final long[] sorted;

    private DayHashes(long[] sorted) {
        this.sorted = sorted;
    }

    /**
     * The column a write returns for {@link #read}: the unsigned hash {@code rowHash} moved into BIGINT's range.
     * The driver reads a UBIGINT through a BigInteger, which cost as much as the rest of reading it.
     */
    static String returned(String rowHash) {
        return "CAST(CAST(" + rowHash + " AS HUGEINT) - 9223372036854775808 AS BIGINT)";
    }

    /** The hashes a bound write with a {@link #returned} column hands back, while {@code cancellation} can interrupt it. */
    static DayHashes returnedBy(PreparedStatement write, Cancellation cancellation, long expected) throws SQLException {
        cancellation.executing(write);
        try (ResultSet rs = write.executeQuery()) {
            return read(rs, expected);
        } finally {
            cancellation.executing(null);
        }
    }

    /**
     * The hashes in the first column of every row of {@code rs}, a column of {@link #returned}. {@code expected}
     * rows (the day's count before, say) size the array, so a day's hashes are held once, 8 bytes a row.
     */
    static DayHashes read(ResultSet rs, long expected) throws SQLException {
        long[] h = new long[(int) Math.max(16, Math.min(expected, Integer.MAX_VALUE - 8))];
        int n = 0;
        while (rs.next()) {
            if (n == h.length) {
                h = Arrays.copyOf(h, (int) Math.min((long) n * 2, Integer.MAX_VALUE - 8));
            }
            h[n++] = rs.getLong(1) ^ Long.MIN_VALUE;
        }
        long[] sorted = n == h.length ? h : Arrays.copyOf(h, n);
        Arrays.sort(sorted);
        return new DayHashes(sorted);
    }

    /** The count and hash of these rows, equal to what {@code RowHash.sql} computes over the same rows in DuckDB. */
    Fingerprint fingerprint() {
        long low = 0;
        long high = 0;
        for (long h : sorted) {
            long sum = low + h;
            if (Long.compareUnsigned(sum, low) < 0) {
                high++;
            }
            low = sum;
        }
        String hex = high == 0 ? Long.toHexString(low) : Long.toHexString(high) + String.format("%016x", low);
        return new Fingerprint(sorted.length, hex);
    }

    /**
     * The rows these have beyond {@code older} and the rows they lack, duplicates counted, as {added, removed}:
     * one merge of the two sorted lists. Two distinct rows count as equal only if their hashes collide, as
     * fingerprints already assume.
     */
    long[] changeFrom(DayHashes older) {
        long[] a = sorted;
        long[] b = older.sorted;
        int i = 0;
        int j = 0;
        long common = 0;
        while (i < a.length && j < b.length) {
            int c = Long.compare(a[i], b[j]);
            if (c == 0) {
                common++;
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return new long[] {a.length - common, b.length - common};
    }
}
