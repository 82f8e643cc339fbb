package dev.backfillstudio.cli;

/** A row count as the command line prints it: "1 row", "0 rows", "12,345 rows". */
final class Rows {

    private Rows() {
    }

    static String of(long n) {
        return String.format("%,d %s", n, n == 1 ? "row" : "rows");
    }
}
