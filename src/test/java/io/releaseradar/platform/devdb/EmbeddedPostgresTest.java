package io.releaseradar.platform.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real PostgreSQL from the binaries jar (as nobody when the build runs as root, as in CI) and checks
 * that data survives a stop and a restart on the same port, which is what the service's outage test relies on.
 */
class EmbeddedPostgresTest {

    private static final String DATABASE = "devdb_test";

    // The temp dir itself is the base directory: as root it is handed to nobody, which a subdirectory of a
    // root-only 0700 temp dir could not be.
    @TempDir
    Path baseDir;

    private EmbeddedPostgres postgres;

    @AfterEach
    void stopServer() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void keepsDataAcrossStopAndStart() throws SQLException {
        postgres = EmbeddedPostgres.start(baseDir, 0);
        postgres.createDatabaseIfMissing(DATABASE);
        postgres.createDatabaseIfMissing(DATABASE);

        try (Connection c = connect(); Statement st = c.createStatement()) {
            assertTrue(queryString(st, "select version()").contains("PostgreSQL 16"));
            st.execute("create table release_note (id int primary key, title text not null)");
            st.execute("insert into release_note values (1, 'survives a restart')");
        }

        int port = postgres.port();
        postgres.stop();
        assertFalse(postgres.isRunning());
        assertThrows(SQLException.class, () -> connect().close());

        postgres.startAgain();
        assertTrue(postgres.isRunning());
        assertEquals(port, postgres.port());
        try (Connection c = connect(); Statement st = c.createStatement()) {
            assertEquals("survives a restart", queryString(st, "select title from release_note where id = 1"));
        }
    }

    @Test
    void startReusesAServerAlreadyRunningOnTheSameDirectory() {
        postgres = EmbeddedPostgres.start(baseDir, 0);

        EmbeddedPostgres again = EmbeddedPostgres.start(baseDir, 0);

        assertFalse(again.startedHere());
        assertEquals(postgres.port(), again.port());
    }

    private Connection connect() throws SQLException {
        return EmbeddedPostgres.connect(postgres.port(), DATABASE);
    }

    private static String queryString(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
