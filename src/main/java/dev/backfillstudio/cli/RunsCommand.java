package dev.backfillstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.workspace.Workspace;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"The runs of a workspace, newest first: backfills, undos and restores, with the days each changed.",
            "`undo --run R` puts back what a run changed."})
final class RunsCommand extends WorkspaceCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--job", paramLabel = "J", description = "Only this job's runs.")
    String job;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    int run(Workspace workspace) throws Exception {
        if (job != null) {
            new JobStore(workspace).get(job);
        }
        List<RunHistory.RunRecord> runs = new RunHistory(workspace).runs(Optional.ofNullable(job));
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (RunHistory.RunRecord r : runs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("run", r.runId());
                m.put("job", r.job());
                m.put("kind", r.kind().name());
                m.put("undoes", r.undoes().orElse(null));
                m.put("version", r.version());
                m.put("days", r.days());
                m.put("changed", r.changedDays());
                m.put("outcome", r.outcome().name());
                m.put("started", r.started().toString());
                m.put("ended", r.ended().map(Object::toString).orElse(null));
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("job", job);
            doc.put("runs", list);
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            out().println(job == null ? "No runs yet." : "Job " + job + " has no runs yet.");
            return ExitCodes.OK;
        }
        out().printf("%6s  %-19s  %-24s  %-8s  %7s  %-11s  %7s  %s%n", "run", "started", "job", "kind", "version", "outcome",
                "changed", "days");
        for (RunHistory.RunRecord r : runs) {
            String kind = r.kind().name() + r.undoes().map(u -> " " + u).orElse("");
            out().printf("%6d  %-19s  %-24s  %-8s  %7s  %-11s  %7d  %s%n", r.runId(), WHEN.format(r.started()), r.job(), kind,
                    "v" + r.version(), r.outcome().name(), r.changedDays(), r.days());
        }
        return ExitCodes.OK;
    }
}
