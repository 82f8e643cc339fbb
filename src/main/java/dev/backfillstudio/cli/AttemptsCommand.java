package dev.backfillstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.workspace.Workspace;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "attempts", mixinStandardHelpOptions = true,
        description = {"Every attempt at one day of a job, newest first, with its id, and whether its rows can be restored"
            + " (`restore --attempt A`)."})
final class AttemptsCommand extends WorkspaceCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--job", required = true, paramLabel = "J", description = "The job.")
    String job;

    @Option(names = "--day", required = true, paramLabel = "D", description = "The day (YYYY-MM-DD).")
    String day;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    int run(Workspace workspace) throws Exception {
        LocalDate d = DayOptions.day("--day", day);
        new JobStore(workspace).get(job);
        List<RunHistory.Attempt> attempts = new RunHistory(workspace).attempts(job, d);
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (RunHistory.Attempt a : attempts) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("attempt", a.runId());
                m.put("kind", a.kind().name());
                m.put("outcome", outcome(a));
                m.put("version", a.version());
                m.put("rows", a.rows().orElse(null));
                m.put("fingerprint", a.fingerprint().orElse(null));
                m.put("previous_rows", a.previousRows().orElse(null));
                m.put("added", a.added().orElse(null));
                m.put("removed", a.removed().orElse(null));
                m.put("restored_from", a.restoredFrom().orElse(null));
                m.put("rows_kept", a.kept().name());
                m.put("error", a.error().orElse(null));
                m.put("started", a.started().toString());
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("job", job);
            doc.put("day", d.toString());
            doc.put("attempts", list);
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            return ExitCodes.OK;
        }
        if (attempts.isEmpty()) {
            out().printf("Job %s never attempted %s.%n", job, d);
            return ExitCodes.OK;
        }
        out().printf("%8s  %-19s  %-8s  %-9s  %7s  %10s  %-18s  %-16s  %s%n", "attempt", "started", "kind", "outcome", "version",
                "rows", "change", "rows now", "fingerprint");
        for (RunHistory.Attempt a : attempts) {
            String change = a.added().isPresent() && a.removed().isPresent()
                    ? String.format("+%,d \u2212%,d", a.added().get(), a.removed().get()) : "";
            String kind = a.kind().name() + a.restoredFrom().map(r -> " " + r).orElse("");
            out().printf("%8d  %-19s  %-8s  %-9s  %7s  %10s  %-18s  %-16s  %s%n", a.runId(), WHEN.format(a.started()), kind, outcome(a),
                    "v" + a.version(), a.rows().map(r -> String.format("%,d", r)).orElse("-"), change, rowsNow(a),
                    a.fingerprint().orElse(a.error().orElse("")));
        }
        return ExitCodes.OK;
    }

    private static String outcome(RunHistory.Attempt a) {
        return a.outcome() == DayStatus.MISSING ? "CLEARED" : a.outcome().name();
    }

    private static String rowsNow(RunHistory.Attempt a) {
        return switch (a.kept()) {
            case HELD -> "held now";
            case KEPT -> "kept";
            case EMPTY -> "none to keep";
            case PRUNED -> "pruned";
            case NONE -> "-";
        };
    }
}
