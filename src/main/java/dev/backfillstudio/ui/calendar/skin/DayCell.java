package dev.backfillstudio.ui.calendar.skin;

import dev.backfillstudio.run.DayInfo;
import dev.backfillstudio.run.DayStatus;
import dev.backfillstudio.ui.calendar.DayLabels;
import java.time.LocalDate;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * One of the 42 reused cells of the month grid. It only changes text, icons and style classes when
 * the day, its status or its tick changes, so a month or a live status update redraws cheaply.
 */
public final class DayCell extends VBox {

    static final PseudoClass TICKED = PseudoClass.getPseudoClass("ticked");
    static final PseudoClass FOCUSED = PseudoClass.getPseudoClass("focused");

    private static final List<String> STATUS_CLASSES = List.of(DayStatus.values()).stream()
            .map(DayLabels::styleClass).toList();

    private final Label number = new Label();
    private final FontIcon tickMark = new FontIcon(MaterialDesignC.CHECKBOX_MARKED_CIRCLE);
    private final FontIcon statusIcon = new FontIcon(MaterialDesignC.CIRCLE_OUTLINE);
    private final Label status = new Label("", statusIcon);
    private final Label rows = new Label();
    private final Label marker = new Label("no snapshot", new FontIcon(MaterialDesignD.DATABASE_OFF));
    private final Tooltip tooltip = new Tooltip();

    private LocalDate date;
    private DayInfo info;
    private boolean inMonth;
    private boolean tooltipInstalled;

    DayCell() {
        getStyleClass().add("day");
        number.getStyleClass().add("day-number");
        tickMark.getStyleClass().add("tick-mark");
        statusIcon.getStyleClass().add("status-icon");
        status.getStyleClass().add("day-status");
        rows.getStyleClass().add("day-rows");
        marker.getStyleClass().add("input-missing-marker");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(number, marker, spacer, tickMark);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("day-top");
        Region fill = new Region();
        VBox.setVgrow(fill, Priority.ALWAYS);
        getChildren().addAll(top, fill, status, rows);
        setFillWidth(true);
        setMinSize(0, 0);
        for (Label l : List.of(number, status, rows, marker)) {
            l.setMinWidth(0);
            l.setMouseTransparent(true);
        }
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

    void showDate(LocalDate newDate, boolean inMonth, boolean today, boolean weekend) {
        if (!newDate.equals(date)) {
            date = newDate;
            number.setText(Integer.toString(newDate.getDayOfMonth()));
            setId("day-" + newDate);
        }
        this.inMonth = inMonth;
        styleClass("other-month", !inMonth);
        styleClass("today", today);
        styleClass("weekend-day", weekend);
    }

    void showInfo(DayInfo newInfo) {
        DayInfo shown = inMonth ? newInfo : null;
        if (shown != null && shown.equals(info)) {
            return;
        }
        info = shown;
        String wanted = shown == null ? null : DayLabels.styleClass(shown.status());
        for (String cls : STATUS_CLASSES) {
            styleClass(cls, cls.equals(wanted));
        }
        styleClass("input-missing", shown != null && shown.inputMissing());
        if (shown == null) {
            status.setText("");
            status.setVisible(false);
            rows.setText("");
            marker.setVisible(false);
            setTooltipText(null);
            return;
        }
        status.setVisible(true);
        status.setText(DayLabels.statusText(shown));
        statusIcon.setIconCode(icon(shown.status()));
        rows.setText(DayLabels.rowsText(shown));
        marker.setVisible(shown.inputMissing());
        setTooltipText(DayLabels.describe(shown));
    }

    void showTicked(boolean ticked) {
        pseudoClassStateChanged(TICKED, ticked && inMonth);
    }

    void showCursor(boolean cursor) {
        pseudoClassStateChanged(FOCUSED, cursor);
    }

    private void setTooltipText(String text) {
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

    private void styleClass(String cls, boolean on) {
        List<String> classes = getStyleClass();
        if (on) {
            if (!classes.contains(cls)) {
                classes.add(cls);
            }
        } else {
            classes.remove(cls);
        }
    }

    static Ikon icon(DayStatus s) {
        return switch (s) {
            case SUCCEEDED -> MaterialDesignC.CHECK_CIRCLE;
            case FAILED -> MaterialDesignC.CLOSE_CIRCLE;
            case STALE -> MaterialDesignH.HISTORY;
            case MISSING -> MaterialDesignC.CIRCLE_OUTLINE;
            case QUEUED -> MaterialDesignC.CLOCK_OUTLINE;
            case RUNNING -> MaterialDesignS.SYNC;
        };
    }
}
