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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Each day's status, version, rows, fingerprint and error.",
            "Without --dates or --month: every day from the earliest to the latest known for the job."})
final class StatusCommand extends WorkspaceCommand {

    /** Said after the error of a day that failed for want of an input that has arrived since. */
    private static final String INPUT_ARRIVED = " (the input is there now: run --failed fills the day)";

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
        out().println("Job " + j.name() + ", current version " + j.currentVersion() + ", target " + j.target() + ".");
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
        counts.forEach((s, n) -> summary.append(summary.length() > 0 ? ", " : "").append(n).append(' ').append(s.name().toLowerCase(Locale.ROOT)));
        out().println();
        out().println(capitalised(ym.getMonth().name()) + " " + ym.getYear() + " (" + summary + ")");
        out().println(row("date", "dow", "status", "version", "rows", "fingerprint", "note"));
        for (DayInfo d : days) {
            String note = d.error().map(e -> d.inputArrivedSince() ? withoutPeriod(e) + INPUT_ARRIVED : e)
                    .orElse(d.inputMissing() ? "input missing: this day would fail" : "");
            if (!d.reasons().isEmpty()) {
                note = d.reasons().get(0).detail();
            }
            out().println(row(d.day().toString(), capitalised(d.day().getDayOfWeek().name()).substring(0, 3), d.status().name(),
                    d.version().map(String::valueOf).orElse("-"), d.rows().map(StatusCommand::grouped).orElse("-"),
                    d.fingerprint().orElse("-"), note));
            for (StaleReason r : d.reasons().subList(Math.min(1, d.reasons().size()), d.reasons().size())) {
                out().println(row("", "", "", "", "", "", r.detail()));
            }
        }
    }

    // The table is put together by hand rather than with printf: java.util.Formatter and the locale data behind it
    // and behind getDisplayName cost a short command's cold JVM about 40 ms, and the output is English anyway.

    /** One line of the month's table: the columns padded to their widths, the note last as it is. */
    private static String row(String date, String dow, String status, String version, String rows, String fingerprint, String note) {
        StringBuilder line = new StringBuilder("  ");
        left(line, date, 10).append("  ");
        left(line, dow, 3).append("  ");
        left(line, status, 9).append("  ");
        right(line, version, 7).append("  ");
        right(line, rows, 10).append("  ");
        left(line, fingerprint, 20).append("  ");
        return line.append(note).toString();
    }

    private static StringBuilder left(StringBuilder line, String value, int width) {
        line.append(value);
        return line.append(" ".repeat(Math.max(0, width - value.length())));
    }

    private static StringBuilder right(StringBuilder line, String value, int width) {
        return line.append(" ".repeat(Math.max(0, width - value.length()))).append(value);
    }

    /** A count (never negative) with a comma between each group of three digits: 1,234,567. */
    static String grouped(long n) {
        String digits = Long.toString(n);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** OCTOBER as October. */
    private static String capitalised(String upper) {
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String withoutPeriod(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
