package dev.backfillstudio.job;

import static dev.backfillstudio.job.VersionDiff.Change.ADDED;
import static dev.backfillstudio.job.VersionDiff.Change.REMOVED;
import static dev.backfillstudio.job.VersionDiff.Change.SAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backfillstudio.job.VersionDiff.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionDiffTest {

    @Test
    void aChangedLineIsRemovedThenAddedBetweenTheLinesKept() {
        String v1 = "SELECT *\nFROM item_events e\nWHERE e.item_id IN (SELECT id FROM item)\n  AND e.date = {DATE}";
        String v2 = "SELECT *\nFROM item_events e\nWHERE e.item_id IN (SELECT id FROM item_snapshot WHERE snapshot_date = {DATE})\n  AND e.date = {DATE}";

        assertThat(VersionDiff.between(v1, v2)).containsExactly(
                new Line(SAME, "SELECT *"),
                new Line(SAME, "FROM item_events e"),
                new Line(REMOVED, "WHERE e.item_id IN (SELECT id FROM item)"),
                new Line(ADDED, "WHERE e.item_id IN (SELECT id FROM item_snapshot WHERE snapshot_date = {DATE})"),
                new Line(SAME, "  AND e.date = {DATE}"));
    }

    @Test
    void insertedAndDeletedLinesInTheMiddleKeepTheLongestCommonRun() {
        String before = "a\nb\nc\nd\ne";
        String after = "a\nx\nc\nd\ny\nz";

        List<Line> diff = VersionDiff.between(before, after);

        assertThat(diff.stream().filter(l -> l.change() != ADDED).map(Line::text)).containsExactly("a", "b", "c", "d", "e");
        assertThat(diff.stream().filter(l -> l.change() != REMOVED).map(Line::text)).containsExactly("a", "x", "c", "d", "y", "z");
        assertThat(VersionDiff.count(diff, SAME)).isEqualTo(3);
        assertThat(VersionDiff.count(diff, REMOVED)).isEqualTo(2);
        assertThat(VersionDiff.count(diff, ADDED)).isEqualTo(3);
    }

    @Test
    void theFirstVersionIsAllAddedAndIdenticalTextsAreAllSame() {
        assertThat(VersionDiff.between("", "SELECT 1\nFROM t")).containsExactly(new Line(ADDED, "SELECT 1"), new Line(ADDED, "FROM t"));
        assertThat(VersionDiff.between(null, null)).isEmpty();
        assertThat(VersionDiff.between("a\r\nb\n", "a\nb")).containsExactly(new Line(SAME, "a"), new Line(SAME, "b"));
    }

    @Test
    void blankLinesCount() {
        assertThat(VersionDiff.between("a\nb", "a\n\nb")).containsExactly(new Line(SAME, "a"), new Line(ADDED, ""), new Line(SAME, "b"));
    }

    @Test
    void hugeTextsFallBackToReplacingTheChangedMiddle() {
        StringBuilder a = new StringBuilder("head\n");
        StringBuilder b = new StringBuilder("head\n");
        for (int i = 0; i < 2500; i++) {
            a.append("a").append(i).append('\n');
            b.append("b").append(i).append('\n');
        }
        List<Line> diff = VersionDiff.between(a + "tail", b + "tail");
        assertThat(diff).hasSize(5002);
        assertThat(diff.get(0)).isEqualTo(new Line(SAME, "head"));
        assertThat(diff.get(1)).isEqualTo(new Line(REMOVED, "a0"));
        assertThat(diff.get(2501)).isEqualTo(new Line(ADDED, "b0"));
        assertThat(diff.get(5001)).isEqualTo(new Line(SAME, "tail"));
    }
}
