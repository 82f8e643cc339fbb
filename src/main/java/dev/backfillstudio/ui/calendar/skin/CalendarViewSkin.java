package dev.backfillstudio.ui.calendar.skin;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.ui.calendar.CalendarView;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * Builds the calendar's nodes: a header (month title, previous/next, Today, jump to a date), a year
 * strip of twelve small months, and the 6x7 month grid. The 42 day cells and 12x42 squares are made
 * once and restyled in place; mouse and keys turn into {@link dev.backfillstudio.ui.calendar.DaySelection} calls.
 */
public class CalendarViewSkin extends SkinBase<CalendarView> {

    // A month, not a day: its name reads better than 2024-10 as the calendar's title.
    private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.getDefault());

    private final List<DayCell> cells = new ArrayList<>(MonthLayout.CELLS);
    private final Map<LocalDate, DayCell> cellByDay = new HashMap<>();
    private final List<Label> weekdayHeaders = new ArrayList<>(7);
    private final List<MiniMonth> miniMonths = new ArrayList<>(12);
    private final Map<LocalDate, Region> squareByDay = new HashMap<>();
    private final Label title = new Label();
    private final Label yearLabel = new Label();
    private final DatePicker jump = new DatePicker();
    private final GridPane grid = new GridPane();

    private int shownYear = Integer.MIN_VALUE;
    private DayCell cursorCell;
    private DayCell lastPainted;
    private boolean painting;
    private boolean paintState;

    private final InvalidationListener monthChanged = o -> showMonth();
    private final InvalidationListener layoutChanged = o -> {
        shownYear = Integer.MIN_VALUE;
        showMonth();
    };
    private final MapChangeListener<LocalDate, DayInfo> daysChanged = this::dayChanged;
    private final SetChangeListener<LocalDate> tickChanged = this::tickChanged;
    private final ChangeListener<LocalDate> cursorMoved = (o, old, day) -> moveCursor(day);
    private final EventHandler<KeyEvent> keys = this::keyPressed;

    public CalendarViewSkin(CalendarView control) {
        super(control);
        for (int i = 0; i < 12; i++) {
            MiniMonth mini = new MiniMonth();
            mini.setOnMouseClicked(e -> control.setYearMonth(mini.getMonth()));
            miniMonths.add(mini);
        }
        VBox root = new VBox(header(control), yearStrip(), monthGrid());
        root.getStyleClass().add("calendar-body");
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().add(root);

        control.yearMonthProperty().addListener(monthChanged);
        control.todayProperty().addListener(monthChanged);
        control.weekFieldsProperty().addListener(layoutChanged);
        control.getDays().addListener(daysChanged);
        control.getSelection().addListener(tickChanged);
        control.getDriftedDays().addListener((SetChangeListener<LocalDate>) change -> {
            LocalDate day = change.wasAdded() ? change.getElementAdded() : change.getElementRemoved();
            DayCell cell = cellByDay.get(day);
            if (cell != null) {
                cell.showDrifted(change.wasAdded());
            }
        });
        control.focusedDayProperty().addListener(cursorMoved);
        control.addEventHandler(KeyEvent.KEY_PRESSED, keys);
        showMonth();
    }

    private HBox header(CalendarView control) {
        Button previous = iconButton("previous-month", MaterialDesignC.CHEVRON_LEFT, "Previous month");
        previous.setOnAction(e -> control.previousMonth());
        Button next = iconButton("next-month", MaterialDesignC.CHEVRON_RIGHT, "Next month");
        next.setOnAction(e -> control.nextMonth());
        title.getStyleClass().add("calendar-title");
        title.setId("calendar-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button today = new Button("Today", new FontIcon(MaterialDesignC.CALENDAR_TODAY));
        today.setId("today-button");
        today.setFocusTraversable(false);
        today.setOnAction(e -> control.goToToday());
        jump.setId("jump-to-date");
        jump.setPromptText("Go to YYYY-MM-DD");
        dev.backfillstudio.ui.IsoDates.apply(jump);
        // wide enough for the whole prompt beside the picker's button
        jump.setPrefWidth(185);
        jump.setFocusTraversable(false);
        jump.valueProperty().addListener((o, old, day) -> {
            if (day != null) {
                control.showDay(day);
            }
        });
        HBox header = new HBox(previous, next, title, spacer, today, jump);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("calendar-header");
        return header;
    }

    private static Button iconButton(String id, MaterialDesignC icon, String tip) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll("button-icon", "flat");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        return b;
    }

    private HBox yearStrip() {
        yearLabel.getStyleClass().add("year-strip-year");
        yearLabel.setId("year-strip-year");
        yearLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox months = new HBox();
        months.getStyleClass().add("year-strip-months");
        months.getChildren().addAll(miniMonths);
        HBox.setHgrow(months, Priority.ALWAYS);
        for (MiniMonth mini : miniMonths) {
            HBox.setHgrow(mini, Priority.ALWAYS);
            mini.setMaxWidth(Double.MAX_VALUE);
        }
        HBox strip = new HBox(yearLabel, months);
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.getStyleClass().add("year-strip");
        return strip;
    }

    private GridPane monthGrid() {
        grid.getStyleClass().add("month-grid");
        for (int c = 0; c < 7; c++) {
            ColumnConstraints col = new ColumnConstraints();
            col.setPercentWidth(100.0 / 7);
            col.setHgrow(Priority.ALWAYS);
            col.setFillWidth(true);
            grid.getColumnConstraints().add(col);
            Label h = new Label();
            h.getStyleClass().add("weekday-header");
            h.setMaxWidth(Double.MAX_VALUE);
            weekdayHeaders.add(h);
            grid.add(h, c, 0);
        }
        grid.getRowConstraints().add(new RowConstraints());
        for (int r = 0; r < 6; r++) {
            RowConstraints row = new RowConstraints();
            row.setVgrow(Priority.ALWAYS);
            row.setFillHeight(true);
            row.setPercentHeight(-1);
            grid.getRowConstraints().add(row);
        }
        for (int i = 0; i < MonthLayout.CELLS; i++) {
            DayCell cell = new DayCell(day -> java.util.Optional.ofNullable(getSkinnable().getLastAttempts().get(day)));
            cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            cells.add(cell);
            grid.add(cell, i % 7, 1 + i / 7);
        }
        grid.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        grid.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        grid.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> painting = false);
        return grid;
    }

    // ---- drawing

    private void showMonth() {
        CalendarView control = getSkinnable();
        YearMonth month = control.getYearMonth();
        WeekFields weekFields = control.getWeekFields();
        LocalDate today = control.getToday();
        title.setText(TITLE.format(month));
        DayOfWeek firstDay = weekFields.getFirstDayOfWeek();
        for (int c = 0; c < 7; c++) {
            weekdayHeaders.get(c).setText(firstDay.plus(c).getDisplayName(TextStyle.SHORT, Locale.getDefault()));
        }
        cellByDay.clear();
        LocalDate d = MonthLayout.firstCell(month, weekFields);
        for (DayCell cell : cells) {
            boolean inMonth = YearMonth.from(d).equals(month);
            cell.show(d, inMonth, d.equals(today), MonthLayout.isWeekend(d), control.getDays().get(d));
            cell.showTicked(control.getSelection().isSelected(d));
            cell.showDrifted(inMonth && control.getDriftedDays().contains(d));
            cell.showCursor(false);
            if (inMonth) {
                cellByDay.put(d, cell);
            }
            d = d.plusDays(1);
        }
        cursorCell = null;
        moveCursor(control.getFocusedDay());
        if (month.getYear() != shownYear) {
            showYear(month.getYear());
        }
        for (MiniMonth mini : miniMonths) {
            mini.pseudoClassStateChanged(MiniMonth.CURRENT, month.equals(mini.getMonth()));
        }
    }

    private void showYear(int year) {
        shownYear = year;
        yearLabel.setText(Integer.toString(year));
        squareByDay.clear();
        CalendarView control = getSkinnable();
        for (int m = 0; m < 12; m++) {
            miniMonths.get(m).show(YearMonth.of(year, m + 1), control.getWeekFields(), control.getDays(), squareByDay);
        }
    }

    private void dayChanged(MapChangeListener.Change<? extends LocalDate, ? extends DayInfo> change) {
        DayInfo info = change.wasAdded() ? change.getValueAdded() : null;
        DayCell cell = cellByDay.get(change.getKey());
        if (cell != null) {
            cell.showInfo(info);
        }
        Region square = squareByDay.get(change.getKey());
        if (square != null) {
            MiniMonth.paint(square, info);
        }
    }

    private void tickChanged(SetChangeListener.Change<? extends LocalDate> change) {
        LocalDate day = change.wasAdded() ? change.getElementAdded() : change.getElementRemoved();
        DayCell cell = cellByDay.get(day);
        if (cell != null) {
            cell.showTicked(change.wasAdded());
        }
    }

    private void moveCursor(LocalDate day) {
        if (cursorCell != null) {
            cursorCell.showCursor(false);
        }
        cursorCell = day == null ? null : cellByDay.get(day);
        if (cursorCell != null) {
            cursorCell.showCursor(true);
        }
    }

    // ---- mouse: click toggles, shift-click extends from the anchor, press-drag paints

    private DayCell cellAt(double sceneX, double sceneY) {
        for (DayCell cell : cells) {
            Point2D p = cell.sceneToLocal(sceneX, sceneY);
            if (p != null && cell.getLayoutBounds().contains(p)) {
                return cell.isInMonth() ? cell : null;
            }
        }
        return null;
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        CalendarView control = getSkinnable();
        control.requestFocus();
        DayCell cell = cellAt(e.getSceneX(), e.getSceneY());
        if (cell == null) {
            return;
        }
        LocalDate day = cell.getDate();
        control.setFocusedDay(day);
        if (e.getClickCount() == 2) {
            // The first click of the pair toggled the day; undo it so opening leaves ticks as they were.
            control.getSelection().toggle(day);
            control.openDay(day);
            painting = false;
        } else if (e.isShiftDown()) {
            control.getSelection().extendTo(day);
            painting = false;
        } else {
            paintState = control.getSelection().toggle(day);
            painting = true;
            lastPainted = cell;
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (!painting) {
            return;
        }
        DayCell cell = cellAt(e.getSceneX(), e.getSceneY());
        if (cell != null && cell != lastPainted) {
            lastPainted = cell;
            getSkinnable().getSelection().paint(cell.getDate(), paintState);
            getSkinnable().setFocusedDay(cell.getDate());
        }
        e.consume();
    }

    // ---- keys: arrows move the cursor (across months), space ticks, Enter opens

    private void keyPressed(KeyEvent e) {
        if (e.isAltDown() || e.isShortcutDown()) {
            return; // the menus' accelerators (Alt+Left: previous month...)
        }
        CalendarView control = getSkinnable();
        LocalDate cursor = control.getFocusedDay();
        if (cursor == null || !YearMonth.from(cursor).equals(control.getYearMonth())) {
            LocalDate today = control.getToday();
            cursor = today != null && YearMonth.from(today).equals(control.getYearMonth())
                    ? today : control.getYearMonth().atDay(1);
        }
        LocalDate target;
        switch (e.getCode()) {
            case LEFT -> target = cursor.minusDays(1);
            case RIGHT -> target = cursor.plusDays(1);
            case UP -> target = cursor.minusWeeks(1);
            case DOWN -> target = cursor.plusWeeks(1);
            case PAGE_UP -> target = cursor.minusMonths(1);
            case PAGE_DOWN -> target = cursor.plusMonths(1);
            case SPACE -> {
                if (e.isShiftDown()) {
                    control.getSelection().extendTo(cursor);
                } else {
                    control.getSelection().toggle(cursor);
                }
                control.setFocusedDay(cursor);
                e.consume();
                return;
            }
            case ENTER -> {
                control.setFocusedDay(cursor);
                control.openDay(cursor);
                e.consume();
                return;
            }
            default -> {
                return;
            }
        }
        control.showDay(target);
        e.consume();
    }

    @Override
    public void dispose() {
        CalendarView control = getSkinnable();
        if (control != null) {
            control.yearMonthProperty().removeListener(monthChanged);
            control.todayProperty().removeListener(monthChanged);
            control.weekFieldsProperty().removeListener(layoutChanged);
            control.getDays().removeListener(daysChanged);
            control.getSelection().removeListener(tickChanged);
            control.focusedDayProperty().removeListener(cursorMoved);
            control.removeEventHandler(KeyEvent.KEY_PRESSED, keys);
        }
        super.dispose();
    }
}
