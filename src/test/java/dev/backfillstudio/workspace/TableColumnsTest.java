package dev.backfillstudio.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A table's columns read for that table alone, as duckdb_columns() lists them. */
class TableColumnsTest {

    private Connection connection;
    private Db db;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        db = new Db(connection);
        db.execute("CREATE TABLE \"Odd Name\" (z DECIMAL(12,2), \"A b\" STRUCT(x INTEGER, y VARCHAR[]), m MAP(VARCHAR, INTEGER),"
                + " ts TIMESTAMP WITH TIME ZONE, e ENUM('p', 'q'), d DATE)");
        db.execute("CREATE SCHEMA other");
        db.execute("CREATE TABLE other.\"Odd Name\" (only_here INTEGER)");
        db.execute("CREATE TEMP TABLE scratch (h UBIGINT)");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aTablesColumnsComeInOrderWithTheTypesDuckDbListsForThem() throws SQLException {
        assertThat(TableColumns.of(db, "Odd Name")).isEqualTo(db.query("SELECT column_name, data_type FROM duckdb_columns()"
                + " WHERE schema_name = 'main' AND table_name = 'Odd Name' ORDER BY column_index",
                rs -> new TableColumn(rs.getString(1), rs.getString(2))));
        assertThat(TableColumns.of(db, "Odd Name")).extracting(TableColumn::name).containsExactly("z", "A b", "m", "ts", "e", "d");
        assertThat(TableColumns.of(db, "Odd Name").get(1).type()).isEqualTo("STRUCT(x INTEGER, y VARCHAR[])");
    }

    @Test
    void aNameMatchesIgnoringCaseAndWithinItsSchemaOnly() throws SQLException {
        assertThat(TableColumns.of(db, "odd name")).hasSize(6);
        assertThat(TableColumns.of(db, "other", "ODD NAME")).containsExactly(new TableColumn("only_here", "INTEGER"));
        assertThat(TableColumns.of(db, "scratch")).isEmpty();
        assertThat(TableColumns.ofTemporary(db, "scratch")).containsExactly(new TableColumn("h", "UBIGINT"));
        assertThat(TableColumns.ofTemporary(db, "Odd Name")).isEmpty();
    }

    @Test
    void aMissingTableHasNoColumnsAndLeavesTheTransactionUsable() throws SQLException {
        db.inTransaction(d -> {
            d.execute("CREATE TABLE made_here (a INTEGER)");
            assertThat(TableColumns.of(d, "made_here")).containsExactly(new TableColumn("a", "INTEGER"));
            assertThat(TableColumns.of(d, "missing")).isEmpty();
            // asked directly, a missing table raises an error that would end the transaction: looked up first here
            assertThat(TableColumns.ofRegistered(d, "made_here")).containsExactly(new TableColumn("a", "INTEGER"));
            assertThat(TableColumns.ofRegistered(d, "missing")).isEmpty();
            return d.update("INSERT INTO made_here VALUES (1)");
        });
        assertThat(db.queryLong("SELECT count(*) FROM made_here")).isEqualTo(1);
    }

    @Test
    void aRegisteredTableIsAskedForDirectlyAndAMissingOneHasNoColumns() throws SQLException {
        assertThat(TableColumns.ofRegistered(db, "odd name")).isEqualTo(TableColumns.of(db, "Odd Name")).hasSize(6);
        assertThat(TableColumns.ofRegistered(db, "missing")).isEmpty();
    }
}
