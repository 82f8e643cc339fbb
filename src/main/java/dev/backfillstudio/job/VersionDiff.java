package dev.backfillstudio.job;

import java.util.ArrayList;
import java.util.List;

/**
 * The line-by-line difference between two versions of a job's SQL: the longest common
 * subsequence of lines is kept, the rest of the old text is removed and the rest of the new added.
 * Removed lines come before the added lines that replace them, as in a unified diff.
 */
public final class VersionDiff {

    /** What happened to a line between the two versions. */
    public enum Change { SAME, ADDED, REMOVED }

    /** One line of the difference. */
    public record Line(Change change, String text) {
    }

    // Beyond this many cells the table would cost too much memory; such texts get a plain replace.
    private static final long MAX_CELLS = 4_000_000L;

    private VersionDiff() {
    }

    /** The lines of {@code after} against {@code before}; an empty or null text has no lines. */
    public static List<Line> between(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            out.add(new Line(Change.SAME, a.get(i)));
        }
        middle(a.subList(start, endA), b.subList(start, endB), out);
        for (int i = endA; i < a.size(); i++) {
            out.add(new Line(Change.SAME, a.get(i)));
        }
        return out;
    }

    /** How many lines of the difference have this change. */
    public static long count(List<Line> diff, Change change) {
        return diff.stream().filter(l -> l.change() == change).count();
    }

    private static void middle(List<String> a, List<String> b, List<Line> out) {
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_CELLS) {
            a.forEach(s -> out.add(new Line(Change.REMOVED, s)));
            b.forEach(s -> out.add(new Line(Change.ADDED, s)));
            return;
        }
        // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Line(Change.SAME, a.get(i)));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line(Change.REMOVED, a.get(i++)));
            } else {
                out.add(new Line(Change.ADDED, b.get(j++)));
            }
        }
        while (i < n) {
            out.add(new Line(Change.REMOVED, a.get(i++)));
        }
        while (j < m) {
            out.add(new Line(Change.ADDED, b.get(j++)));
        }
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        if (t.endsWith("\n")) {
            t = t.substring(0, t.length() - 1);
        }
        return List.of(t.split("\n", -1));
    }
}
