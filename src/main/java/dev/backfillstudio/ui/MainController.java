package dev.backfillstudio.ui;

import dev.backfillstudio.export.ExportSource;
import dev.backfillstudio.source.JdbcUrl;
import dev.backfillstudio.source.Source;
import dev.backfillstudio.ui.export.ExportDialog;
import dev.backfillstudio.ui.snapshot.SnapshotLoadDialog;

import dev.backfillstudio.workspace.TableKind;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The main window: menu, sidebar of tables and jobs, and the status line. */
public final class MainController {

    private final MainViewModel model;

    @FXML
    private TreeView<Object> sidebar;
    @FXML
    private javafx.scene.control.ListView<JobSummary> jobList;
    @FXML
    private Label placeholder;
    @FXML
    private javafx.scene.Node jobView;
    @FXML
    private MenuItem loadSnapshotsItem;
    @FXML
    private MenuItem importTableItem;
    @FXML
    private MenuItem exportTableItem;
    @FXML
    private MenuItem newJobItem;
    @FXML
    private MenuItem editJobItem;
    @FXML
    private Menu recentMenu;
    @FXML
    private javafx.scene.control.MenuBar menuBar;
    @FXML
    private JobController jobViewController;
    @FXML
    private MenuItem renameJobItem;
    @FXML
    private MenuItem deleteJobItem;
    @FXML
    private MenuItem rerunItem;
    @FXML
    private MenuItem verifyItem;
    @FXML
    private MenuItem exportJobItem;
    @FXML
    private MenuItem cancelRunItem;
    @FXML
    private MenuItem previousMonthItem;
    @FXML
    private MenuItem nextMonthItem;
    @FXML
    private MenuItem todayItem;
    @FXML
    private MenuItem tickMissingItem;
    @FXML
    private MenuItem tickFailedItem;
    @FXML
    private MenuItem tickStaleItem;
    @FXML
    private MenuItem clearTicksItem;
    @FXML
    private javafx.scene.control.CheckMenuItem darkThemeItem;
    @FXML
    private Label statusLine;

