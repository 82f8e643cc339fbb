package dev.backfillstudio.ui;

import dev.backfillstudio.ingest.CaptureResult;
import dev.backfillstudio.source.Source;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The small window of a "Capture now": what the capture is doing (rows read so far), an indeterminate
 * bar (a query's row count is unknown until its last row), and Cancel. It closes when the capture ends;
 * the outcome goes to the status line, or the error dialog as one sentence.
 */
final class CaptureProgress {

    private CaptureProgress() {
    }

    static Stage show(Window owner, Source source, Task<CaptureResult> task) {
        Label what = new Label();
        what.setId("captureMessage");
        what.textProperty().bind(task.messageProperty());
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setMaxWidth(Double.MAX_VALUE);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelCapture");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> task.cancel());
        VBox root = new VBox(10, new Label("Capturing " + source.name() + " into " + source.table()), what, bar, cancel);
        root.setPadding(new Insets(16));
        root.setPrefWidth(420);
        Stage stage = DialogStage.create(owner, root, "Capture " + source.name(), 360, 150);
        DialogStage.cancelOnClose(stage, task.runningProperty(), task::cancel);
        task.runningProperty().addListener((o, was, now) -> {
            if (!now) {
                stage.hide();
            }
        });
        if (task.isRunning() || !task.isDone()) {
            stage.show();
        }
        return stage;
    }
}
