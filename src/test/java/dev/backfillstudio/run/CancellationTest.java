package dev.backfillstudio.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cancel stops the statements of the work whenever it comes: a statement the work registered but had not
 * started yet when the cancel came (the driver's cancel and DuckDB's interrupt both miss it) is stopped once
 * it starts, and none is started after it.
 */
class CancellationTest {

    /** Ten billion rows: minutes of work unless interrupted. */
    private static final String LONG_QUERY = "SELECT sum(a.range * b.range) FROM range(100000) a, range(100000) b";

    private Connection connection;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws Exception {
        worker.shutdownNow();
        connection.close();
    }

    @Test
    void aStatementRegisteredBeforeTheCancelButStartedAfterItIsStoppedOnceItRuns() throws Exception {
        Cancellation cancellation = new Cancellation();
        PreparedStatement st = connection.prepareStatement(LONG_QUERY);
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        Future<Object> work = worker.submit(() -> {
            cancellation.executing(st);
            registered.countDown();
            // the cancel lands between the registration and the start, the window a run's lanes leave open
            cancelled.await();
            try {
                return st.executeQuery();
            } finally {
                cancellation.executing(null);
            }
        });
        registered.await();
        cancellation.cancel();
        cancelled.countDown();
        try {
            work.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            st.cancel(); // let the worker end; the assertion below reports the failure
            throw new AssertionError("the statement ran on for 20 s after the cancel", e);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SQLException.class);
            assertThat(e.getCause().getMessage()).containsIgnoringCase("interrupt");
            return;
        }
        throw new AssertionError("the statement finished though cancelled");
    }

    @Test
    void noStatementStartsOnceTheWorkWasCancelledAndTheNextWorkMayStartAgain() throws Exception {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        PreparedStatement write = connection.prepareStatement("CREATE TABLE started AS SELECT 42 AS answer");
        assertThatThrownBy(() -> cancellation.executeUpdate(write)).isInstanceOf(SQLException.class)
                .hasMessageContaining("Cancelled");
        assertThat(tables()).isZero();

        cancellation.finish();
        cancellation.executeUpdate(write);
        assertThat(tables()).isOne();
    }

    @Test
    void onceTheWorkIsClosingACancelNoLongerInterruptsItsSessionAndAfterItTheNextWorkIsInterruptedAgain() throws Exception {
        Cancellation cancellation = new Cancellation();
        // finish() closes the work's sessions
        dev.backfillstudio.workspace.Db session = new dev.backfillstudio.workspace.Db(DriverManager.getConnection("jdbc:duckdb:"));
        cancellation.start(session);
        // a second of work, as the closing statements of a large run may take
        String closingWork = "SELECT sum(a.range * b.range) FROM range(2000) a, range(200000) b";
        cancellation.closing();
        CountDownLatch started = new CountDownLatch(1);
        Future<Long> recorded = worker.submit(() -> {
            started.countDown();
            return session.queryLong(closingWork);
        });
        started.await();
        Thread.sleep(50);
        for (int i = 0; i < 20; i++) {
            cancellation.cancel();
            Thread.sleep(10);
        }
        assertThat(recorded.get(60, TimeUnit.SECONDS)).isPositive();
        assertThat(cancellation.requested()).isTrue();
        // finish() readies the cancellation for the next work, whose statements a cancel interrupts again
        cancellation.finish();
        PreparedStatement st = connection.prepareStatement(LONG_QUERY);
        cancellation.executing(st);
        Future<Object> next = worker.submit(() -> st.executeQuery());
        Thread.sleep(200);
        cancellation.cancel();
        assertThatThrownBy(() -> next.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
        cancellation.executing(null);
    }

    private long tables() throws SQLException {
        try (var rs = connection.createStatement().executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'started'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
