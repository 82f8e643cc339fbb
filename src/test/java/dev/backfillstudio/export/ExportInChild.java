package dev.backfillstudio.export;

import dev.backfillstudio.workspace.Workspace;
import java.nio.file.Path;

/**
 * Child-process main: exports table {@code args[1]} of workspace {@code args[0]} to {@code args[2]}
 * in format {@code args[3]}. Prints "copying" when DuckDB starts writing and "done ROWS MAXHEAP"
 * at the end; with {@code pause-when-written} as {@code args[4]} it prints "written" and waits to be
 * killed between the complete temporary and its rename.
 */
public final class ExportInChild {
    public static void main(String[] args) throws Exception {
        boolean pause = args.length > 4 && args[4].equals("pause-when-written");
        try (Workspace ws = Workspace.open(Path.of(args[0]), Workspace.OpenMode.EXISTING)) {
            ExportListener listener = new ExportListener() {
                @Override
                public void started(Path target, Path temporary) {
                    System.out.println("copying");
                    System.out.flush();
                }

                @Override
                public void written(long rows) {
                    if (pause) {
                        System.out.println("written");
                        System.out.flush();
                        try {
                            Thread.sleep(120_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
            ExportResult r = new Exporter(ws).export(new ExportRequest(ExportSource.table(args[1]), ExportFormat.parse(args[3]),
                    Path.of(args[2]), false, false), listener);
            System.out.println("done " + r.rows() + " " + Runtime.getRuntime().maxMemory());
        }
    }
}
