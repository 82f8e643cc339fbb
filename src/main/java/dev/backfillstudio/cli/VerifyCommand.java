package dev.backfillstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.job.QueryGuard;
import dev.backfillstudio.verify.Verifier;
import dev.backfillstudio.verify.VerifyOutcome;
import dev.backfillstudio.verify.VerifyResult;
import dev.backfillstudio.workspace.Workspace;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute days of a job without writing and compare them with what is stored.",
            "Each day is recomputed with the version that made its stored output: REPRODUCIBLE, or DRIFTED with the rows"
                + " a rerun would add and remove.",
            "Exits 1 when any day drifted, 2 on bad input."})
final class VerifyCommand extends WorkspaceCommand {

    @Option(names = "--job", required = true, paramLabel = "J", description = "The job.")
    String job;

    @Option(names = "--dates", required = true, paramLabel = "SPEC", description = "Days and ranges: 2024-09-01..2024-09-30,2024-10-03.")
    String dates;

    @Option(names = "--json", description = "Print one JSON object instead of one line per day.")
    boolean json;

    @Override
    int run(Workspace workspace) throws Exception {
        DaySet days = DaySet.parse(dates);
        // like run: files are out of reach since the workspace opened; freeze every other setting as well
        QueryGuard.lockDown(workspace.db());
        List<VerifyResult> results = new Verifier(workspace).verify(job, days, null);
        if (json) {
            printJson(results);
        } else {
            printLines(results);
        }
        return results.stream().anyMatch(r -> r.outcome() == VerifyOutcome.DRIFTED) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private void printJson(List<VerifyResult> results) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("job", job);
        List<Map<String, Object>> list = new ArrayList<>();
        for (VerifyResult r : results) {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", r.day().toString());
            day.put("result", r.outcome().name());
            day.put("added", r.added());
            day.put("removed", r.removed());
            if (r.outcome() == VerifyOutcome.NOT_RUN || r.outcome() == VerifyOutcome.CANNOT_VERIFY) {
                day.put("message", r.message());
            }
            list.add(day);
        }
        doc.put("days", list);
        out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    }

    private void printLines(List<VerifyResult> results) {
        Map<VerifyOutcome, Integer> counts = new EnumMap<>(VerifyOutcome.class);
        for (VerifyResult r : results) {
            counts.merge(r.outcome(), 1, Integer::sum);
            String detail = switch (r.outcome()) {
                case REPRODUCIBLE -> String.format("(v%d, %s)", r.version().orElseThrow(), Rows.of(r.storedRows().orElseThrow()));
                case DRIFTED -> String.format("+%,d \u2212%,d  (v%d, %,d stored, %,d now)", r.added(), r.removed(),
                        r.version().orElseThrow(), r.storedRows().orElseThrow(), r.recomputedRows().orElseThrow());
                case NOT_RUN, CANNOT_VERIFY -> r.message();
            };
            out().printf("%s  %-13s %s%n", r.day(), r.outcome().name(), detail);
        }
        StringBuilder summary = new StringBuilder();
        counts.forEach((o, n) -> summary.append(summary.length() > 0 ? ", " : "").append(n).append(' ')
                .append(o.name().toLowerCase().replace('_', ' ')));
        out().printf("Verified %d days of job %s: %s.%n", results.size(), job, summary);
    }
}
