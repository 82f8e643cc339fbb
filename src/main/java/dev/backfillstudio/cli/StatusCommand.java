package dev.backfillstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.StaleReason;
import dev.backfillstudio.run.StatusReader;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Workspace;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Each day's status, version, rows, fingerprint and error.",
            "Without --dates or --month: every day from the earliest to the latest known for the job."})
final class StatusCommand extends WorkspaceCommand {

    @Option(names = "--job", required = true, paramLabel = "J", description = "The job.")
    String job;

    @Option(names = "--dates", paramLabel = "SPEC", description = "Days and ranges: 2024-09-01..2024-09-30,2024-10-03.")
    String dates;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "One month.")
    String month;

    @Option(names = "--json", description = "Print one JSON object instead of the month tables.")
    boolean json;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int run(Workspace workspace) throws Exception {
        Job j = new JobStore(workspace).get(job);
        if (dates != null && month != null) {
            throw BackfillException.badInput("Give --dates or --month, not both.");
        }
        List<DayInfo> days = days(workspace);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("job", j.name());
            doc.put("version", j.currentVersion());
            List<Map<String, Object>> list = new ArrayList<>();
            for (DayInfo d : days) {
                Map<String, Object> day = new LinkedHashMap<>();
                day.put("date", d.day().toString());
                day.put("status", d.status().name());
                day.put("version", d.version().orElse(null));
                day.put("rows", d.rows().orElse(null));
                day.put("fingerprint", d.fingerprint().orElse(null));
                day.put("error", d.error().orElse(null));
                List<Map<String, Object>> reasons = new ArrayList<>();
                for (StaleReason r : d.reasons()) {
                    Map<String, Object> reason = new LinkedHashMap<>();
                    reason.put("kind", r.kind().name());
                    reason.put("table", r.table().orElse(null));
                    reason.put("day", r.day().map(LocalDate::toString).orElse(null));
                    reason.put("detail", r.detail());
                    reasons.add(reason);
                }
                day.put("reasons", reasons);
                list.add(day);
            }
            doc.put("days", list);
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            return ExitCodes.OK;
        }
        out().printf("Job %s, current version %d, target %s.%n", j.name(), j.currentVersion(), j.target());
        if (days.isEmpty()) {
            out().println("No days known yet: run some days, or give --dates or --month.");
            return ExitCodes.OK;
        }
        YearMonth current = null;
        List<DayInfo> monthDays = new ArrayList<>();
        for (DayInfo d : days) {
            YearMonth ym = YearMonth.from(d.day());
            if (!ym.equals(current) && !monthDays.isEmpty()) {
                printMonth(current, monthDays);
                monthDays.clear();
            }
            current = ym;
            monthDays.add(d);
        }
        printMonth(current, monthDays);
        return ExitCodes.OK;
    }

    private List<DayInfo> days(Workspace ws) {
        StatusReader reader = new StatusReader(ws);
        if (dates != null) {
            DaySet set = DaySet.parse(dates);
            return reader.days(job, set.days().first(), set.days().last()).stream().filter(d -> set.contains(d.day())).toList();
        }
        if (month != null) {
            YearMonth ym;
            try {
                ym = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                throw BackfillException.badInput("--month \"" + month + "\" is not a month (YYYY-MM).");
            }
            return reader.days(job, ym.atDay(1), ym.atEndOfMonth());
        }
        Optional<LocalDate[]> known = reader.knownRange(job);
        return known.isEmpty() ? List.of() : reader.days(job, known.get()[0], known.get()[1]);
    }

    private void printMonth(YearMonth ym, List<DayInfo> days) {
        Map<DayStatus, Integer> counts = new EnumMap<>(DayStatus.class);
        for (DayInfo d : days) {
            counts.merge(d.status(), 1, Integer::sum);
        }
        StringBuilder summary = new StringBuilder();
        counts.forEach((s, n) -> summary.append(summary.length() > 0 ? ", " : "").append(n).append(' ').append(s.name().toLowerCase()));
        out().printf("%n%s %d (%s)%n", ym.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH),
                ym.getYear(), summary);
        out().printf("  %-10s  %-3s  %-9s  %7s  %10s  %-20s  %s%n", "date", "dow", "status", "version", "rows", "fingerprint", "note");
        for (DayInfo d : days) {
            String note = d.error().orElse(d.inputMissing() ? "input missing: this day would fail" : "");
            if (!d.reasons().isEmpty()) {
                note = d.reasons().get(0).detail();
            }
            out().printf("  %-10s  %-3s  %-9s  %7s  %10s  %-20s  %s%n", d.day(),
                    d.day().getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH),
                    d.status().name(), d.version().map(String::valueOf).orElse("-"),
                    d.rows().map(r -> String.format("%,d", r)).orElse("-"), d.fingerprint().orElse("-"), note);
            for (StaleReason r : d.reasons().subList(Math.min(1, d.reasons().size()), d.reasons().size())) {
                out().printf("  %-10s  %-3s  %-9s  %7s  %10s  %-20s  %s%n", "", "", "", "", "", "", r.detail());
            }
        }
    }
}
