package dev.backfillstudio.ui.calendar.skin;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.run.RunHistory;
import dev.backfillstudio.ui.calendar.DayLabels;
import dev.backfillstudio.ui.calendar.StaleReasons;
import java.util.Optional;
import java.util.function.Function;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * One of the 42 reused cells of the month grid. It only changes text, icons and style classes when
 * the day, its status or its tick changes, so a month or a live status update redraws cheaply. It
 * lays out its few children itself: every node under a cell is matched against the stylesheets
 * again when the cell's status class changes, so no layout boxes or spacers are nested in it.
 */
public final class DayCell extends Region {

    static final PseudoClass TICKED = PseudoClass.getPseudoClass("ticked");
    static final PseudoClass FOCUSED = PseudoClass.getPseudoClass("focused");
    static final PseudoClass DRIFTED = PseudoClass.getPseudoClass("drifted");

    private static final double GAP = 2;

    private final Label number = new Label();
    private final FontIcon tickMark = new FontIcon(MaterialDesignC.CHECKBOX_MARKED_CIRCLE);
    private final FontIcon statusIcon = new FontIcon(MaterialDesignC.CIRCLE_OUTLINE);
    private final Label status = new Label("", statusIcon);
    private final Label rows = new Label();
    // An icon only: the words would not fit a cell at 1280 pixels; the tooltip and the screen reader say it.
    private final Label marker = new Label("", new FontIcon(MaterialDesignD.DATABASE_OFF));
    private final Tooltip tooltip = new Tooltip();
    private final Function<LocalDate, Optional<RunHistory.Attempt>> lastAttempt;

    private LocalDate date;
    private DayInfo info;
    private boolean inMonth;
    private boolean today;
    private boolean weekend;
    private boolean tooltipInstalled;
    private boolean drifted;
    private boolean crowded;

    DayCell(Function<LocalDate, Optional<RunHistory.Attempt>> lastAttempt) {
        this.lastAttempt = lastAttempt;
        getStyleClass().add("day");
        // The text is made as the tooltip shows, so it always has the last attempt read so far.
        tooltip.setOnShowing(e -> tooltip.setText(tooltipText()));
        number.getStyleClass().add("day-number");
        tickMark.getStyleClass().add("tick-mark");
        statusIcon.getStyleClass().add("status-icon");
        status.getStyleClass().add("day-status");
        rows.getStyleClass().add("day-rows");
        marker.getStyleClass().add("input-missing-marker");
        getChildren().addAll(number, tickMark, status, rows);
        setMinWidth(0);
        for (Label l : List.of(number, status, rows, marker)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.setMouseTransparent(true);
        }
        tickMark.setMouseTransparent(true);
    }

