package dev.backfillstudio.source;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import org.duckdb.DuckDBAppender;

/**
 * How one column of a JDBC result travels into DuckDB: the DuckDB type its staging column gets, and
 * the typed read and append for a value (no strings in between for numbers, dates and times).
 * A type without an exact match arrives as its text (VARCHAR), which the snapshot table's column
 * check then judges like any other type.
 */
enum ColumnTransfer {
    BOOLEAN("BOOLEAN") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            boolean v = rs.getBoolean(i);
            if (rs.wasNull()) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    SMALLINT("SMALLINT") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            short v = rs.getShort(i);
            if (rs.wasNull()) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    INTEGER("INTEGER") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            int v = rs.getInt(i);
            if (rs.wasNull()) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    BIGINT("BIGINT") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            long v = rs.getLong(i);
            if (rs.wasNull()) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    FLOAT("FLOAT") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            float v = rs.getFloat(i);
            if (rs.wasNull()) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    DOUBLE("DOUBLE") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            double v = rs.getDouble(i);
            if (rs.wasNull()) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    DECIMAL("DECIMAL") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            java.math.BigDecimal v = rs.getBigDecimal(i);
            if (v == null) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    DATE("DATE") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            LocalDate v = rs.getObject(i, LocalDate.class);
            if (v == null) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    TIME("TIME") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            LocalTime v = rs.getObject(i, LocalTime.class);
            if (v == null) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    TIMESTAMP("TIMESTAMP") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            LocalDateTime v = rs.getObject(i, LocalDateTime.class);
            if (v == null) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    TIMESTAMPTZ("TIMESTAMPTZ") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
            if (v == null) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    UUID_("UUID") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            UUID v = rs.getObject(i, UUID.class);
            if (v == null) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    },
    TEXT("VARCHAR") {
        @Override
        void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException {
            String v = rs.getString(i);
            if (v == null) {
                a.appendNull();
            } else {
                a.append(v);
            }
        }
    };

    private final String duckType;

    ColumnTransfer(String duckType) {
        this.duckType = duckType;
    }

    /** Reads column {@code i} of the current row and appends it as the next value of the appender's row. */
    abstract void move(ResultSet rs, int i, DuckDBAppender a) throws SQLException;

    /** The DuckDB type of column {@code i}'s staging column. */
    String duckType(ResultSetMetaData md, int i) throws SQLException {
        return this == DECIMAL ? "DECIMAL(" + md.getPrecision(i) + "," + md.getScale(i) + ")" : duckType;
    }

    private static boolean fitsDecimal(ResultSetMetaData md, int i) throws SQLException {
        int p = md.getPrecision(i);
        int s = md.getScale(i);
        return p > 0 && p <= 38 && s >= 0 && s <= p;
    }

    /** The transfer for column {@code i} of a result. */
    static ColumnTransfer of(ResultSetMetaData md, int i) throws SQLException {
        String name = md.getColumnTypeName(i) == null ? "" : md.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        switch (name) {
            case "timestamptz":
                return TIMESTAMPTZ;
            case "uuid":
                return UUID_;
            case "timetz":
                return TEXT;
            default:
                break;
        }
        return switch (md.getColumnType(i)) {
            case Types.BIT, Types.BOOLEAN -> BOOLEAN;
            case Types.TINYINT, Types.SMALLINT -> SMALLINT;
            case Types.INTEGER -> INTEGER;
            case Types.BIGINT -> BIGINT;
            case Types.REAL -> FLOAT;
            case Types.FLOAT, Types.DOUBLE -> DOUBLE;
            // PostgreSQL's unconstrained numeric has no usable precision: DOUBLE, as DuckDB's own postgres scanner reads it
            case Types.NUMERIC, Types.DECIMAL -> fitsDecimal(md, i) ? DECIMAL : DOUBLE;
            case Types.DATE -> DATE;
            case Types.TIME -> TIME;
            case Types.TIMESTAMP -> TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
            default -> TEXT;
        };
    }
}
