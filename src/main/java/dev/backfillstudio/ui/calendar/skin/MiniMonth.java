package dev.backfillstudio.ui.calendar.skin;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.ui.calendar.DayLabels;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A month of the year strip: its name over a grid of small squares coloured by status. */
final class MiniMonth extends VBox {

    static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private final Label name = new Label();
    private final List<Region> squares = new ArrayList<>(MonthLayout.CELLS);
    private YearMonth month;

    MiniMonth() {
        getStyleClass().add("mini-month");
        name.getStyleClass().add("mini-month-name");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("mini-month-grid");
        for (int i = 0; i < MonthLayout.CELLS; i++) {
            Region square = new Region();
            square.getStyleClass().add("mini-day");
            squares.add(square);
            grid.add(square, i % 7, i / 7);
        }
        getChildren().addAll(name, grid);
    }

    YearMonth getMonth() {
        return month;
    }

    /** Lays the month out again; returns the squares of its own days by date for live updates. */
    void show(YearMonth newMonth, WeekFields weekFields, Map<LocalDate, DayInfo> days, Map<LocalDate, Region> byDay) {
        month = newMonth;
        setId("mini-" + newMonth);
        name.setText(newMonth.getMonth().getDisplayName(TextStyle.SHORT, Locale.getDefault()));
        LocalDate d = MonthLayout.firstCell(newMonth, weekFields);
        for (Region square : squares) {
            boolean inMonth = YearMonth.from(d).equals(newMonth);
            square.setVisible(inMonth);
            if (inMonth) {
                byDay.put(d, square);
                paint(square, days.get(d));
            }
            d = d.plusDays(1);
        }
    }

    static void paint(Region square, DayInfo info) {
        List<String> classes = square.getStyleClass();
        for (DayStatus s : DayStatus.values()) {
            classes.remove(DayLabels.styleClass(s));
        }
        if (info != null) {
            classes.add(DayLabels.styleClass(info.status()));
        }
    }
}
