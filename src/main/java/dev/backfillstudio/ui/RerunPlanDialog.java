package dev.backfillstudio.ui;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.run.RerunPlan;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
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
        table.getColumns().add(column("Day", 100, d -> d.day().toString()));
        table.getColumns().add(column("Will", 170, d -> d.replaces() ? String.format("replace %,d rows", d.currentRows()) : "write new output"));
        table.getColumns().add(column("Version", 80, d -> "v" + d.versionToRun()));
        table.getColumns().add(column("Input", 190, d -> d.inputMissing() ? "⚠ no snapshot: will fail" : "ok"));
        TableColumn<RerunPlan.PlannedDay, String> whyColumn = column("Why", 300, d -> why.getOrDefault(d.day(), ""));
        // a reason names a table, a day and what changed: it wraps in its cell rather than end in an ellipsis
        whyColumn.setCellFactory(RerunPlanDialog::wrappingCell);
        table.getColumns().add(whyColumn);
        table.getItems().setAll(plan.days());
        // rows of the theme's tables are about 38 px high, more where a reason wraps: room for each, up to a few
        table.setPrefHeight(Math.min(400, 48 + 60 * n));
        table.setMinHeight(Math.min(170, 48 + 60 * n));


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
        CheckBox withDownstream = new CheckBox();
        if (!plan.downstream().isEmpty() || !plan.alreadyStaleDownstream().isEmpty()) {
            content.getChildren().add(downstreamSection(plan, withDownstream));
        }
        content.setPrefWidth(960);
        dialog.getDialogPane().setContent(content);
        // the theme's 600 px cap on a dialog cut the plan's columns and sentences short
        DialogStage.style(dialog.getDialogPane());
        ButtonType go = new ButtonType("Rerun " + n + (n == 1 ? " day" : " days"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(go).getStyleClass().add("accent");
        dialog.getDialogPane().getStyleClass().add("rerun-plan");
        javafx.scene.Node goButton = dialog.getDialogPane().lookupButton(go);
        goButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> limit(limit.getText()) == null, limit.textProperty()));
        dialog.getDialogPane().getProperties().put(WITH_DOWNSTREAM, withDownstream);
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

    /** Key of the "Rerun them too" box in the dialog pane's properties, read back by {@link #ask}. */
    private static final String WITH_DOWNSTREAM = "rerun-plan.with-downstream";

    /** What the user chose on going ahead: the run's options (the change limit), and whether the downstream days are rerun too. */
    record Decision(RunOptions options, boolean withDownstream) {
    }

    /**
     * The downstream jobs' days that read the ticked days (a rerun that changes them turns these stale), and
     * the box to rerun them too, after the ticked days, in the same background run.
     */
    private static VBox downstreamSection(RerunPlan plan, CheckBox withDownstream) {
        int total = plan.downstream().stream().mapToInt(d -> d.days().size()).sum();
        Label title = new Label(total == 0 ? "Downstream: no stored day of another job read these days; some are stale already."
                : "Downstream: " + total + (total == 1 ? " day" : " days") + " of " + plan.downstream().size()
                        + (plan.downstream().size() == 1 ? " job" : " jobs") + " read these days and turn stale if the rerun changes them.");
        title.setWrapText(true);
        title.getStyleClass().add("plan-downstream-title");
        ListView<String> list = new ListView<>();
        list.setId("plan-downstream");
        for (dev.backfillstudio.run.Readers.DownstreamDays d : plan.downstream()) {
            list.getItems().add(d.job() + " · " + dev.backfillstudio.run.DaySet.of(d.days()) + " (" + d.days().size()
                    + (d.days().size() == 1 ? " day)" : " days)"));
        }
        for (dev.backfillstudio.run.Readers.DownstreamDays d : plan.alreadyStaleDownstream()) {
            list.getItems().add(d.job() + " · already stale: " + dev.backfillstudio.run.DaySet.of(d.days()) + " (" + d.days().size()
                    + (d.days().size() == 1 ? " day)" : " days)"));
        }
        list.setPrefHeight(Math.min(170, 6 + 40 * list.getItems().size()));
        list.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        withDownstream.setId("rerun-downstream");
        withDownstream.setText("Rerun them too: after these days, each downstream job in dependency order reruns its days"
                + " that this run turned stale and those already stale");
        withDownstream.setWrapText(true);
        return new VBox(6, title, list, withDownstream);
    }

    /** Shows the plan and waits; empty when the user cancelled. */
    static java.util.Optional<Decision> ask(Window owner, Job job, RerunPlan plan,
            java.util.Map<java.time.LocalDate, dev.backfillstudio.run.DayInfo> before) {
        Dialog<ButtonType> dialog = create(owner, job, plan, before);
        boolean go = dialog.showAndWait().map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false);
        CheckBox box = (CheckBox) dialog.getDialogPane().getProperties().get(WITH_DOWNSTREAM);
        TextField limit = (TextField) dialog.getDialogPane().lookup("#" + MAX_CHANGE_ID);
        return go ? Optional.of(new Decision(new RunOptions(false, limit(limit.getText())), box.isSelected())) : Optional.empty();
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

    private static TableColumn<RerunPlan.PlannedDay, String> column(String title, double width,
            java.util.function.Function<RerunPlan.PlannedDay, String> value) {
        TableColumn<RerunPlan.PlannedDay, String> c = new TableColumn<>(title);
        c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(value.apply(row.getValue())));
        c.setSortable(false);
        c.setPrefWidth(width);
        return c;
    }

    /** A cell whose text wraps to the column's width, its row as tall as the lines need. */
    private static TableCell<RerunPlan.PlannedDay, String> wrappingCell(TableColumn<RerunPlan.PlannedDay, String> column) {
        Text text = new Text();
        TableCell<RerunPlan.PlannedDay, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
            }
        };
        cell.getStyleClass().add("wrapping-cell");
        // drawn in the cell's own colour, which follows the theme and the row's selection
        text.fillProperty().bind(cell.textFillProperty());
        text.fontProperty().bind(cell.fontProperty());
        text.wrappingWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> column.getWidth() - cell.getPadding().getLeft() - cell.getPadding().getRight() - 2,
                column.widthProperty(), cell.paddingProperty()));
        return cell;
    }
}
