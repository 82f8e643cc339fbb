package dev.backfillstudio.ui;

import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.job.Job;
import dev.backfillstudio.ui.export.ExportDialog;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DaySet;
import dev.backfillstudio.run.RerunPlan;
import dev.backfillstudio.ui.calendar.CalendarToolbar;
import dev.backfillstudio.ui.calendar.CalendarView;
import dev.backfillstudio.ui.calendar.RowsChart;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected job: header with actions, the calendar with its toolbar and chart, the run bar. */
public final class JobController {

    private final MainViewModel main;
    private final JobViewModel model;
    private final CalendarView calendar = new CalendarView();
    private CalendarToolbar toolbar;

    @FXML
    private Label jobTitle;
    @FXML
    private Label jobSubtitle;
    @FXML
    private javafx.scene.layout.FlowPane jobLinks;
    @FXML
    private Button rerunButton;
    @FXML
    private Button verifyButton;
    @FXML
    private Button exportButton;
    @FXML
    private Button editButton;
    @FXML
    private HBox runBar;
    @FXML
    private ProgressBar runProgress;
    @FXML
    private Label runText;
    @FXML
    private Button cancelButton;
    @FXML
    private Button undoButton;
    @FXML
    private VBox calendarBox;

    public JobController(MainViewModel main) {
        this.main = main;
        this.model = main.jobModel();
    }

    /** The calendar, for tests and for the main window's keyboard focus. */
    public CalendarView calendar() {
        return calendar;
    }

