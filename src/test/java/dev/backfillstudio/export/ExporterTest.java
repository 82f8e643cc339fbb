package dev.backfillstudio.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.support.Readable;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExporterTest {

    static final LocalDate SEP1 = LocalDate.of(2024, 9, 1);
    static final LocalDate SEP2 = LocalDate.of(2024, 9, 2);
    static final LocalDate SEP3 = LocalDate.of(2024, 9, 3);
    static final LocalDate SEP4 = LocalDate.of(2024, 9, 4);

    @TempDir
    Path dir;
    Path out;
    Workspace ws;
    Db db;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("w.duckdb"), Workspace.OpenMode.CREATE_OR_INITIALISE);
        db = ws.db();
        out = Files.createDirectory(dir.resolve("out"));
        JobOutputs.job(db, "daily", "daily_out");
        JobOutputs.targetTable(db, "daily_out");
        // written out of day order, so ordering by partition_date is the export's doing
        JobOutputs.day(db, "daily", "daily_out", SEP3, 30);
        JobOutputs.day(db, "daily", "daily_out", SEP1, 10);
        JobOutputs.day(db, "daily", "daily_out", SEP2, 20);
        JobOutputs.day(db, "daily", "daily_out", SEP4, 0);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    ExportResult export(ExportSource source, ExportFormat format, Path path) {
        return new Exporter(ws).export(new ExportRequest(source, format, path, false, false));
    }

    static String reader(ExportFormat format, String path) {
        return switch (format) {
            case CSV -> "read_csv(" + Db.literal(path) + ")";
            case PARQUET -> "read_parquet(" + Db.literal(path) + ")";
            case JSON -> "read_json(" + Db.literal(path) + ")";
        };
    }

    long differences(String a, String b) throws Exception {
        return db.queryLong("SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")")
                + db.queryLong("SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")");
    }

    List<String> types(String relation) throws Exception {
        return db.query("DESCRIBE SELECT * FROM " + relation, rs -> rs.getString(1) + " " + rs.getString(2));
    }

    List<Path> leftovers(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void eachFormatReadsBackThroughDuckDbAsTheSameRowsAndColumnTypes(ExportFormat format) throws Exception {
        Path file = out.resolve("daily." + format.label());
        ExportResult r = export(ExportSource.job("daily"), format, file);
        assertThat(r.rows()).isEqualTo(60);
        assertThat(r.path()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(r.format()).isEqualTo(format);
        String back = reader(format, Readable.byWorkspace(file));
        assertThat(db.queryLong("SELECT count(*) FROM " + back)).isEqualTo(60);
        assertThat(differences(back, "daily_out")).isZero();
        assertThat(types(back)).isEqualTo(types("daily_out"));
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void parquetKeepsExactTypesThatCsvAndJsonCannotCarry() throws Exception {
        db.execute("CREATE TABLE typed AS SELECT i::INTEGER AS small, (i * 1.5)::DECIMAL(10, 2) AS money, [i, i + 1] AS pair,"
                + " {'k': i} AS rec, INTERVAL 1 DAY * i AS span FROM range(5) r(i)");
        Path file = out.resolve("typed.parquet");
        export(ExportSource.table("typed"), ExportFormat.PARQUET, file);
        String back = reader(ExportFormat.PARQUET, Readable.byWorkspace(file));
        assertThat(types(back)).isEqualTo(types("typed"));
        assertThat(differences(back, "typed")).isZero();
    }

    @Test
    void csvHasOneHeaderLineAndJsonOneObjectPerLine() throws Exception {
        Path csv = out.resolve("d.csv");
        Path json = out.resolve("d.json");
        export(ExportSource.job("daily"), ExportFormat.CSV, csv);
        export(ExportSource.job("daily"), ExportFormat.JSON, json);
        List<String> csvLines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(csvLines.get(0)).isEqualTo("item_id,name,amount,active,seen_at,partition_date");
        assertThat(csvLines).hasSize(61);
        List<String> jsonLines = Files.readAllLines(json, StandardCharsets.UTF_8);
        assertThat(jsonLines).hasSize(60).allSatisfy(l -> assertThat(l).startsWith("{\"item_id\":").endsWith("}"));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void rowsAreWrittenInPartitionDateOrder(ExportFormat format) throws Exception {
        Path file = out.resolve("ordered." + format.label());
        export(ExportSource.job("daily"), format, file);
        // the file's own row order, numbered as DuckDB scans it single-threaded
        db.execute("SET threads = 1");
        List<LocalDate> days = db.query("SELECT partition_date FROM " + reader(format, Readable.byWorkspace(file)),
                rs -> rs.getObject(1, LocalDate.class));
        db.execute("RESET threads");
        assertThat(days).hasSize(60).isSorted();
        assertThat(days.get(0)).isEqualTo(SEP1);
    }

    @Test
    void aDaySetExportsExactlyThoseDays() throws Exception {
        Path file = out.resolve("some.parquet");
        ExportResult r = export(ExportSource.job("daily", DaySet.parse("2024-09-01,2024-09-03")), ExportFormat.PARQUET, file);
        assertThat(r.rows()).isEqualTo(40);
        assertThat(db.query("SELECT partition_date, count(*) FROM " + reader(ExportFormat.PARQUET, Readable.byWorkspace(file))
                + " GROUP BY ALL ORDER BY 1", rs -> rs.getString(1) + "=" + rs.getLong(2))).containsExactly("2024-09-01=10", "2024-09-03=30");
    }

    @Test
    void daysThatRanAndFoundNothingGiveAnEmptyFileWithItsHeader() throws Exception {
        Path file = out.resolve("empty.csv");
        ExportResult r = export(ExportSource.job("daily", DaySet.parse("2024-09-04")), ExportFormat.CSV, file);
        assertThat(r.rows()).isZero();
        assertThat(Files.readAllLines(file)).containsExactly("item_id,name,amount,active,seen_at,partition_date");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void partitionedWritesOneHiveFolderPerDayAsHiveReadersExpect(ExportFormat format) throws Exception {
        Path folder = out.resolve("daily_" + format.label());
        ExportResult r = new Exporter(ws).export(new ExportRequest(ExportSource.job("daily"), format, folder, true, false));
        assertThat(r.rows()).isEqualTo(60);
        assertThat(r.partitioned()).isTrue();
        Map<String, List<String>> layout = new TreeMap<>();
        try (Stream<Path> days = Files.list(folder)) {
            for (Path d : days.toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    layout.put(d.getFileName().toString(), files.map(f -> f.getFileName().toString()).sorted().toList());
                }
            }
        }
        // a day that ran with no rows has no folder: there is nothing to put in it
        assertThat(layout).containsOnlyKeys("partition_date=2024-09-01", "partition_date=2024-09-02", "partition_date=2024-09-03");
        assertThat(layout.values()).allSatisfy(files -> assertThat(files).containsExactly("data_0." + format.label()));
        String glob = Readable.byWorkspace(folder) + "/*/*." + format.label();
        String hive = switch (format) {
            case CSV -> "read_csv(" + Db.literal(glob) + ", hive_partitioning = true)";
            case PARQUET -> "read_parquet(" + Db.literal(glob) + ", hive_partitioning = true)";
            case JSON -> "read_json(" + Db.literal(glob) + ", hive_partitioning = true)";
        };
        assertThat(db.query("SELECT partition_date, count(*) FROM " + hive + " GROUP BY ALL ORDER BY 1",
                rs -> rs.getString(1) + "=" + rs.getLong(2))).containsExactly("2024-09-01=10", "2024-09-02=20", "2024-09-03=30");
        assertThat(differences("(SELECT * EXCLUDE (partition_date), partition_date::DATE AS partition_date FROM " + hive + ")",
                "daily_out")).isZero();
        // the day lives in the folder name only, as Hive lays it out
        String oneFile = reader(format, Readable.byWorkspace(folder.resolve("partition_date=2024-09-01/data_0." + format.label())));
        assertThat(types(oneFile.replace(")", ", hive_partitioning = false)")))
                .noneMatch(t -> t.startsWith("partition_date "));
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void aJobThatNeverRanIsRefusedWithOneSentence() throws Exception {
        JobOutputs.job(db, "fresh", "fresh_out");
        assertThatThrownBy(() -> export(ExportSource.job("fresh"), ExportFormat.CSV, out.resolve("f.csv")))
                .isInstanceOf(BackfillException.class).hasMessage("Job fresh has never run: there is no output to export yet.")
                .extracting(e -> ((BackfillException) e).kind()).isEqualTo(BackfillException.Kind.BAD_INPUT);
        JobOutputs.failedDay(db, "fresh", SEP1);
        assertThatThrownBy(() -> export(ExportSource.job("fresh", DaySet.parse("2024-09-01")), ExportFormat.CSV, out.resolve("f.csv")))
                .hasMessage("Job fresh has never run: there is no output to export yet.");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void aSecondExportOfTheSameOutputWritesItsRowsAsTheyAreThen() throws Exception {
        // the second export runs the COPY the first one prepared, on the session the first one gave back
        Path first = out.resolve("first.parquet");
        assertThat(export(ExportSource.job("daily"), ExportFormat.PARQUET, first).rows()).isEqualTo(60);
        db.update("DELETE FROM daily_out WHERE partition_date = ?", SEP1);
        db.update("UPDATE daily_out SET item_id = -item_id");
        Path second = out.resolve("second.parquet");
        assertThat(export(ExportSource.job("daily"), ExportFormat.PARQUET, second).rows()).isLessThan(60).isPositive();
        assertThat(differences(reader(ExportFormat.PARQUET, Readable.byWorkspace(second)), "daily_out")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + reader(ExportFormat.PARQUET, Readable.byWorkspace(first)) + " WHERE item_id < 0"))
                .isZero();
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void anOutputTableGoneOrWithoutItsDayColumnSinceTheLastExportIsRefusedWithOneSentence() throws Exception {
        assertThat(export(ExportSource.job("daily"), ExportFormat.CSV, out.resolve("before.csv")).rows()).isEqualTo(60);
        db.execute("ALTER TABLE daily_out RENAME COLUMN partition_date TO day");
        String sentence = "The output table daily_out of job daily is missing or has no partition_date column; rerun the job to rebuild it.";
        assertThatThrownBy(() -> export(ExportSource.job("daily"), ExportFormat.CSV, out.resolve("renamed.csv")))
                .isInstanceOf(BackfillException.class).hasMessage(sentence);
        db.execute("DROP TABLE daily_out");
        assertThatThrownBy(() -> export(ExportSource.job("daily"), ExportFormat.CSV, out.resolve("gone.csv"))).hasMessage(sentence);
        assertThat(out).isDirectoryNotContaining(p -> !p.getFileName().toString().equals("before.csv"));
    }

    @Test
    void daysWithoutOutputAreRefusedByName() throws Exception {
        JobOutputs.failedDay(db, "daily", LocalDate.of(2024, 9, 6));
        assertThatThrownBy(() -> export(ExportSource.job("daily", DaySet.parse("2024-09-02..2024-09-07")), ExportFormat.CSV,
                out.resolve("d.csv")))
                .isInstanceOf(BackfillException.class)
                .hasMessage("Job daily has no output for 2024-09-05..2024-09-07: those days never ran successfully;"
                        + " run them first or leave them out of the day set.");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void unknownJobTableFormatAndFolderAreRefusedWithOneSentence() {
        assertThatThrownBy(() -> export(ExportSource.job("nope"), ExportFormat.CSV, out.resolve("x.csv")))
                .hasMessage("There is no job nope in the workspace.");
        assertThatThrownBy(() -> export(ExportSource.table("nope"), ExportFormat.CSV, out.resolve("x.csv")))
                .hasMessage("There is no table nope in the workspace.");
        assertThatThrownBy(() -> export(ExportSource.table("x; DROP TABLE daily_out"), ExportFormat.CSV, out.resolve("x.csv")))
                .hasMessageContaining("is not a valid table name");
        assertThatThrownBy(() -> ExportFormat.parse("xlsx")).hasMessage("\"xlsx\" is not an export format: use csv, parquet or json.");
        Path missing = dir.resolve("no/such/folder/x.csv");
        assertThatThrownBy(() -> export(ExportSource.job("daily"), ExportFormat.CSV, missing))
                .hasMessage("Cannot export to " + missing + ": the folder " + missing.getParent() + " does not exist.");
        assertThatThrownBy(() -> export(ExportSource.job("daily"), ExportFormat.CSV, ws.file()))
                .hasMessageContaining("that is the workspace itself");
        assertThatThrownBy(() -> new Exporter(ws).export(new ExportRequest(ExportSource.table("bfs_free"), ExportFormat.CSV,
                out.resolve("x.csv"), true, false))).hasMessage("There is no table bfs_free in the workspace.");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void partitioningATableWithoutADateColumnIsRefused() throws Exception {
        db.execute("CREATE TABLE item AS SELECT 1 AS id");
        assertThatThrownBy(() -> new Exporter(ws).export(new ExportRequest(ExportSource.table("item"), ExportFormat.PARQUET,
                out.resolve("item"), true, false)))
                .hasMessage("Cannot partition table item by day: it has no date column; export it without --partitioned.");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void anyTableExportsAndADatedTablePartitionsByItsDateColumn() throws Exception {
        db.execute("CREATE TABLE item_snapshot AS SELECT i AS id, 'n' || i AS name,"
                + " DATE '2024-09-01' + (i % 2)::INTEGER AS snapshot_date FROM range(6) r(i)");
        db.update("INSERT INTO bfs.tables (name, kind, date_column) VALUES ('item_snapshot', 'SNAPSHOT', 'snapshot_date')");
        db.execute("CREATE TABLE plain AS SELECT 'x' AS v UNION ALL SELECT 'y'");
        Path plain = out.resolve("plain.json");
        assertThat(export(ExportSource.table("plain"), ExportFormat.JSON, plain).rows()).isEqualTo(2);
        assertThat(differences(reader(ExportFormat.JSON, Readable.byWorkspace(plain)), "plain")).isZero();
        Path snap = out.resolve("snap");
        ExportResult r = new Exporter(ws).export(new ExportRequest(ExportSource.table("item_snapshot"), ExportFormat.PARQUET, snap, true, false));
        assertThat(r.rows()).isEqualTo(6);
        try (Stream<Path> days = Files.list(snap)) {
            assertThat(days.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("snapshot_date=2024-09-01", "snapshot_date=2024-09-02");
        }
        Path job = out.resolve("job_table.csv");
        assertThat(export(ExportSource.table("daily_out"), ExportFormat.CSV, job).rows()).isEqualTo(60);
    }

    @Test
    void anExistingFileIsRefusedUnlessOverwriteWhichReplacesIt() throws Exception {
        Path file = out.resolve("d.csv");
        Files.writeString(file, "precious");
        assertThatThrownBy(() -> export(ExportSource.job("daily"), ExportFormat.CSV, file))
                .isInstanceOf(BackfillException.class).hasMessage(file + " already exists; add --overwrite to replace it.");
        assertThat(Files.readString(file)).isEqualTo("precious");
        ExportResult r = new Exporter(ws).export(new ExportRequest(ExportSource.job("daily"), ExportFormat.CSV, file, false, true));
        assertThat(r.rows()).isEqualTo(60);
        assertThat(differences(reader(ExportFormat.CSV, Readable.byWorkspace(file)), "daily_out")).isZero();
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void aPartitionedFolderIsReplacedWholeOnOverwriteButAForeignFolderNever() throws Exception {
        Path folder = out.resolve("daily");
        new Exporter(ws).export(new ExportRequest(ExportSource.job("daily"), ExportFormat.PARQUET, folder, true, false));
        assertThatThrownBy(() -> new Exporter(ws).export(new ExportRequest(ExportSource.job("daily", DaySet.parse("2024-09-02")),
                ExportFormat.PARQUET, folder, true, false))).hasMessageContaining("already exists; add --overwrite");
        new Exporter(ws).export(new ExportRequest(ExportSource.job("daily", DaySet.parse("2024-09-02")), ExportFormat.PARQUET, folder, true, true));
        try (Stream<Path> days = Files.list(folder)) {
            assertThat(days.map(p -> p.getFileName().toString())).containsExactly("partition_date=2024-09-02");
        }
        assertThat(leftovers(out)).isEmpty();
        Path home = Files.createDirectory(out.resolve("home"));
        Files.writeString(home.resolve("thesis.txt"), "years of work");
        assertThatThrownBy(() -> new Exporter(ws).export(new ExportRequest(ExportSource.job("daily"), ExportFormat.PARQUET, home, true, true)))
                .hasMessageContaining("it is a folder that holds more than column=value day folders");
        assertThat(Files.readString(home.resolve("thesis.txt"))).isEqualTo("years of work");
    }

    // DuckDB 2.0.0.1 can hang for good when a COPY to CSV or JSON is interrupted, so those are left to finish
    // (Parquet writes these rows before the first progress report, so it has no such window to test here)
    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"CSV", "JSON"})
    void anExportCancelledWhileDuckDbWritesReturnsAndLeavesNothing(ExportFormat format) throws Exception {
        db.execute("CREATE TABLE big AS SELECT i AS id, 'some text ' || i AS v, DATE '2024-01-01' + (i % 90)::INTEGER AS d"
                + " FROM range(3000000) r(i)");
        Exporter exporter = new Exporter(ws);
        List<Path> temporaries = new ArrayList<>();
        AtomicBoolean progressed = new AtomicBoolean();
        ExportListener cancelOnFirstProgress = new ExportListener() {
            @Override
            public void started(Path target, Path temporary) {
                temporaries.add(temporary);
            }

            @Override
            public void progress(double fraction) {
                progressed.set(true);
                exporter.cancel();
            }
        };
        Path file = out.resolve("big." + format.name().toLowerCase(java.util.Locale.ROOT));
        assertThatThrownBy(() -> exporter.export(new ExportRequest(ExportSource.table("big"), format, file, false, false),
                cancelOnFirstProgress))
                .isInstanceOf(ExportCancelledException.class).hasMessageContaining("was cancelled; nothing was written");
        assertThat(progressed).isTrue();
        assertThat(temporaries).hasSize(1);
        assertThat(temporaries.get(0)).doesNotExist();
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void anExportCancelledBeforeItsRenameLeavesNothingEvenWhenPartitioned() throws Exception {
        Exporter exporter = new Exporter(ws);
        ExportListener cancelWhenWritten = new ExportListener() {
            @Override
            public void written(long rows) {
                exporter.cancel();
            }
        };
        assertThatThrownBy(() -> exporter.export(new ExportRequest(ExportSource.job("daily"), ExportFormat.PARQUET,
                out.resolve("daily"), true, false), cancelWhenWritten)).isInstanceOf(ExportCancelledException.class);
        Exporter early = new Exporter(ws);
        ExportListener cancelAtStart = new ExportListener() {
            @Override
            public void started(Path target, Path temporary) {
                early.cancel();
            }
        };
        assertThatThrownBy(() -> early.export(new ExportRequest(ExportSource.job("daily"), ExportFormat.CSV,
                out.resolve("daily.csv"), false, false), cancelAtStart)).isInstanceOf(ExportCancelledException.class);
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void anExportWhoseFolderVanishesMidwayFailsAndLeavesNothing() throws Exception {
        Path sub = Files.createDirectory(out.resolve("sub"));
        ExportListener removeFolder = new ExportListener() {
            @Override
            public void started(Path target, Path temporary) {
                dev.backfillstudio.workspace.IoFolder.deleteTree(sub);
            }
        };
        assertThatThrownBy(() -> new Exporter(ws).export(new ExportRequest(ExportSource.job("daily"), ExportFormat.PARQUET,
                sub.resolve("d.parquet"), false, false), removeFolder))
                .isInstanceOf(BackfillException.class).hasMessageStartingWith("Export of job daily to " + sub.resolve("d.parquet") + " failed: ")
                .extracting(e -> ((BackfillException) e).kind()).isEqualTo(BackfillException.Kind.FAILED);
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void aFileThatAppearsAtTheTargetMeanwhileIsKeptAndTheExportLeavesNothing() throws Exception {
        Path file = out.resolve("d.csv");
        ExportListener someoneElseWrites = new ExportListener() {
            @Override
            public void written(long rows) {
                try {
                    Files.writeString(file, "theirs");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        assertThatThrownBy(() -> new Exporter(ws).export(new ExportRequest(ExportSource.job("daily"), ExportFormat.CSV, file, false, false),
                someoneElseWrites)).hasMessage(file + " already exists; add --overwrite to replace it.");
        assertThat(Files.readString(file)).isEqualTo("theirs");
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void leftoversOfDeadExportsAreRemovedAndThoseOfLiveOnesKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        long live = ProcessHandle.current().pid();
        Path deadFile = Files.writeString(out.resolve(".d.csv.partial-" + dead + "-0a1b"), "half");
        Path deadFolder = Files.createDirectories(out.resolve(".d.csv.partial-" + dead + "-0a1c/partition_date=2024-09-01"));
        Path liveFile = Files.writeString(out.resolve(".d.csv.partial-" + live + "-0a1d"), "running");
        Path otherName = Files.writeString(out.resolve(".e.csv.partial-" + dead + "-0a1e"), "other export");
        export(ExportSource.job("daily"), ExportFormat.CSV, out.resolve("d.csv"));
        assertThat(deadFile).doesNotExist();
        assertThat(deadFolder.getParent()).doesNotExist();
        assertThat(liveFile).exists();
        assertThat(otherName).exists();
    }

    @Test
    void anOldTargetMovedAsideByADeadExportIsPutBack() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path aside = Files.writeString(out.resolve(".d.csv.old-" + gone.pid() + "-0a1b"), "previous export");
        assertThatThrownBy(() -> export(ExportSource.job("daily"), ExportFormat.CSV, out.resolve("d.csv")))
                .hasMessageContaining("already exists");
        assertThat(aside).doesNotExist();
        assertThat(Files.readString(out.resolve("d.csv"))).isEqualTo("previous export");
    }

    @Test
    void aReadOnlyWorkspaceExportsAndIsNotModified() throws Exception {
        ws.close();
        Path file = dir.resolve("w.duckdb");
        String before = dev.backfillstudio.support.Files2.sha256(file);
        try (Workspace ro = Workspace.open(file, Workspace.OpenMode.READ_ONLY)) {
            assertThat(ro.readOnly()).isTrue();
            ExportResult r = new Exporter(ro).export(new ExportRequest(ExportSource.job("daily"), ExportFormat.PARQUET,
                    out.resolve("d.parquet"), true, false));
            assertThat(r.rows()).isEqualTo(60);
        }
        assertThat(dev.backfillstudio.support.Files2.sha256(file)).isEqualTo(before);
        ws = Workspace.open(file, Workspace.OpenMode.EXISTING);
        db = ws.db();
    }

    @Test
    void progressIsReportedAndTheListenerHearsStartWrittenAndFinished() throws Exception {
        db.execute("CREATE TABLE big AS SELECT i AS id, DATE '2024-01-01' + (i % 90)::INTEGER AS d FROM range(2000000) r(i)");
        List<String> heard = new ArrayList<>();
        List<Double> fractions = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExportListener listener = new ExportListener() {
            @Override
            public void started(Path target, Path temporary) {
                heard.add("started");
                assertThat(temporary.getFileName().toString()).startsWith(".big.json.partial-");
                assertThat(temporary.getParent()).isEqualTo(target.getParent());
            }

            @Override
            public void progress(double fraction) {
                fractions.add(fraction);
            }

            @Override
            public void written(long rows) {
                heard.add("written " + rows);
            }

            @Override
            public void finished(ExportResult result) {
                heard.add("finished " + result.rows());
            }
        };
        new Exporter(ws).export(new ExportRequest(ExportSource.table("big"), ExportFormat.JSON, out.resolve("big.json"), false, false), listener);
        assertThat(heard).containsExactly("started", "written 2000000", "finished 2000000");
        assertThat(fractions).allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
    }
}
