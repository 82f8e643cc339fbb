package dev.backfillstudio.ui;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.run.RerunPlan;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import dev.backfillstudio.run.RunOptions;
import java.util.Optional;
import java.util.OptionalDouble;
import javafx.stage.Window;

/**
 * Shows what a rerun will do, day by day (the rows it replaces, and the exact SQL of the day selected),
 * takes an optional limit on how much a day may change, and asks to go ahead.
 */
final class RerunPlanDialog {

    private RerunPlanDialog() {
    }

    /** The field for the change limit, found by its id in tests. */
    static final String MAX_CHANGE_ID = "maxChange";

    static Dialog<ButtonType> create(Window owner, Job job, RerunPlan plan) {
        return create(owner, job, plan, java.util.Map.of());
    }

    /** {@code before}: the days' statuses as the calendar shows them, for the reason each is rerun. */
    static Dialog<ButtonType> create(Window owner, Job job, RerunPlan plan, java.util.Map<java.time.LocalDate, dev.backfillstudio.run.DayInfo> before) {
        java.util.Map<java.time.LocalDate, String> why = new java.util.HashMap<>();
        before.forEach((day, info) -> why.put(day, whyRerun(info)));
        int n = plan.days().size();
        long replacing = plan.days().stream().filter(RerunPlan.PlannedDay::replaces).count();
        long rows = plan.days().stream().filter(RerunPlan.PlannedDay::replaces).mapToLong(RerunPlan.PlannedDay::currentRows).sum();
        long noInput = plan.days().stream().filter(RerunPlan.PlannedDay::inputMissing).count();

        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Rerun " + n + (n == 1 ? " day" : " days"));
        dialog.setHeaderText("Rerun " + n + (n == 1 ? " day" : " days") + " of " + job.name() + " with version " + job.currentVersion());

        Label summary = new Label(String.format("%d new, %d replacing %,d rows.%s", n - replacing, replacing, rows,
                noInput == 0 ? "" : " " + noInput + (noInput == 1 ? " day has" : " days have")
                        + " no input snapshot and will fail."));
        summary.getStyleClass().add("plan-summary");
        summary.setWrapText(true);

        TableView<RerunPlan.PlannedDay> table = new TableView<>();
        table.getStyleClass().add("plan-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Day", d -> d.day().toString()));
        table.getColumns().add(column("Will", d -> d.replaces() ? String.format("replace %,d rows", d.currentRows()) : "write new output"));
        table.getColumns().add(column("Version", d -> "v" + d.versionToRun()));
        table.getColumns().add(column("Input", d -> d.inputMissing() ? "⚠ no snapshot: will fail" : "ok"));
        table.getColumns().add(column("Why", d -> why.getOrDefault(d.day(), "")));
        table.getItems().setAll(plan.days());
        table.setPrefHeight(Math.min(300, 32 + 28 * n));

        TextArea sql = new TextArea();
        sql.setId("planSql");
        sql.setEditable(false);
        sql.setPrefRowCount(6);
        sql.getStyleClass().add("plan-sql");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, d) -> sql.setText(d == null ? "" : d.sql()));
        table.getSelectionModel().selectFirst();
        Label sqlTitle = new Label("SQL that will run for the selected day");
        sqlTitle.getStyleClass().add("section-title");

        TextField limit = new TextField();
        limit.setId(MAX_CHANGE_ID);
        limit.setPromptText("no limit");
        limit.setPrefColumnCount(5);
        Label limitText = new Label("Block a day whose rerun adds plus removes more than");
        HBox limitRow = new HBox(6, limitText, limit, new Label("% of its rows (it keeps its rows)"));
        limitRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        VBox content = new VBox(10, summary, table, sqlTitle, sql, limitRow);
        content.setPrefWidth(760);
        dialog.getDialogPane().setContent(content);
        ButtonType go = new ButtonType("Rerun " + n + (n == 1 ? " day" : " days"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(go).getStyleClass().add("accent");
        dialog.getDialogPane().getStyleClass().add("rerun-plan");
        javafx.scene.Node goButton = dialog.getDialogPane().lookupButton(go);
        goButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> limit(limit.getText()) == null, limit.textProperty()));
        return dialog;
    }

    /** The limit typed (empty for none), or null when the text is not a percentage of 0 or more. */
    static OptionalDouble limit(String text) {
        if (text == null || text.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(text.strip().replace("%", ""));
            return v >= 0 && !Double.isInfinite(v) ? OptionalDouble.of(v) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Why a day is in the plan: its stale reasons, its failure, or that it never ran. */
    static String whyRerun(dev.backfillstudio.run.DayInfo info) {
        return switch (info.status()) {
            case STALE -> String.join(" ", dev.backfillstudio.ui.calendar.StaleReasons.sentences(info));
            case FAILED -> "failed" + info.error().map(e -> ": " + e).orElse("");
            case MISSING -> "never ran";
            case SUCCEEDED -> "up to date; rerun on request";
            case QUEUED, RUNNING, BLOCKED -> "";
        };
    }

    /** Shows the plan and waits for the answer: the run's options when the user chose to rerun, else empty. */
    static Optional<RunOptions> confirm(Window owner, Job job, RerunPlan plan,
            java.util.Map<java.time.LocalDate, dev.backfillstudio.run.DayInfo> before) {
        Dialog<ButtonType> dialog = create(owner, job, plan, before);
        TextField limit = (TextField) dialog.getDialogPane().lookup("#" + MAX_CHANGE_ID);
        return dialog.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .map(b -> new RunOptions(false, limit(limit.getText())));
    }

    private static TableColumn<RerunPlan.PlannedDay, String> column(String title,
            java.util.function.Function<RerunPlan.PlannedDay, String> value) {
        TableColumn<RerunPlan.PlannedDay, String> c = new TableColumn<>(title);
        c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(value.apply(row.getValue())));
        c.setSortable(false);
        return c;
    }
}
