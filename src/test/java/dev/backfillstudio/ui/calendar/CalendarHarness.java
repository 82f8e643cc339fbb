package dev.backfillstudio.ui.calendar;

import atlantafx.base.theme.PrimerLight;
import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.ui.BackfillStudioApp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * A calendar, its toolbar and its chart in a window with the app's theme and stylesheet, showing
 * September 2024 (weeks from Monday, today the 18th) with every status. Test code only.
 */
final class CalendarHarness {

    static final YearMonth MONTH = YearMonth.of(2024, 9);
    static final LocalDate TODAY = LocalDate.of(2024, 9, 18);

    CalendarView calendar;
    CalendarToolbar toolbar;
    RowsChart chart;
    Stage stage;

    static CalendarHarness show(double width, double height) throws Exception {
        CalendarHarness h = new CalendarHarness();
        h.stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            h.calendar = new CalendarView();
            h.calendar.setWeekFields(WeekFields.of(DayOfWeek.MONDAY, 4));
            h.calendar.setToday(TODAY);
            h.calendar.setYearMonth(MONTH);
            h.calendar.replaceDays(year2024());
            h.toolbar = new CalendarToolbar(h.calendar);
            h.chart = new RowsChart();
            h.chart.follow(h.calendar);
            VBox root = new VBox(h.calendar, h.toolbar, h.chart);
            root.getStyleClass().addAll("main-window", "content");
            VBox.setVgrow(h.calendar, Priority.ALWAYS);
            Scene scene = new Scene(root, width, height);
            scene.getStylesheets().add(BackfillStudioApp.class.getResource("app.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            h.calendar.requestFocus();
        });
        return h;
    }

    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** September has every status; the other months are mostly done, with a few failures. */
    static List<DayInfo> year2024() {
        List<DayInfo> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 1, 1); d.getYear() == 2024; d = d.plusDays(1)) {
            days.add(info(d));
        }
        return days;
    }

    static DayInfo info(LocalDate d) {
        int n = d.getDayOfMonth();
        long rows = 1_100 + (n * 37L) % 300;
        if (YearMonth.from(d).equals(MONTH)) {
            if (n == 5) {
                return done(d, 4_870);
            }
            if (n <= 10 || n == 16 || n == 17) {
                return done(d, rows);
            }
            return switch (n) {
                case 11, 12 -> new DayInfo(d, DayStatus.STALE, Optional.of(2), Optional.of(rows), Optional.of("f" + n),
                        Optional.empty(), false);
                case 13, 21 -> new DayInfo(d, DayStatus.FAILED, Optional.of(3), Optional.empty(), Optional.empty(),
                        Optional.of("Binder Error: column \"qty\" not found"), false);
                case 14 -> DayInfo.missing(d, true);
                case 18 -> new DayInfo(d, DayStatus.RUNNING, Optional.of(3), Optional.empty(), Optional.empty(),
                        Optional.empty(), false);
                case 19, 20 -> new DayInfo(d, DayStatus.QUEUED, Optional.of(3), Optional.empty(), Optional.empty(),
                        Optional.empty(), false);
                case 28, 29 -> DayInfo.missing(d, true);
                default -> DayInfo.missing(d, false);
            };
        }
        if (d.isAfter(MONTH.atEndOfMonth())) {
            return DayInfo.missing(d, false);
        }
        if (n == 9 && d.getMonthValue() % 3 == 0) {
            return new DayInfo(d, DayStatus.FAILED, Optional.of(3), Optional.empty(), Optional.empty(),
                    Optional.of("Conversion Error"), false);
        }
        if (d.getMonthValue() <= 3) {
            return new DayInfo(d, DayStatus.STALE, Optional.of(2), Optional.of(rows), Optional.empty(),
                    Optional.empty(), false);
        }
        return done(d, rows);
    }

    static DayInfo done(LocalDate d, long rows) {
        return new DayInfo(d, DayStatus.SUCCEEDED, Optional.of(3), Optional.of(rows), Optional.of("fp" + d),
                Optional.empty(), false);
    }
}