    /**
     * Two lines, so six weeks fit a laptop screen: the day number, its input marker and compact row
     * count (right-aligned) with the tick mark on top; the status word and icon below. Labels are laid
     * out at their preferred widths: the words are short enough never to need cutting.
     */
    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x = in.getLeft();
        double y = in.getTop();
        double w = Math.max(0, getWidth() - in.getLeft() - in.getRight());
        double top = topHeight();
        double numberWidth = number.prefWidth(-1);
        // the tick mark only takes room from the row count when it shows
        double tickWidth = getPseudoClassStates().contains(TICKED) ? tickMark.prefWidth(-1) : 0;
        layoutInArea(number, x, y, numberWidth, top, 0, HPos.LEFT, VPos.CENTER);
        layoutInArea(tickMark, x, y, w, top, 0, HPos.RIGHT, VPos.CENTER);
        double middle = Math.max(0, w - numberWidth - tickWidth - 2 * GAP);
        double rowsWidth = rows.prefWidth(-1);
        if (marker.getParent() == this) {
            layoutInArea(marker, x + numberWidth + GAP, y, marker.prefWidth(-1), top, 0, HPos.LEFT, VPos.CENTER);
        }
        layoutInArea(rows, x + w - tickWidth - GAP - rowsWidth, y, rowsWidth, top, 0, HPos.RIGHT, VPos.CENTER);
        layoutInArea(status, x, y + top + GAP, Math.max(w, status.prefWidth(-1)), status.prefHeight(-1), 0,
                HPos.LEFT, VPos.CENTER);
        double needed = numberWidth + (marker.getParent() == this ? GAP + marker.prefWidth(-1) : 0) + GAP + rowsWidth
                + (tickWidth > 0 ? GAP + tickWidth : 0);
        crowded = needed > w + 0.5 || status.prefWidth(-1) > w + 0.5;
    }

    private double topHeight() {
        double h = Math.max(number.prefHeight(-1), tickMark.prefHeight(-1));
        return marker.getParent() == this ? Math.max(h, marker.prefHeight(-1)) : h;
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        return in.getTop() + topHeight() + GAP + status.prefHeight(-1) + in.getBottom();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + number.prefWidth(-1) + GAP + tickMark.prefWidth(-1) + in.getRight();
    }

    /** Whether the last layout had too little width for the cell's words (tests check it never does). */
    public boolean isCrowded() {
        return crowded;
    }

    /** The tooltip's text: status, reasons, version, rows, duration and run of the day's last attempt. */
    public String tooltipText() {
        return info == null ? null : DayLabels.tooltip(info, date == null ? Optional.empty() : lastAttempt.apply(date));
    }

    public LocalDate getDate() {
        return date;
    }

    /** Whether this cell shows a day of the visible month (other-month cells are inert). */
    public boolean isInMonth() {
        return inMonth;
    }

    public DayInfo getInfo() {
        return info;
    }

    /** Shows another day in this cell (a month change): one restyle for date and status together. */
    void show(LocalDate newDate, boolean inMonth, boolean today, boolean weekend, DayInfo newInfo) {
        if (!newDate.equals(date)) {
            date = newDate;
            number.setText(Integer.toString(newDate.getDayOfMonth()));
            setId("day-" + newDate);
        }
        this.inMonth = inMonth;
        this.today = today;
        this.weekend = weekend;
        info = null;
        showInfo(newInfo, true);
    }

    /** Shows a new status of the same day (a live update). */
    void showInfo(DayInfo newInfo) {
        showInfo(newInfo, false);
    }

    private void showInfo(DayInfo newInfo, boolean force) {
        DayInfo shown = inMonth ? newInfo : null;
        if (!force && Objects.equals(shown, info)) {
            return;
        }
        info = shown;
        restyle();
        if (shown == null) {
            status.setText("");
            status.setVisible(false);
            rows.setText("");
            getChildren().remove(marker);
            setTooltipText(null);
            return;
        }
        status.setVisible(true);
        status.setText(statusWord(shown));
        statusIcon.setIconCode(icon(shown));
        rows.setText(DayLabels.compactRows(shown));
        if (shown.inputMissing() != (marker.getParent() == this)) {
            if (shown.inputMissing()) {
                getChildren().add(marker);
            } else {
                getChildren().remove(marker);
            }
        }
        setTooltipText(DayLabels.describe(shown));
    }

    // A drifted day says so instead of OK: the dashed border alone would be colour and shape only.
    private String statusWord(DayInfo shown) {
        return drifted ? "DRIFTED" : DayLabels.statusText(shown);
    }

    void showTicked(boolean ticked) {
        pseudoClassStateChanged(TICKED, ticked && inMonth);
        requestLayout();
    }

    /** Marks a day a verify found DRIFTED: a dashed border and the word, never the colour alone. */
    void showDrifted(boolean isDrifted) {
        if (drifted != isDrifted) {
            drifted = isDrifted;
            pseudoClassStateChanged(DRIFTED, isDrifted);
            if (info != null) {
                status.setText(statusWord(info));
            }
        }
    }

    void showCursor(boolean cursor) {
        pseudoClassStateChanged(FOCUSED, cursor);
    }

    private void setTooltipText(String text) {
        setAccessibleText(text);
        if (text == null) {
            if (tooltipInstalled) {
                Tooltip.uninstall(this, tooltip);
                tooltipInstalled = false;
            }
        } else {
            tooltip.setText(text);
            if (!tooltipInstalled) {
                Tooltip.install(this, tooltip);
                tooltipInstalled = true;
            }
        }
    }

    // One change to the style class list, not one per class: each change makes JavaFX match the
    // cell's whole subtree against the stylesheets again.
    private void restyle() {
        List<String> wanted = new ArrayList<>(5);
        wanted.add("day");
        if (!inMonth) {
            wanted.add("other-month");
        }
        if (today) {
            wanted.add("today");
        }
        if (weekend) {
            wanted.add("weekend-day");
        }
        if (info != null) {
            wanted.add(DayLabels.styleClass(info.status()));
            if (info.inputMissing()) {
                wanted.add("input-missing");
            }
            switch (StaleReasons.mark(info)) {
                case NEW_VERSION -> wanted.add("stale-new-version");
                case INPUT_CHANGED -> wanted.add("stale-input-changed");
                case BOTH -> wanted.addAll(List.of("stale-new-version", "stale-input-changed"));
                case NONE -> { }
            }
        }
        ObservableList<String> classes = getStyleClass();
        if (!wanted.equals(classes)) {
            classes.setAll(wanted);
        }
    }

    /** A stale day's icon says why: braces for a new version of the SQL, a syncing database for changed input. */
    static Ikon icon(DayInfo info) {
        return switch (StaleReasons.mark(info)) {
            case NEW_VERSION -> MaterialDesignC.CODE_BRACES;
            case INPUT_CHANGED -> MaterialDesignD.DATABASE_SYNC;
            case BOTH, NONE -> icon(info.status());
        };
    }

    static Ikon icon(DayStatus s) {
        return switch (s) {
            case SUCCEEDED -> MaterialDesignC.CHECK_CIRCLE;
            case FAILED -> MaterialDesignC.CLOSE_CIRCLE;
            case STALE -> MaterialDesignH.HISTORY;
            case MISSING -> MaterialDesignC.CIRCLE_OUTLINE;
            case QUEUED -> MaterialDesignC.CLOCK_OUTLINE;
            case RUNNING -> MaterialDesignS.SYNC;
            case BLOCKED -> MaterialDesignC.CANCEL;
        };
    }
}
