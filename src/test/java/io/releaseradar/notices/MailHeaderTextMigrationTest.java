package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.testsupport.ScratchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migration V30 on a database of its own: customer names and notice subjects stored before the API refused control
 * characters lose them (each becomes a space), so no draft, policy or name can still carry a CR/LF into a header.
 */
class MailHeaderTextMigrationTest {

    @RegisterExtension
    final ScratchDatabase database = new ScratchDatabase();

    @Test
    void controlCharactersStoredBeforeBecomeSpacesAndTheRestStaysAsWritten() throws SQLException {
        database.migrateTo("13");
        try (Connection c = database.connect()) {
            insert(c, "INSERT INTO customer (id, name, email) VALUES (?, ?, 'x@example.com')", "bad",
                    "Eve\r\nBcc: all@example.com\t\u007F\u0085");
            insert(c, "INSERT INTO customer (id, name, email) VALUES (?, ?, 'y@example.com')", "good", "Zoë (Ops)");
            insert(c, "INSERT INTO notice (id, product, version, audience, subject, body, status, audience_size, "
                    + "audience_as_of, critical, auto, created_at) VALUES (?::uuid, 'notes', '1.0', 'ALL', ?, 'b', "
                    + "'DRAFT', 0, now(), false, false, now())", UUID.randomUUID().toString(), "Hi\nBcc: x");
            insert(c, "INSERT INTO notice_policy (product, auto_send, min_severity, audience, subject, body, "
                    + "updated_by, updated_at) VALUES (?, true, 'HIGH', 'ALL', ?, 'b', 'rm', now())", "notes",
                    "{product}\r\n{version}");
        }
        database.migrateTo("latest");
        assertThat(column("SELECT name FROM customer ORDER BY id"))
                .containsExactly("Eve  Bcc: all@example.com   ", "Zoë (Ops)");
        assertThat(column("SELECT subject FROM notice")).containsExactly("Hi Bcc: x");
        assertThat(column("SELECT subject FROM notice_policy")).containsExactly("{product}  {version}");
    }

    private static void insert(Connection c, String sql, String first, String second) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, first);
            s.setString(2, second);
            s.executeUpdate();
        }
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
