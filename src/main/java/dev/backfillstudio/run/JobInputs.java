package dev.backfillstudio.run;

import dev.backfillstudio.job.QueryCheck;
import dev.backfillstudio.job.QueryReads;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inputs of one version of a job, from its parsed SQL and the workspace's metadata: which tables it
 * reads and how (each an {@link InputKind}), which snapshot days and history coverage a day needs
 * before it may run, and, for a range of days, the identity of everything a day reads — the lineage
 * a run records with each attempt.
 */
public final class JobInputs {

    /** The two sentences of {@link Days#missing}, as a failed day's recorded error. */
    private static final Pattern MISSING_INPUT = Pattern.compile(".+ (has no snapshot for|does not cover) \\d{4}-\\d{2}-\\d{2}(: .*)?",
            Pattern.DOTALL);

    /** Whether a failed day's error says that an input was not there (so the day failed before it ran). */
    public static boolean isMissingInput(String error) {
        return MISSING_INPUT.matcher(error).matches();
    }

    private static final String PARTITION = QueryCheck.PARTITION_COLUMN;

    /**
     * One input: a table (as registered, or as the query names it), how it is read, and for a day-kind
     * input the days read, as offsets from the day run ({@code [0, 0]}: that day; {@code [-6, 0]}: a week).
     */
    record Input(String table, InputKind kind, int from, int to) {

        static Input whole(String table) {
            return new Input(table, InputKind.TABLE, 0, 0);
        }

        static Input days(String table, InputKind kind, QueryReads.Window w) {
            return new Input(table, kind, w.from(), w.to());
        }

        // written out: a record's own equals and hashCode are bound through invokedynamic at their first call,
        // about 20 ms of a command line's cold start, where an input is the first record put in a set
        @Override
        public boolean equals(Object o) {
            return o instanceof Input i && from == i.from && to == i.to && kind == i.kind && table.equals(i.table);
        }

        @Override
        public int hashCode() {
            return ((table.hashCode() * 31 + kind.hashCode()) * 31 + from) * 31 + to;
        }
    }

    private final InputIdentities ids;
    private final List<Input> inputs;
    private final List<String> snapshots;
    private final List<String> histories;

    private JobInputs(InputIdentities ids, List<Input> inputs, List<String> snapshots, List<String> histories) {
        this.ids = ids;
        this.inputs = inputs;
        this.snapshots = snapshots;
        this.histories = histories;
    }

    /** The inputs of {@code sql}, a job version writing {@code ownTarget} (its own earlier days are not an input). */
    public static JobInputs of(Db db, String sql, String ownTarget) throws SQLException {
        return of(db, QueryReads.of(db, sql), ownTarget);
    }

    /** As {@link #of(Db, String, String)}, for a caller that has read the query already. */
    static JobInputs of(Db db, QueryReads reads, String ownTarget) throws SQLException {
        InputIdentities ids = InputIdentities.load(db, reads.workspaceTables());
        Set<Input> inputs = new LinkedHashSet<>();
        Set<String> snapshots = new LinkedHashSet<>();
        Set<String> histories = new LinkedHashSet<>();
        for (QueryReads.Table t : reads.tables().values()) {
            Optional<InputIdentities.Registered> reg = ids.registered(t.name());
            String kind = reg.map(InputIdentities.Registered::kind)
                    .orElse(ids.jobWriting(t.name()).isPresent() ? "JOB_OUTPUT" : "OTHER");
            String name = reg.map(InputIdentities.Registered::name).orElse(t.name());
            if (ownTarget != null && t.name().equalsIgnoreCase(ownTarget)) {
                // a running total reads its own earlier days; reading its own output otherwise is no input
                t.window(PARTITION).filter(w -> w.to() < 0).ifPresent(w -> inputs.add(Input.days(name, InputKind.JOB_DAY, w)));
                continue;
            }
            switch (kind) {
                case "SNAPSHOT" -> {
                    snapshots.add(name);
                    inputs.add(dated(t, name, reg.get().dateColumn(), InputKind.SNAPSHOT_DAY));
                }
                case "HISTORY" -> {
                    boolean forTheDay = t.comparedToDay().contains("valid_from") && t.comparedToDay().contains("valid_to");
                    if (forTheDay) {
                        histories.add(name);
                    }
                    inputs.add(forTheDay ? new Input(name, InputKind.HISTORY_DAY, 0, 0) : Input.whole(name));
                }
                case "EVENT" -> inputs.add(dated(t, name, reg.get().dateColumn(), InputKind.EVENT_DAY));
                case "JOB_OUTPUT" -> inputs.add(dated(t, name, PARTITION, InputKind.JOB_DAY));
                default -> inputs.add(Input.whole(name));
            }
        }
        for (QueryReads.Call call : reads.calls()) {
            if (!call.name().endsWith("_asof")) {
                continue;
            }
            String table = call.name().substring(0, call.name().length() - "_asof".length());
            Optional<InputIdentities.Registered> reg = ids.registered(table).filter(r -> r.kind().equals("HISTORY"));
            if (reg.isPresent()) {
                if (call.dayItself()) {
                    histories.add(reg.get().name());
                }
                inputs.add(call.dayItself() ? new Input(reg.get().name(), InputKind.HISTORY_DAY, 0, 0) : Input.whole(reg.get().name()));
            }
        }
        return new JobInputs(ids, List.copyOf(inputs), List.copyOf(snapshots), List.copyOf(histories));
    }

