package dev.backfillstudio.cli;

import dev.backfillstudio.job.LintFinding;
import java.io.PrintWriter;
import java.util.List;

/** Prints lint findings the same way wherever a command shows them. */
final class LintReport {

    private LintReport() {
    }

    static void print(PrintWriter out, List<LintFinding> findings) {
        for (LintFinding f : findings) {
            out.println(f.severity() + " " + f.rule() + ": " + f.sentence());
            f.fix().ifPresent(fix -> out.println("  fix: " + fix));
        }
    }
}
