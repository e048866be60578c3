package io.releaseradar.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.testsupport.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migrations V13 and V50 on a database of their own: an installation that already counted customers per cell (V12),
 * or per hour (V45), gets a cut-over past every hour it rolled up and a day past the migration, so those hours keep
 * their way of counting; a new installation gets none.
 */
class RollupCustomerCutoverMigrationTest {

    @RegisterExtension
    final ScratchDatabase database = new ScratchDatabase();

    private Instant cutover() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT before_hour FROM rollup_customer_cutover")) {
            return r.next() ? r.getTimestamp(1).toInstant() : null;
        }
    }

    private Instant weeklyFrom() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT from_hour FROM rollup_weekly_cutover")) {
            return r.next() ? r.getTimestamp(1).toInstant() : null;
        }
    }

    /** A database at V45 (customers counted once per hour) with a rolled-up {@code hour}. */
    private void installationAtV45WithARolledUpHour(String hour) throws SQLException {
        database.migrateTo("45");
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO hourly_rollup (product, version, symptom, hour, contacts, customers) VALUES "
                    + "('notes', '1.0', '', '" + hour + "', 2, 1)");
        }
    }

    @Test
    void anInstallationThatCountedPerHourCountsWeeklyFromADayAfterTheMigration() throws SQLException {
        installationAtV45WithARolledUpHour("2020-01-01T10:00:00Z");
        Instant before = Instant.now();
        database.migrateTo("latest");
        assertThat(weeklyFrom()).isIn(before.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS),
                Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS));
        assertThat(cutover()).isNull(); // it had no per-cell table rows
    }

    @Test
    void aRolledUpHourInTheFutureMovesTheWeeklyCutoverPastIt() throws SQLException {
        installationAtV45WithARolledUpHour("2090-05-01T10:00:00Z");
        database.migrateTo("latest");
        assertThat(weeklyFrom()).isEqualTo(Instant.parse("2090-05-01T11:00:00Z"));
    }

    /** A database at V12 that counted a customer in a cell of {@code hour}. */
    private void installationAtV12WithARolledUpHour(String hour) throws SQLException {
        database.migrateTo("12");
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO hourly_rollup (product, version, symptom, hour, contacts, customers) VALUES "
                    + "('notes', '1.0', '', '" + hour + "', 1, 1)");
            s.execute("INSERT INTO hourly_rollup_customer (cell, customer) VALUES (1, 2)");
        }
    }

    @Test
    void anUpgradedInstallationKeepsItsRolledUpHoursWithTheOldTable() throws SQLException {
        installationAtV12WithARolledUpHour("2020-01-01T10:00:00Z");
        Instant before = Instant.now();
        database.migrateTo("latest");
        // no rolled-up hour in the future here: a day past the migration's hour
        assertThat(cutover()).isIn(before.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS),
                Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS));
    }

    @Test
    void aRolledUpHourInTheFutureMovesTheCutoverPastIt() throws SQLException {
        installationAtV12WithARolledUpHour("2090-05-01T10:00:00Z");
        database.migrateTo("latest");
        assertThat(cutover()).isEqualTo(Instant.parse("2090-05-01T11:00:00Z"));
    }

    @Test
    void aNewInstallationHasNoCutover() throws SQLException {
        database.migrateTo("latest");
        assertThat(cutover()).isNull();
        assertThat(weeklyFrom()).isNull();
    }
}