    /** A dated table read for the days its date column is held to; read without such bounds, the whole table. */
    private static Input dated(QueryReads.Table t, String name, String dateColumn, InputKind kind) {
        Optional<QueryReads.Window> w = dateColumn == null ? Optional.empty() : t.window(dateColumn);
        return w.map(window -> Input.days(name, kind, window)).orElse(Input.whole(name));
    }

    /** The other jobs' output tables the query reads, and its own when it reads its earlier days. */
    public List<String> jobOutputsRead() {
        return inputs.stream().filter(i -> i.kind() == InputKind.JOB_DAY
                || (i.kind() == InputKind.TABLE && ids.jobWriting(i.table()).isPresent())).map(Input::table).distinct().toList();
    }

    /** The inputs lineage records, in the order the query first reads them. */
    List<Input> inputs() {
        return inputs;
    }

    /** Reads, once, what the days in [from, to] need and would record. */
    public Days over(LocalDate from, LocalDate to) throws SQLException {
        Map<Input, Map<LocalDate, String>> byDay = new LinkedHashMap<>();
        Map<Input, String> whole = new LinkedHashMap<>();
        for (Input in : inputs) {
            if (in.kind() == InputKind.TABLE) {
                whole.put(in, ids.whole(in.table()));
            } else {
                byDay.put(in, ids.days(in.kind(), in.table(), from.plusDays(in.from()), to.plusDays(in.to())));
            }
        }
        Map<String, Set<LocalDate>> snapshotDays = new LinkedHashMap<>();
        for (String s : snapshots) {
            // the ledger days just read for the snapshot input, when they cover the range
            Map<LocalDate, String> ledger = byDay.entrySet().stream()
                    .filter(e -> e.getKey().kind() == InputKind.SNAPSHOT_DAY && e.getKey().table().equals(s)
                            && e.getKey().from() <= 0 && e.getKey().to() >= 0)
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            snapshotDays.put(s, ids.snapshotDays(s, from, to, ledger));
        }
        Map<String, Coverage> coverage = new LinkedHashMap<>();
        for (String h : histories) {
            coverage.put(h, coverage(h));
        }
        return new Days(byDay, whole, snapshotDays, coverage, ids, from, to);
    }

    /** Earliest and latest day of the snapshots the job reads, directly or through a history. */
    public Optional<LocalDate[]> range() throws SQLException {
        LocalDate min = null;
        LocalDate max = null;
        Set<String> dated = new LinkedHashSet<>(snapshots);
        for (Input in : inputs) {
            if (in.kind() == InputKind.HISTORY_DAY || (in.kind() == InputKind.TABLE
                    && ids.registered(in.table()).map(r -> r.kind().equals("HISTORY")).orElse(false))) {
                ids.registered(in.table()).map(InputIdentities.Registered::sourceTable).ifPresent(dated::add);
            }
        }
        for (String s : dated) {
            Optional<LocalDate[]> r = ids.snapshotRange(s);
            if (r.isPresent()) {
                min = min == null || r.get()[0].isBefore(min) ? r.get()[0] : min;
                max = max == null || r.get()[1].isAfter(max) ? r.get()[1] : max;
            }
        }
        return min == null ? Optional.empty() : Optional.of(new LocalDate[] {min, max});
    }

    /** The days a history holds: from its source's first snapshot to the last one folded in. */
    private record Coverage(String history, String source, LocalDate first, LocalDate last) {
        boolean covers(LocalDate day) {
            return first != null && !day.isBefore(first) && !day.isAfter(last);
        }

