package dev.backfillstudio.ingest;

import dev.backfillstudio.workspace.Bookkeeping;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.InputDays;
import dev.backfillstudio.workspace.SqlWork;
import dev.backfillstudio.workspace.TableColumn;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A snapshot day about to be replaced, as the lineage ledger knew it. A replacement holding the same
 * rows keeps the day's fingerprint, so the days that read it stay as they are, even when the two
 * arrived in forms known by different fingerprints (a file by the hash of its bytes, other rows by the
 * hash of the rows). Telling that needs the hash of the old rows, taken here before they are deleted,
 * and only when the day was known by a file's hash that the replacement does not share.
 *
 * @param before what the ledger held of the day
 * @param rowHash the hash of the rows the day held, or null when the replacement's fingerprint equals
 *     {@code before}'s already
 */
record ReplacedDay(InputDays.Entry before, String rowHash) {

    /**
     * The ledger's knowledge of {@code day} before it is cleared, or empty when the ledger does not list
     * it. {@code incoming} gives the replacement's fingerprint when it is known before its rows are in
     * (a file's), else null; it is asked only when the ledger lists the day.
     */
    static Optional<ReplacedDay> of(Db d, String table, List<TableColumn> columns, String dateColumn, LocalDate day,
            Supplier<String> incoming) throws SQLException {
        if (!Bookkeeping.inputDays()) {
            return Optional.empty();
        }
        Optional<InputDays.Entry> entry = InputDays.entry(d, table, day);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String was = entry.get().fingerprint();
        if (was.equals(incoming.get())) {
            return Optional.of(new ReplacedDay(entry.get(), null));
        }
        return Optional.of(new ReplacedDay(entry.get(),
                FileFingerprint.is(was) ? InputDays.rowHash(d, table, columns, dateColumn, day) : was));
    }

    /**
     * The fingerprint the day is to keep now that it holds {@code rows} rows known by {@code fresh}: the old
     * one when they are the same rows, else {@code fresh}. {@code freshRows} gives the hash of the new rows;
     * it is asked only when {@code fresh} is a file's and the counts agree.
     */
    String keep(Db d, long rows, String fresh, SqlWork<String> freshRows) throws SQLException {
        if (fresh.equals(before.fingerprint()) || rowHash == null || rows != before.rows()) {
            return fresh;
        }
        String now = FileFingerprint.is(fresh) ? freshRows.run(d) : fresh;
        return now.equals(rowHash) ? before.fingerprint() : fresh;
    }
}
