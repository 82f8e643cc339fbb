package dev.backfillstudio.ui.calendar;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Rows per day of one month as bars, coloured by status through style classes, so gaps (days with no
 * output) and spikes stand out. Follows a {@link CalendarView} with {@link #follow(CalendarView)}.
 */
public final class RowsChart extends StackPane {


    private final ObjectProperty<YearMonth> yearMonth = new SimpleObjectProperty<>(this, "yearMonth", YearMonth.now());
    private final ObjectProperty<ObservableMap<LocalDate, DayInfo>> days =
            new SimpleObjectProperty<>(this, "days", FXCollections.observableHashMap());
    private final CategoryAxis xAxis = new CategoryAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final BarChart<String, Number> chart = new BarChart<>(xAxis, yAxis);
    private final XYChart.Series<String, Number> series = new XYChart.Series<>();
    private final Map<LocalDate, XYChart.Data<String, Number>> barByDay = new HashMap<>();
    private final Label title = new Label();
    private ObservableMap<LocalDate, DayInfo> watched;
    // One tooltip shared by all bars, its text set as the pointer enters a bar: creating a Tooltip per
    // bar per update would dominate the cost of a live status update.
    private final Tooltip tooltip = new Tooltip();
    private final MapChangeListener<LocalDate, DayInfo> dayChanged = c -> {
        XYChart.Data<String, Number> bar = barByDay.get(c.getKey());
        if (bar != null) {
            update(bar, c.wasAdded() ? c.getValueAdded() : null);
            fitRowsAxis();
        }
    };

    public RowsChart() {
        getStyleClass().add("rows-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(3);
        chart.setBarGap(0);
        chart.setVerticalGridLinesVisible(false);
        // a chart's own minimum (150 px) is more than the pane's height at 800 px: the box would overflow it, over the
        // tick bar above and below the window's edge; the bars shrink instead
        chart.setMinHeight(40);
        xAxis.setLabel(null);
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
        yAxis.setLabel("rows");
        yAxis.setMinorTickVisible(false);
        // rows come whole: the axis is ranged here, in steps of 1, 2 or 5 times a power of ten, not by NumberAxis,
        // whose own range for a job of three rows a day reads 0.0, 2.5, 5.0
        yAxis.setAutoRanging(false);
        yAxis.setLowerBound(0);
        chart.getData().add(series);
        title.getStyleClass().add("rows-chart-title");
        VBox box = new VBox(title, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().add(box);
        InvalidationListener rebuild = o -> rebuild();
        yearMonth.addListener(rebuild);
        // An invalidation listener and the map's identity, not a change listener: two empty maps are
        // equal, so a change listener never heard that an empty calendar map replaced the chart's own
        // empty map, and the chart went on watching a map nobody filled (no bars on first open).
        days.addListener((InvalidationListener) o -> watch(days.get()));
        watch(days.get());
    }

    private void watch(ObservableMap<LocalDate, DayInfo> map) {
        if (watched != null) {
            watched.removeListener(dayChanged);
        }
        watched = map;
        if (map != null) {
            map.addListener(dayChanged);
        }
        rebuild();
    }

    /** Shows the calendar's visible month and its statuses from now on. */
    public void follow(CalendarView calendar) {
        yearMonth.bind(calendar.yearMonthProperty());
        days.set(calendar.getDays());
    }

    public ObjectProperty<YearMonth> yearMonthProperty() {
        return yearMonth;
    }

    public YearMonth getYearMonth() {
        return yearMonth.get();
    }

    public void setYearMonth(YearMonth value) {
        yearMonth.set(value);
    }

    public ObjectProperty<ObservableMap<LocalDate, DayInfo>> daysProperty() {
        return days;
    }

    /** The bar of a day of the visible month (for tests and tooltips); null outside it. */
    public XYChart.Data<String, Number> barOf(LocalDate day) {
        return barByDay.get(day);
    }

    private void rebuild() {
        YearMonth ym = yearMonth.get();
        Map<LocalDate, DayInfo> map = watched;
        barByDay.clear();
        title.setText("Rows per day · " + ym);
        List<XYChart.Data<String, Number>> bars = new ArrayList<>(31);
        for (int d = 1; d <= ym.lengthOfMonth(); d++) {
            LocalDate day = ym.atDay(d);
            XYChart.Data<String, Number> bar = new XYChart.Data<>(Integer.toString(d), 0);
            barByDay.put(day, bar);
            update(bar, map == null ? null : map.get(day));
            bars.add(bar);
        }
        series.getData().setAll(bars);
        fitRowsAxis();
        // BarChart resets a bar's style classes when it creates the bar, so status classes go on after.
        for (XYChart.Data<String, Number> bar : bars) {
            Node node = bar.getNode();
            style(node, (DayInfo) bar.getExtraValue());
            Tooltip.install(node, tooltip);
            node.setOnMouseEntered(e -> {
                DayInfo info = (DayInfo) bar.getExtraValue();
                tooltip.setText(info == null ? "no status" : DayLabels.describe(info));
            });
        }
    }

    /** Sets the row axis to about four whole steps that reach the month's largest day. */
    private void fitRowsAxis() {
        long max = 0;
        for (XYChart.Data<String, Number> bar : barByDay.values()) {
            max = Math.max(max, bar.getYValue().longValue());
        }
        long step = wholeStep(Math.max(1, max) / 4.0);
        yAxis.setTickUnit(step);
        yAxis.setUpperBound(Math.max(step, (max + step - 1) / step * step));
    }

    /** The smallest of 1, 2, 5, 10, 20, 50… that is at least {@code atLeast}. */
    static long wholeStep(double atLeast) {
        long power = 1;
        while (power * 10 <= atLeast) {
            power *= 10;
        }
        for (long m : new long[] {1, 2, 5}) {
            if (m * power >= atLeast) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static void update(XYChart.Data<String, Number> bar, DayInfo info) {
        long rows = info == null ? 0 : info.rows().orElse(0L);
        bar.setExtraValue(info);
        if (bar.getYValue() == null || bar.getYValue().longValue() != rows) {
            bar.setYValue(rows);
        }
        style(bar.getNode(), info);
    }

    private static void style(Node node, DayInfo info) {
        if (node == null) {
            return;
        }
        for (DayStatus s : DayStatus.values()) {
            node.getStyleClass().remove(DayLabels.styleClass(s));
        }
        if (info != null) {
            node.getStyleClass().add(DayLabels.styleClass(info.status()));
        }
    }
}