        String refusal(LocalDate day) {
            if (first == null) {
                return history + " does not cover " + day + ": " + source + " has no snapshot days yet.";
            }
            return history + " does not cover " + day + ": it holds the snapshots of " + source + " from " + first + " to "
                    + last + ".";
        }
    }

    private Coverage coverage(String history) throws SQLException {
        InputIdentities.Registered reg = ids.registered(history).orElseThrow();
        Optional<LocalDate[]> range = reg.sourceTable() == null ? Optional.empty() : ids.snapshotRange(reg.sourceTable());
        if (range.isEmpty()) {
            return new Coverage(reg.name(), reg.sourceTable(), null, null);
        }
        LocalDate last = reg.builtThrough() != null && reg.builtThrough().isBefore(range.get()[1]) ? reg.builtThrough()
                : range.get()[1];
        return new Coverage(reg.name(), reg.sourceTable(), range.get()[0], last);
    }

    /** What each day of a range needs and reads; immutable once read. */
    public static final class Days {
        /** No lineage: nothing is checked and nothing recorded (the benchmark's measure of lineage's cost). */
        static final Days UNRECORDED = new Days(Map.of(), Map.of(), Map.of(), Map.of(), null, null, null);

        private final Map<Input, Map<LocalDate, String>> byDay;
        private final Map<Input, String> whole;
        private final Map<String, Set<LocalDate>> snapshotDays;
        private final Map<String, Coverage> coverage;
        private final InputIdentities ids;
        private final LocalDate from;
        private final LocalDate to;

        private Days(Map<Input, Map<LocalDate, String>> byDay, Map<Input, String> whole,
                Map<String, Set<LocalDate>> snapshotDays, Map<String, Coverage> coverage, InputIdentities ids, LocalDate from,
                LocalDate to) {
            this.byDay = byDay;
            this.whole = whole;
            this.snapshotDays = snapshotDays;
            this.coverage = coverage;
            this.ids = ids;
            this.from = from;
            this.to = to;
        }

        /**
         * The identity {@code kind} input {@code table} has now on {@code day}, when this range already read
         * it (a status reads the days it shows, and they are mostly the days their lineage names).
         */
        Optional<String> known(String table, InputKind kind, LocalDate day) {
            for (Map.Entry<Input, Map<LocalDate, String>> e : byDay.entrySet()) {
                Input in = e.getKey();
                if (in.kind() == kind && in.table().equals(table) && !day.isBefore(from.plusDays(in.from()))
                        && !day.isAfter(to.plusDays(in.to()))) {
                    return Optional.of(e.getValue().getOrDefault(day, InputIdentities.absentIdentity(kind)));
                }
            }
            return Optional.empty();
        }

        /** {@link JobInputs#changedInputs}, reading again only what this range did not read. */
        public Map<LocalDate, List<StaleReason>> changedInputs(Db db, Map<LocalDate, List<InputIdentity>> recorded)
                throws SQLException {
            return JobInputs.changedInputs(db, ids, this, recorded);
        }

        /**
         * The sentence saying which input the day lacks, naming table and day; empty when it may run. A day
         * refused for it records this sentence as its error ({@link #isMissingInput} knows it again).
         */
        public Optional<String> missing(LocalDate day) {
            for (Map.Entry<String, Set<LocalDate>> e : snapshotDays.entrySet()) {
                if (!e.getValue().contains(day)) {
                    return Optional.of(e.getKey() + " has no snapshot for " + day);
                }
            }
            for (Coverage c : coverage.values()) {
                if (!c.covers(day)) {
                    return Optional.of(c.refusal(day));
                }
            }
            return Optional.empty();
        }

        /** What the day reads, each input with the identity it has now. */
        public List<InputIdentity> identities(LocalDate day) {
            List<InputIdentity> out = new ArrayList<>();
            for (Map.Entry<Input, Map<LocalDate, String>> e : byDay.entrySet()) {
                Input in = e.getKey();
                for (int off = in.from(); off <= in.to(); off++) {
                    LocalDate read = day.plusDays(off);
                    out.add(new InputIdentity(in.table(), in.kind(), read,
                            e.getValue().getOrDefault(read, InputIdentities.absentIdentity(in.kind()))));
                }
            }
            whole.forEach((in, identity) -> out.add(new InputIdentity(in.table(), in.kind(), null, identity)));
            return out;
        }