    @FXML
    private void initialize() {
        calendar.setId("calendar");
        toolbar = new CalendarToolbar(calendar);
        RowsChart chart = new RowsChart();
        chart.setId("rows-chart");
        chart.follow(calendar);
        calendarBox.setMinWidth(0);
        calendarBox.getChildren().addAll(calendar, toolbar, chart);
        VBox.setVgrow(calendar, Priority.ALWAYS);
        VBox.setVgrow(chart, Priority.SOMETIMES);

        model.setOnDays(days -> {
            calendar.putDays(days);
            for (DayInfo d : days) {
                main.dayModel().update(d);
            }
        });
        model.setOnAttempts(attempts -> calendar.getLastAttempts().putAll(attempts));
        model.setOnError(text -> main.errorProperty().set(text));
        calendar.visibleYearProperty().addListener((o, a, year) -> {
            if (model.jobProperty().get() != null && year != null) {
                model.loadYear(year);
            }
        });
        calendar.setOnDayOpened(day -> {
            Job job = model.jobProperty().get();
            DayInfo info = calendar.getDays().getOrDefault(day, DayInfo.missing(day, false));
            if (job != null) {
                main.dayModel().show(job.name(), info);
                main.dayModel().showVerify(model.verifyResults().get(day));
            }
        });
        model.jobProperty().addListener((o, a, job) -> showJob(job));
        jobLinks.managedProperty().bind(jobLinks.visibleProperty());
        main.jobs().addListener((javafx.collections.ListChangeListener<JobSummary>) c -> showLinks(model.jobProperty().get()));
        calendar.yearMonthProperty().addListener((o, a, month) -> main.rememberView(model.jobProperty().get(), month));

        rerunButton.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = calendar.getSelection().size();
            return "Rerun " + n + (n == 1 ? " day" : " days");
        }, calendar.getSelection().sizeProperty()));
        rerunButton.disableProperty().bind(nothingToRun());
        rerunButton.getStyleClass().add("accent");
        verifyButton.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = calendar.getSelection().size();
            return "Verify " + n + (n == 1 ? " day" : " days");
        }, calendar.getSelection().sizeProperty()));
        verifyButton.disableProperty().bind(nothingToRun());
        model.verifyResults().addListener((javafx.collections.MapChangeListener<LocalDate, dev.backfillstudio.verify.VerifyResult>) c -> {
            if (c.wasAdded() && c.getValueAdded().outcome() == dev.backfillstudio.verify.VerifyOutcome.DRIFTED) {
                calendar.getDriftedDays().add(c.getKey());
            } else {
                calendar.getDriftedDays().remove(c.getKey());
            }
            main.dayModel().showVerify(c.wasAdded() ? c.getValueAdded() : null);
        });
        runBar.visibleProperty().bind(model.runningProperty().or(model.progressTextProperty().isNotEmpty()));
        runBar.managedProperty().bind(runBar.visibleProperty());
        runProgress.progressProperty().bind(model.progressProperty());
        runText.textProperty().bind(model.progressTextProperty());
        cancelButton.visibleProperty().bind(model.runningProperty());
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        undoButton.visibleProperty().bind(model.undoableProperty().and(model.runningProperty().not()));
        undoButton.managedProperty().bind(undoButton.visibleProperty());
        main.dayModel().setOnRestored(day -> model.loadRange(day, day));
    }

    private void showJob(Job job) {
        calendar.getSelection().clear();
        calendar.getDriftedDays().clear();
        calendar.getLastAttempts().clear();
        calendar.replaceDays(List.of());
        if (job == null) {
            return;
        }
        jobTitle.setText(job.name());
        jobSubtitle.setText("writes " + job.target() + " · version " + job.currentVersion());
        showLinks(job);
        java.util.Optional<YearMonth> chosen = main.takeStartMonth();
        if (chosen.isPresent()) {
            openAt(chosen.get());
            return;
        }
        Task<java.util.Optional<LocalDate>> latest = model.latestKnownDay();
        latest.setOnSucceeded(e -> openAt(YearMonth.from(latest.getValue().orElse(calendar.getToday()))));
    }

    /** "Reads the output of: X · Read by: Y, Z", each job a link that opens it. */
    private void showLinks(Job job) {
        jobLinks.getChildren().clear();
        JobSummary summary = job == null ? null
                : main.jobs().stream().filter(s -> s.job().name().equals(job.name())).findFirst().orElse(null);
        if (summary != null) {
            addLinks("Reads the output of", summary.upstream(), "upstream-");
            addLinks("Read by", summary.downstream(), "downstream-");
        }
        jobLinks.setVisible(!jobLinks.getChildren().isEmpty());
    }

    private void addLinks(String title, List<String> jobs, String idPrefix) {
        if (jobs.isEmpty()) {
            return;
        }
        if (!jobLinks.getChildren().isEmpty()) {
            jobLinks.getChildren().add(new Label(" · "));
        }
        Label label = new Label(title + ":");
        label.getStyleClass().add("job-subtitle");
        jobLinks.getChildren().add(label);
        for (String name : jobs) {
            javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(name);
            link.setId(idPrefix + name);
            link.setOnAction(e -> main.jobs().stream().filter(s -> s.job().name().equals(name)).findFirst()
                    .ifPresent(s -> main.selectedJobProperty().set(s.job())));
            jobLinks.getChildren().add(link);
        }
    }

    private void openAt(YearMonth month) {
        boolean sameYear = calendar.getYearMonth() != null && calendar.getYearMonth().getYear() == month.getYear();
        calendar.setYearMonth(month);
        if (sameYear) {
            model.loadYear(java.time.Year.of(month.getYear()));
        }
    }

    /** Whether Rerun and Verify can act now: days ticked and nothing running. */
    public javafx.beans.binding.BooleanBinding nothingToRun() {
        return calendar.getSelection().sizeProperty().isEqualTo(0).or(model.runningProperty());
    }

    /** The toolbar over the calendar, whose tick actions the Calendar menu repeats. */
    public CalendarToolbar toolbar() {
        return toolbar;
    }

    /** Shows the plan of a rerun of the ticked days, and runs them on yes. */
    public void rerun() {
        onRerun();
    }

    public void verify() {
        onVerify();
    }

    public void export() {
        if (model.jobProperty().get() != null) {
            onExport();
        }
    }

    public void cancel() {
        onCancel();
    }

    @FXML
    private void onRerun() {
        DaySet days = calendar.getSelection().toDaySet();
        if (days.isEmpty()) {
            return;
        }
        Task<RerunPlan> plan = model.plan(days);
        plan.setOnSucceeded(e -> {
            java.util.Optional<RerunPlanDialog.Decision> decision = RerunPlanDialog.ask(calendar.getScene().getWindow(),
                    model.jobProperty().get(), plan.getValue(), java.util.Map.copyOf(calendar.getDays()));
            if (decision.isPresent()) {
                List<DayInfo> before = new ArrayList<>();
                for (LocalDate d : days) {
                    before.add(calendar.getDays().getOrDefault(d, DayInfo.missing(d, false)));
                }
                calendar.getSelection().clear();
                model.rerun(days, before, decision.get().options(), decision.get().withDownstream());
            }
        });
    }

    @FXML
    private void onUndo() {
        model.undoLastRun();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onVerify() {
        DaySet days = calendar.getSelection().toDaySet();
        if (!days.isEmpty()) {
            model.verify(days);
        }
    }

    @FXML
    private void onExport() {
        Job job = model.jobProperty().get();
        DaySet ticked = calendar.getSelection().toDaySet();
        ExportSource source = ticked.isEmpty() ? ExportSource.job(job.name()) : ExportSource.job(job.name(), ticked);
        ExportDialog.show(calendar.getScene().getWindow(), main.workspaceProperty().get(), source, main.openFolder());
    }

    @FXML
    private void onEdit() {
        main.openJobEditor(calendar.getScene().getWindow(), java.util.Optional.ofNullable(model.jobProperty().get()));
    }

}
