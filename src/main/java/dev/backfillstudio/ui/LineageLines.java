package dev.backfillstudio.ui;

import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.InputIdentity;
import dev.backfillstudio.run.InputKind;
import dev.backfillstudio.run.Readers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A day's lineage in words for the day detail: one line per input table and kind, its days as ranges
 * ("kinds_out · job output · 2024-09-04..2024-09-10"), and one line per job that read the day.
 */
final class LineageLines {

    private LineageLines() {
    }

    /** What a day read, one line per table and kind, in the order the query first read them. */
    static List<String> inputs(List<InputIdentity> inputs) {
        Map<String, TreeSet<LocalDate>> days = new LinkedHashMap<>();
        for (InputIdentity in : inputs) {
            TreeSet<LocalDate> set = days.computeIfAbsent(in.table() + " · " + kindWords(in.kind()), k -> new TreeSet<>());
            if (in.day() != null) {
                set.add(in.day());
            }
        }
        List<String> out = new ArrayList<>();
        days.forEach((head, set) -> out.add(set.isEmpty() ? head : head + " · " + DaySet.of(set)));
        return out;
    }

    /** Who read a day: one line per job with the days of it that recorded the read. */
    static List<String> readers(List<Readers.Reader> readers) {
        Map<String, TreeSet<LocalDate>> days = new LinkedHashMap<>();
        readers.forEach(r -> days.computeIfAbsent(r.job(), k -> new TreeSet<>()).add(r.day()));
        List<String> out = new ArrayList<>();
        days.forEach((job, set) -> out.add(job + " · " + DaySet.of(set)));
        return out;
    }

    static String kindWords(InputKind kind) {
        return switch (kind) {
            case SNAPSHOT_DAY -> "snapshot";
            case HISTORY_DAY -> "history as of";
            case EVENT_DAY -> "events";
            case JOB_DAY -> "job output";
            case TABLE -> "whole table";
        };
    }
}
