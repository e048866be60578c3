package io.releaseradar.testsupport;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of the test database, to assert what was (not) stored. */
public final class Db {

    private Db() {
    }

    public static long count(AgroalDataSource ds, String sql, Object... args) {
        List<List<Object>> rows = rows(ds, sql, args);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    /** Runs an insert, update or delete; returns the rows it changed. */
    public static int update(AgroalDataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<List<Object>> rows(AgroalDataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(r.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
