package io.releaseradar.testsupport;

import io.releaseradar.platform.devdb.AutoDataSourceConfigSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An empty database of a test's own on the tests' PostgreSQL server, created before each test and dropped after it,
 * for migration tests that bring a database to an old version, write rows as that version did, then migrate on.
 * Register it with {@code @RegisterExtension}.
 */
public final class ScratchDatabase implements BeforeEachCallback, AfterEachCallback {

    private final AutoDataSourceConfigSource config = new AutoDataSourceConfigSource();
    private final String name = "rr_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private String url;

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        try (Connection c = open(server()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        url = server().replaceFirst("/postgres$", "/" + name);
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        try (Connection c = open(server()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    /** A connection to the scratch database; the caller closes it. */
    public Connection connect() throws SQLException {
        return open(url);
    }

    /** Applies the project's migrations up to {@code target} (a version such as "45", or "latest"). */
    public void migrateTo(String target) {
        Flyway.configure().dataSource(url, user(), password()).locations("classpath:db/migration").target(target)
                .load().migrate();
    }

    /** The test database's server, by its maintenance database. */
    private String server() {
        String testDatabase = config.getValue("radar.auto-datasource.url");
        return testDatabase.substring(0, testDatabase.lastIndexOf('/') + 1) + "postgres";
    }

    private Connection open(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user(), password());
    }

    private String user() {
        return config.getValue("radar.auto-datasource.username");
    }

    private String password() {
        return config.getValue("radar.auto-datasource.password");
    }
}
