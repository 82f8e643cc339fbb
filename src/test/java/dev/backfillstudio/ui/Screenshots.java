package dev.backfillstudio.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** Writes what a scene shows to target/screenshots/NAME.png, so a person can look at it. */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path save(Scene scene, String name) throws IOException {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        new FxRobot().interact(() -> image.set(scene.snapshot(null)));
        Path out = Path.of(System.getProperty("project.build.directory", "target"), "screenshots", name + ".png");
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", out.toFile());
        return out;
    }
}