        /** {@link #identities} as stored with an attempt. */
        public String encoded(LocalDate day) {
            if (this == UNRECORDED) {
                return null;
            }
            return InputIdentity.encode(identities(day));
        }
    }

    /**
     * The reasons each given day is stale on account of its inputs: every recorded identity that differs
     * from the one the input has now. Days without recorded lineage (run before it existed) have none.
     */
    static Map<LocalDate, List<StaleReason>> changedInputs(Db db, Map<LocalDate, List<InputIdentity>> recorded)
            throws SQLException {
        return changedInputs(db, null, null, recorded);
    }

    /** With the identities and days a caller already read ({@code ids} and {@code known} may be null). */
    private static Map<LocalDate, List<StaleReason>> changedInputs(Db db, InputIdentities loaded, Days known,
            Map<LocalDate, List<InputIdentity>> recorded) throws SQLException {
        Map<LocalDate, List<StaleReason>> out = new HashMap<>();
        if (recorded.values().stream().allMatch(List::isEmpty)) {
            return out;
        }
        InputIdentities ids = loaded != null ? loaded : InputIdentities.load(db);
        Map<Input, LocalDate[]> spans = new HashMap<>();
        for (List<InputIdentity> list : recorded.values()) {
            for (InputIdentity i : list) {
                if (i.kind() != InputKind.TABLE && (known == null || known.known(i.table(), i.kind(), i.day()).isEmpty())) {
                    spans.merge(new Input(i.table(), i.kind(), 0, 0), new LocalDate[] {i.day(), i.day()},
                            (a, b) -> new LocalDate[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
                }
            }
        }
        Map<Input, Map<LocalDate, String>> now = new HashMap<>();
        for (Map.Entry<Input, LocalDate[]> e : spans.entrySet()) {
            now.put(e.getKey(), ids.days(e.getKey().kind(), e.getKey().table(), e.getValue()[0], e.getValue()[1]));
        }
        for (Map.Entry<LocalDate, List<InputIdentity>> e : recorded.entrySet()) {
            for (InputIdentity i : e.getValue()) {
                Optional<String> read = i.kind() == InputKind.TABLE || known == null ? Optional.empty()
                        : known.known(i.table(), i.kind(), i.day());
                String current = i.kind() == InputKind.TABLE ? ids.whole(i.table())
                        : read.isPresent() ? read.get()
                        : now.get(new Input(i.table(), i.kind(), 0, 0)).getOrDefault(i.day(), InputIdentities.absentIdentity(i.kind()));
                if (!current.equals(i.identity())) {
                    out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(
                            StaleReason.inputChanged(i.table(), i.day(), detail(i, current)));
                }
            }
        }
        return out;
    }

    /** One sentence saying what changed in an input since a day read it. */
    static String detail(InputIdentity then, String now) {
        String table = then.table();
        String rows = " (" + InputIdentity.rowsOf(then.identity()) + " rows then, " + InputIdentity.rowsOf(now) + " now)";
        return switch (then.kind()) {
            case SNAPSHOT_DAY -> now.equals(InputIdentity.ABSENT)
                    ? "The snapshot of " + then.day() + " in " + table + " is gone since this day ran."
                    : "The snapshot of " + then.day() + " in " + table + " changed since this day ran" + rows + ".";
            case HISTORY_DAY -> {
                String dayThen = then.identity().contains("/") ? then.identity().substring(0, then.identity().indexOf('/')) : "";
                String dayNow = now.contains("/") ? now.substring(0, now.indexOf('/')) : "";
                yield !dayThen.equals(dayNow) && !dayNow.isEmpty()
                        ? table + " as of " + then.day() + " now holds the snapshot of " + dayNow + ", loaded since this day ran"
                                + (dayThen.isEmpty() ? "" : " (it read the snapshot of " + dayThen + ")") + "."
                        : table + " as of " + then.day() + " changed since this day ran (its snapshot was restated)" + ".";
            }
            case EVENT_DAY -> "The rows of " + then.day() + " in " + table + " changed since this day ran" + rows + ".";
            case JOB_DAY -> "The output of " + then.day() + " in " + table + " changed since this day ran" + rows + ".";
            case TABLE -> table + " changed since this day ran.";
        };
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Raised when a job's inputs cannot be read (the metadata is unreadable). */
    static BackfillException unreadable(String job, SQLException e) {
        return BackfillException.failed("Cannot read the inputs of job " + job + ": " + QueryCheck.duckDbSentence(e.getMessage()), e);
    }
}