    public MainController(MainViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        jobList.setItems(model.jobs());
        jobList.setCellFactory(list -> new JobCell(list));
        jobList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && (model.selectedJobProperty().get() == null
                    || !model.selectedJobProperty().get().name().equals(b.job().name()))) {
                model.selectedJobProperty().set(b.job());
            }
        });
        // The job view joins the window once a workspace is open: until then the first frame need not style and
        // lay out its calendar, chart and day detail, which was most of the work of drawing it.
        javafx.scene.layout.Pane content = (javafx.scene.layout.Pane) jobView.getParent();
        content.getChildren().remove(jobView);
        javafx.beans.value.ChangeListener<Object> attach = (o, a, b) -> {
            if (b != null && jobView.getParent() == null) {
                content.getChildren().add(jobView);
            }
        };
        model.workspaceProperty().addListener(attach);
        model.selectedJobProperty().addListener(attach);
        attach.changed(null, null, model.workspaceProperty().get());
        model.selectedJobProperty().addListener((o, a, b) -> {
            jobView.setVisible(b != null);
            placeholder.setVisible(b == null);
        });
        jobView.setVisible(false);
        javafx.beans.binding.BooleanBinding noWorkspace = model.workspaceProperty().isNull();
        loadSnapshotsItem.disableProperty().bind(noWorkspace);
        importTableItem.disableProperty().bind(noWorkspace);
        acceptDroppedCsvFiles();
        exportTableItem.disableProperty().bind(noWorkspace);
        newJobItem.disableProperty().bind(noWorkspace);
        javafx.beans.binding.BooleanBinding noJob = model.selectedJobProperty().isNull();
        javafx.beans.binding.BooleanBinding readOnly = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.workspaceProperty().get() == null || model.workspaceProperty().get().readOnly(), model.workspaceProperty());
        editJobItem.disableProperty().bind(noJob);
        renameJobItem.disableProperty().bind(noJob.or(readOnly).or(model.jobModel().runningProperty()));
        deleteJobItem.disableProperty().bind(noJob.or(readOnly).or(model.jobModel().runningProperty()));
        rerunItem.disableProperty().bind(noJob.or(jobViewController.nothingToRun()));
        verifyItem.disableProperty().bind(noJob.or(jobViewController.nothingToRun()));
        exportJobItem.disableProperty().bind(noJob);
        cancelRunItem.disableProperty().bind(model.jobModel().runningProperty().not());
        for (MenuItem item : java.util.List.of(previousMonthItem, nextMonthItem, todayItem, tickMissingItem, tickFailedItem,
                tickStaleItem, clearTicksItem)) {
            item.disableProperty().bind(noJob);
        }
        darkThemeItem.setSelected(model.themeProperty().get() == Theme.DARK);
        model.selectedJobProperty().addListener((o, a, job) -> selectInList(job));
        sidebar.setShowRoot(false);
        sidebar.setCellFactory(tree -> new TableCell(tree));
        sidebar.setRoot(new TreeItem<>("workspace"));
        javafx.scene.control.MenuItem exportItem = new javafx.scene.control.MenuItem("Export table…");
        exportItem.setOnAction(e -> onExportTable());
        javafx.scene.control.MenuItem captureItem = new javafx.scene.control.MenuItem("Capture now");
        captureItem.setId("captureNowItem");
        captureItem.setOnAction(e -> onCaptureNow());
        javafx.scene.control.MenuItem historyItem = new javafx.scene.control.MenuItem("Build or restate history…");
        historyItem.setId("build-history-item");
        historyItem.setOnAction(e -> buildHistory());
        // only a snapshot table has a history to build
        historyItem.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            TreeItem<Object> item = sidebar.getSelectionModel().getSelectedItem();
            return item != null && item.getValue() instanceof TableEntry t && t.info().kind() == TableKind.SNAPSHOT
                    && model.workspaceProperty().get() != null && !model.workspaceProperty().get().readOnly();
        }, sidebar.getSelectionModel().selectedItemProperty(), model.workspaceProperty()));
        sidebar.setContextMenu(new javafx.scene.control.ContextMenu(captureItem, exportItem, historyItem));
        sidebar.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            captureItem.setDisable(!(b != null && b.getValue() instanceof Source));
            exportItem.setDisable(!(b != null && b.getValue() instanceof TableEntry));
        });
        model.tables().addListener((ListChangeListener<TableEntry>) c -> rebuildSidebar());
        model.sources().addListener((ListChangeListener<Source>) c -> rebuildSidebar());
        model.recentFiles().addListener((ListChangeListener<Path>) c -> rebuildRecentMenu());
        rebuildRecentMenu();
        statusLine.textProperty().bind(model.messageProperty());
        model.initialiseOfferProperty().addListener((o, old, file) -> {
            if (file != null) {
                Platform.runLater(() -> offerToInitialise(file));
            }
        });
        model.errorProperty().addListener((o, old, text) -> {
            if (text != null) {
                Platform.runLater(() -> showError(text));
            }
        });
    }

    private void selectInList(dev.backfillstudio.job.Job job) {
        JobSummary shown = jobList.getSelectionModel().getSelectedItem();
        if (job == null) {
            jobList.getSelectionModel().clearSelection();
        } else if (shown == null || !shown.job().name().equals(job.name())) {
            model.jobs().stream().filter(j -> j.job().name().equals(job.name())).findFirst()
                    .ifPresent(j -> jobList.getSelectionModel().select(j));
        }
    }

    private void offerToInitialise(Path file) {
        model.initialiseOfferProperty().set(null);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                file + " is a DuckDB database but not a Backfill Studio workspace yet. Add the workspace metadata"
                        + " (a schema named bfs) to it? Its own tables are kept as they are.",
                javafx.scene.control.ButtonType.YES, javafx.scene.control.ButtonType.NO);
        ask.setHeaderText("Make this file a workspace?");
        ask.initOwner(window());
        ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.YES).ifPresent(b -> model.create(file));
    }

    private void showError(String text) {
        model.errorProperty().set(null);
        Alert alert = new Alert(Alert.AlertType.ERROR, text);
        alert.setHeaderText("Cannot do that");
        alert.initOwner(window());
        alert.show();
    }

    private void rebuildSidebar() {
        Map<TableKind, TreeItem<Object>> groups = new EnumMap<>(TableKind.class);
        TreeItem<Object> root = new TreeItem<>("workspace");
        if (!model.sources().isEmpty()) {
            TreeItem<Object> sources = new TreeItem<>("Sources");
            sources.setExpanded(true);
            model.sources().forEach(s -> sources.getChildren().add(new TreeItem<>(s)));
            root.getChildren().add(sources);
        }
        for (TableKind kind : TableKind.values()) {
            TreeItem<Object> group = new TreeItem<>(groupTitle(kind));
            group.setExpanded(true);
            groups.put(kind, group);
        }
        for (TableEntry t : model.tables()) {
            groups.get(t.info().kind()).getChildren().add(new TreeItem<>(t));
        }
        for (TreeItem<Object> group : groups.values()) {
            if (!group.getChildren().isEmpty()) {
                root.getChildren().add(group);
            }
        }
        sidebar.setRoot(root);
    }

    /** A group title, or a table with its detail line (row count, or a snapshot's days). */
    private static final class TableCell extends javafx.scene.control.TreeCell<Object> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(1, name, detail);

        TableCell(TreeView<Object> tree) {
            name.getStyleClass().add("table-name");
            detail.getStyleClass().add("table-detail");
            // a long table name breaks onto a second line rather than being cut when the tree scrolls
            name.setWrapText(true);
            name.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            name.maxWidthProperty().bind(tree.widthProperty().subtract(50));
            // and after an underscore, not inside a word; again when the sidebar is resized or the theme's font arrives
            name.maxWidthProperty().addListener(o -> showName());
            name.fontProperty().addListener(o -> showName());
        }

        private String rawName;

        private void setName(String text) {
            rawName = text;
            showName();
        }

        private void showName() {
            double room = name.getMaxWidth() - name.getInsets().getLeft() - name.getInsets().getRight();
            name.setText(WrappableName.of(rawName, name.getFont(), room));
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("table-group");
            setTooltip(null);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
            } else if (item instanceof TableEntry t) {
                setText(null);
                setName(t.info().name());
                detail.setText(t.detail());
                if (!t.note().isEmpty()) {
                    setTooltip(new javafx.scene.control.Tooltip(t.note()));
                }
                setGraphic(box);
            } else if (item instanceof Source s) {
                setText(null);
                setName(s.name());
                detail.setText("→ " + s.table() + " · " + JdbcUrl.shortForm(s.jdbcUrl()));
                setTooltip(new javafx.scene.control.Tooltip(s.query()));
                setGraphic(box);
            } else {
                setText(item.toString());
                setGraphic(null);
                getStyleClass().add("table-group");
            }
        }
    }

    /** A job in the sidebar: its name, and its day counts as words (not colour alone). */
    private static final class JobCell extends javafx.scene.control.ListCell<JobSummary> {
        /** How far a job reading another job's output is moved right, per link of its chain. */
        private static final double INDENT = 12;
        private final Label name = new Label();
        private final Label reads = new Label();
        private final Label summary = new Label();
        private final javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(2, name, reads, summary);

        JobCell(javafx.scene.control.ListView<JobSummary> list) {
            name.getStyleClass().add("job-name");
            reads.getStyleClass().add("job-reads");
            // a long upstream name wraps inside the sidebar instead of being cut
            reads.setWrapText(true);
            reads.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            reads.maxWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                    () -> list.getWidth() - 36 - box.getPadding().getLeft(), list.widthProperty(), box.paddingProperty()));
            summary.getStyleClass().add("job-summary");
            reads.managedProperty().bind(reads.visibleProperty());
        }

        @Override
        protected void updateItem(JobSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.setText(item.job().name());
            reads.setText(item.readsText());
            reads.setVisible(!item.upstream().isEmpty());
            box.setPadding(new javafx.geometry.Insets(0, 0, 0, INDENT * Math.min(item.depth(), 4)));
            setTooltip(item.upstream().isEmpty() && item.downstream().isEmpty() ? null : new javafx.scene.control.Tooltip(
                    (item.upstream().isEmpty() ? "" : "Reads the output of " + String.join(", ", item.upstream()) + ".")
                    + (item.downstream().isEmpty() ? "" : (item.upstream().isEmpty() ? "" : "\n") + "Read by "
                            + String.join(", ", item.downstream()) + ".")));
            summary.setText("v" + item.job().currentVersion() + " · " + item.summaryText());
            summary.getStyleClass().removeAll("has-failed", "has-stale");
            if (item.count(dev.backfillstudio.run.DayStatus.FAILED) > 0) {
                summary.getStyleClass().add("has-failed");
            } else if (item.count(dev.backfillstudio.run.DayStatus.STALE) > 0) {
                summary.getStyleClass().add("has-stale");
            }
            setGraphic(box);
        }
    }

    private static String groupTitle(TableKind kind) {
        return switch (kind) {
            case SNAPSHOT -> "Snapshot tables";
            case HISTORY -> "History tables";
            case EVENT -> "Event tables";
            case JOB_OUTPUT -> "Job outputs";
            case STATIC -> "Reference tables";
            case OTHER -> "Other tables";
        };
    }

    private void rebuildRecentMenu() {
        recentMenu.getItems().clear();
        for (Path p : model.recentFiles()) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> model.open(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    @FXML
    private void onNew() {
        FileChooser chooser = workspaceChooser("New workspace");
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            model.create(f.toPath());
        }
    }

    @FXML
    private void onOpen() {
        FileChooser chooser = workspaceChooser("Open workspace");
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            model.open(f.toPath());
        }
    }

    @FXML
    private void onLoadSnapshots() {
        SnapshotLoadDialog.show(window(), model.workspaceProperty().get(), model.executor(), model::refreshTables);
    }

    @FXML
    private void onImportTable() {
        importTable(null);
    }

    private void importTable(Path file) {
        if (model.workspaceProperty().get() != null) {
            dev.backfillstudio.ui.importer.ImportTableDialog.show(window(), model.workspaceProperty().get(), model.executor(), file,
                    model::refreshTables);
        }
    }

    /**
     * CSV files dropped on the window open the dialog that takes them, filled in: the snapshot dialog when
     * their names or a column carry days, the import dialog otherwise.
     */
    private void acceptDroppedCsvFiles() {
        javafx.scene.Node root = menuBar.getParent();
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !dev.backfillstudio.ingest.DroppedFiles.csvs(paths(e.getDragboard().getFiles())).isEmpty()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                openDropped(paths(e.getDragboard().getFiles()));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private static java.util.List<Path> paths(java.util.List<File> files) {
        return files.stream().map(File::toPath).toList();
    }

    /** Opens the dialog that takes these dropped files (reading a header runs in the background). */
    void openDropped(java.util.List<Path> dropped) {
        java.util.List<Path> csvs = dev.backfillstudio.ingest.DroppedFiles.csvs(dropped);
        if (csvs.isEmpty() || model.workspaceProperty().get() == null) {
            model.errorProperty().set(csvs.isEmpty() ? "Only .csv files can be dropped here: snapshots or a table to import."
                    : "Open a workspace first, then drop the files on it.");
            return;
        }
        javafx.concurrent.Task<dev.backfillstudio.ingest.DroppedFiles.Kind> kind = new javafx.concurrent.Task<>() {
            @Override
            protected dev.backfillstudio.ingest.DroppedFiles.Kind call() {
                return dev.backfillstudio.ingest.DroppedFiles.kind(csvs);
            }
        };
        kind.setOnSucceeded(e -> {
            if (kind.getValue() == dev.backfillstudio.ingest.DroppedFiles.Kind.SNAPSHOTS) {
                SnapshotLoadDialog.show(window(), model.workspaceProperty().get(), model.executor(), model::refreshTables)
                        .model().addFiles(csvs);
            } else {
                importTable(csvs.get(0));
            }
        });
        kind.setOnFailed(e -> model.errorProperty().set(kind.getException().getMessage()));
        model.executor().submit(kind);
    }

    /** Builds or restates the history of the snapshot table selected in the sidebar. */
    void buildHistory() {
        String table = selectedTable();
        if (table != null) {
            dev.backfillstudio.ui.history.BuildHistoryDialog.show(window(), model.workspaceProperty().get(), model.executor(), table,
                    model::refreshTables);
        }
    }

    @FXML
    private void onExportTable() {
        String table = selectedTable();
        if (table == null) {
            model.errorProperty().set("Pick a table in the sidebar first, then choose Export table.");
            return;
        }
        ExportDialog.show(window(), model.workspaceProperty().get(), ExportSource.table(table), model.openFolder());
    }

    /** The table selected in the sidebar, if any. */
    private String selectedTable() {
        TreeItem<Object> item = sidebar.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof TableEntry t ? t.info().name() : null;
    }

    /** Captures today's snapshot of the source selected in the sidebar, in a small window with progress and Cancel. */
    private void onCaptureNow() {
        TreeItem<Object> item = sidebar.getSelectionModel().getSelectedItem();
        if (item == null || !(item.getValue() instanceof Source source)) {
            model.errorProperty().set("Pick a source in the sidebar first, then choose Capture now.");
            return;
        }
        CaptureProgress.show(window(), source, model.captureNow(source, java.time.LocalDate.now()));
    }

    @FXML
    private void onNewJob() {
        model.openJobEditor(window(), java.util.Optional.empty());
    }

    @FXML
    private void onEditJob() {
        model.openJobEditor(window(), java.util.Optional.ofNullable(model.selectedJobProperty().get()));
    }

    @FXML
    private void onRenameJob() {
        dev.backfillstudio.job.Job job = model.selectedJobProperty().get();
        if (job == null) {
            return;
        }
        java.util.Set<String> taken = new java.util.HashSet<>();
        model.jobs().forEach(j -> taken.add(j.job().name()));
        JobDialogs.rename(window(), job, taken).showAndWait().ifPresent(to -> model.renameJob(job, to));
    }

    @FXML
    private void onDeleteJob() {
        dev.backfillstudio.job.Job job = model.selectedJobProperty().get();
        if (job == null) {
            return;
        }
        javafx.concurrent.Task<dev.backfillstudio.job.JobRemoval.Impact> impact = model.deletionImpact(job);
        impact.setOnSucceeded(e -> JobDialogs.confirmDelete(window(), impact.getValue())
                .ifPresent(drop -> model.deleteJob(job, drop)));
    }

    @FXML
    private void onRerun() {
        jobViewController.rerun();
    }

    @FXML
    private void onVerify() {
        jobViewController.verify();
    }

    @FXML
    private void onExportJob() {
        jobViewController.export();
    }

    @FXML
    private void onCancelRun() {
        jobViewController.cancel();
    }

    @FXML
    private void onPreviousMonth() {
        jobViewController.calendar().previousMonth();
    }

    @FXML
    private void onNextMonth() {
        jobViewController.calendar().nextMonth();
    }

    @FXML
    private void onToday() {
        jobViewController.calendar().goToToday();
    }

    @FXML
    private void onTickMissing() {
        jobViewController.calendar().tickAllInView(dev.backfillstudio.run.DayStatus.MISSING);
    }

    @FXML
    private void onTickFailed() {
        jobViewController.calendar().tickAllInView(dev.backfillstudio.run.DayStatus.FAILED);
    }

    @FXML
    private void onTickStale() {
        jobViewController.calendar().tickAllInView(dev.backfillstudio.run.DayStatus.STALE);
    }

    @FXML
    private void onClearTicks() {
        jobViewController.calendar().getSelection().clear();
    }

    @FXML
    private void onToggleTheme() {
        model.themeProperty().set(darkThemeItem.isSelected() ? Theme.DARK : Theme.LIGHT);
    }

    @FXML
    private void onShortcuts() {
        ShortcutsDialog.create(window(), menuBar).show();
    }

    @FXML
    private void onQuit() {
        Platform.exit();
    }

    private static FileChooser workspaceChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("DuckDB workspace", "*.duckdb"));
        return chooser;
    }

    private Window window() {
        return sidebar.getScene() == null ? null : sidebar.getScene().getWindow();
    }
}
