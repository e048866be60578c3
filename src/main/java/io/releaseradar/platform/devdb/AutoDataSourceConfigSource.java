package io.releaseradar.platform.devdb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Answers {@code radar.auto-datasource.url}, {@code .username} and {@code .password}, which the dev and test
 * profiles use as their datasource when no {@code QUARKUS_DATASOURCE_JDBC_URL} is configured: a PostgreSQL
 * on 127.0.0.1:5432 accepting user {@code postgres} without password if there is one, otherwise an
 * {@link EmbeddedPostgres} under {@code <java.io.tmpdir>/release-radar-pg}, stopped by a shutdown hook.
 *
 * <p>Lazy: nothing is probed or started until the URL is asked for, so the production profile, which never
 * refers to it, pays nothing. The choice is made once per class loader; Quarkus asks from its build-time and
 * its runtime class loader, and the second finds the first one's server running and reuses it.
 *
 * <p>Environment (or system properties): {@code RADAR_AUTO_DATABASE} names the database (default
 * {@code release_radar}); {@code RADAR_AUTO_DATASOURCE=embedded} skips the local server.
 */
public final class AutoDataSourceConfigSource implements ConfigSource {

    static final String URL = "radar.auto-datasource.url";
    static final String USERNAME = "radar.auto-datasource.username";
    static final String PASSWORD = "radar.auto-datasource.password";
    private static final Set<String> NAMES = Set.of(URL, USERNAME, PASSWORD);
    private static final int LOCAL_PORT = 5432;

    private static final Logger LOG = Logger.getLogger(AutoDataSourceConfigSource.class);
    private static final Object LOCK = new Object();
    private static volatile String chosenUrl;
    private static volatile EmbeddedPostgres embedded;

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public String getValue(String propertyName) {
        // Both choices use user postgres without password, so only the URL needs the decision: with
        // QUARKUS_DATASOURCE_JDBC_URL set, reading the username must not start a server nobody will use.
        return switch (propertyName) {
            case URL -> choose();
            case USERNAME -> "postgres";
            case PASSWORD -> "";
            default -> null;
        };
    }

    @Override
    public String getName() {
        return "radar-auto-datasource";
    }

    /** Below application.properties (250), environment (300) and system properties (400). */
    @Override
    public int getOrdinal() {
        return 50;
    }

    /**
     * The embedded server if this class loader chose one; tests use it to stop and restart the database
     * under a running service.
     */
    public static Optional<EmbeddedPostgres> embeddedInstance() {
        return Optional.ofNullable(embedded);
    }

    private static String choose() {
        String url = chosenUrl;
        if (url == null) {
            synchronized (LOCK) {
                url = chosenUrl;
                if (url == null) {
                    url = decide(setting("RADAR_AUTO_DATABASE", "release_radar"));
                    chosenUrl = url;
                }
            }
        }
        return url;
    }

    private static String decide(String database) {
        boolean forceEmbedded = "embedded".equalsIgnoreCase(setting("RADAR_AUTO_DATASOURCE", ""));
        if (!forceEmbedded && localServerAnswers()) {
            EmbeddedPostgres.createDatabaseIfMissing(LOCAL_PORT, database);
            String url = EmbeddedPostgres.jdbcUrl(LOCAL_PORT, database);
            LOG.infof("Datasource: local PostgreSQL at %s (set QUARKUS_DATASOURCE_JDBC_URL to use another)", url);
            return url;
        }
        Path baseDir = baseDir();
        EmbeddedPostgres postgres = EmbeddedPostgres.start(baseDir, 0);
        postgres.createDatabaseIfMissing(database);
        if (postgres.startedHere()) {
            // Only the JVM that started the server stops it: a reused one may belong to a dev-mode
            // session still running, or to this JVM's build-time class loader, whose hook covers it.
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "embedded-postgres-stop"));
        }
        embedded = postgres;
        String url = postgres.jdbcUrl(database);
        LOG.infof("Datasource: embedded PostgreSQL 16 at %s (%s; %s)", url, baseDir,
                forceEmbedded ? "RADAR_AUTO_DATASOURCE=embedded" : "nothing usable on 127.0.0.1:" + LOCAL_PORT);
        return url;
    }

    private static boolean localServerAnswers() {
        // A TCP probe first: the JDBC driver's own connect timeout is far longer than "nothing listens".
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", LOCAL_PORT), 300);
        } catch (IOException e) {
            return false;
        }
        try (Connection c = EmbeddedPostgres.connect(LOCAL_PORT, "postgres")) {
            return c.isValid(3);
        } catch (SQLException e) {
            LOG.infof("A server listens on 127.0.0.1:%d but refuses user postgres without password (%s); "
                    + "using embedded PostgreSQL instead", LOCAL_PORT, e.getMessage());
            return false;
        }
    }

    private static Path baseDir() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // As root the server runs as nobody (see PostgresCommands), who must be able to enter the directory.
        if (PostgresCommands.isRoot() && !othersMayEnter(tmp)) {
            tmp = Path.of("/tmp");
        }
        return tmp.resolve("release-radar-pg");
    }

    private static boolean othersMayEnter(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
                if (!Files.getPosixFilePermissions(d).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
