package dev.backfillstudio.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop app. Opens the workspace named on the command line, else the last one used, else the
 * sample workspace (built on first start).
 */
public final class BackfillStudioApp extends Application {

    /** For the benchmark's window_up: print "first frame" once the window has been drawn, then quit. */
    static final String FIRST_FRAME_EXIT = "backfill.firstFrameExit";

    private MainViewModel model;

    @Override
    public void start(Stage stage) {
        RecentWorkspaces recent = RecentWorkspaces.fromPreferences();
        model = new MainViewModel(recent, UiPreferences.fromPreferences(), new FxExecutor());
        model.themeProperty().get().apply();
        model.setOpenFolder(uri -> getHostServices().showDocument(uri.toString()));
        FXMLLoader loader = new FXMLLoader(BackfillStudioApp.class.getResource("MainView.fxml"));
        loader.setControllerFactory(type -> {
            if (type == MainController.class) {
                mainController = new MainController(model);
                return mainController;
            }
            if (type == JobController.class) {
                return new JobController(model);
            }
            if (type == DayDetailController.class) {
                return new DayDetailController(model.dayModel());
            }
            throw new IllegalArgumentException("no controller for " + type);
        });
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(BackfillStudioApp.class.getResource("app.css").toExternalForm());
        stage.titleProperty().bind(model.titleProperty());
        stage.setScene(scene);
        stage.show();
        if (Boolean.getBoolean(FIRST_FRAME_EXIT)) {
            exitAfterFirstFrame();
        }

        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) {
            model.open(Path.of(args.get(0)));
        } else {
            model.openStartupWorkspace();
        }
    }

    private static void exitAfterFirstFrame() {
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                // the first pulse renders the shown scene; by the second that frame is done
                if (++pulses == 2) {
                    stop();
                    // standard error: only the command line writes to standard output (ArchitectureTest)
                    System.err.println("first frame");
                    System.err.flush();
                    // a measuring hook, not a way to quit: the workspace may still be opening
                    System.exit(0);
                }
            }
        }.start();
    }

    /** The window's state, for tests that drive the app and check it against the engine. */
    MainViewModel model() {
        return model;
    }

    /** The main window, for tests that drop files on it (a headless robot cannot drag from a file manager). */
    MainController mainController() {
        return mainController;
    }

    private MainController mainController;

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}
