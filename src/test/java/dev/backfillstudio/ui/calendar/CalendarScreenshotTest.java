package dev.backfillstudio.ui.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class CalendarScreenshotTest {

    CalendarHarness h;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void writesAScreenshotOfAMonthWithEveryStatus() throws Exception {
        h = CalendarHarness.show(1200, 800);
        FxRobot robot = new FxRobot();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> {
            h.calendar.getSelection().toggle(LocalDate.of(2024, 9, 13));
            h.calendar.getSelection().selectRange(LocalDate.of(2024, 9, 21), LocalDate.of(2024, 9, 23));
            h.calendar.setFocusedDay(LocalDate.of(2024, 9, 23));
            h.calendar.requestFocus();
        });
        robot.interact(() -> image.set(h.stage.getScene().snapshot(null)));
        Path out = Path.of(System.getProperty("project.build.directory", "target"), "screenshots", "calendar.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
