package io.releaseradar.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.releaseradar.platform.devdb.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A PostgreSQL of its own for a test that stops and starts the database under the running service: a real embedded
 * server (run as nobody when the build runs as root), so stopping it harms no other test.
 */
public class OutageDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    /** The server, for the test to stop and start. */
    public static EmbeddedPostgres postgres() {
        return postgres;
    }

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.start(Files.createTempDirectory("radar-outage-pg"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres.createDatabaseIfMissing("outage");
        return Map.of("quarkus.datasource.jdbc.url", postgres.jdbcUrl("outage"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                // Give up on a dead database quickly, so requests answer instead of hanging.
                "quarkus.datasource.jdbc.acquisition-timeout", "2S");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.stop();
        }
    }
}
