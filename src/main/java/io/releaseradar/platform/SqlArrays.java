package io.releaseradar.platform;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Binds Java lists as PostgreSQL arrays, for the {@code INSERT ... SELECT FROM unnest(...)} statements that write a
 * whole batch in one round trip (several times faster than JDBC batches of single-row inserts).
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** A {@code text[]}; cast it in SQL ({@code ?::timestamptz[]}) for other types. Nulls stay SQL NULL. */
    public static Array text(Connection connection, List<?> values) throws SQLException {
        String[] array = new String[values.size()];
        for (int i = 0; i < array.length; i++) {
            Object value = values.get(i);
            array[i] = value == null ? null : value.toString();
        }
        return connection.createArrayOf("text", array);
    }

    /** A {@code bool[]}. */
    public static Array bool(Connection connection, List<Boolean> values) throws SQLException {
        return connection.createArrayOf("bool", values.toArray(new Boolean[0]));
    }
}
