package dev.backfillstudio.run;

import dev.backfillstudio.job.Job;
import dev.backfillstudio.job.JobStore;
import dev.backfillstudio.workspace.BackfillException;
import dev.backfillstudio.workspace.Db;
import dev.backfillstudio.workspace.RowSample;
import dev.backfillstudio.workspace.TableCatalog;
import dev.backfillstudio.workspace.Workspace;
import java.sql.SQLException;
import java.time.LocalDate;

/** The first rows of one day of a job's stored output, for the day detail's grid. */
public final class PartitionPreview {

    private final Workspace ws;

    public PartitionPreview(Workspace ws) {
        this.ws = ws;
    }

    public RowSample rows(String jobName, LocalDate day, int limit) {
        Job job = new JobStore(ws).get(jobName);
        try {
            if (!TableCatalog.exists(ws.db(), job.target())) {
                throw BackfillException.badInput("Job " + jobName + " has no output yet: its target " + job.target()
                        + " is created by its first run.");
            }
            return ws.db().sample("SELECT * EXCLUDE (partition_date) FROM " + Db.ident(job.target())
                    + " WHERE partition_date = ? LIMIT " + (limit + 1), limit, day);
        } catch (SQLException e) {
            throw BackfillException.failed("Cannot read " + job.target() + " for " + day + ": "
                    + e.getMessage().strip().split("\n", 2)[0], e);
        }
    }
}
