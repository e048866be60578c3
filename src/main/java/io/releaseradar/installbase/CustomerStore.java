package io.releaseradar.installbase;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes the customer table. */
@ApplicationScoped
class CustomerStore {

    private final AgroalDataSource dataSource;

    CustomerStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Upserts customers with distinct ids, in id order so that concurrent batches lock rows in one order. */
    void upsert(List<CustomerIn> customers) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO customer (id, name, email, locale, opted_out)
                        SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bool[]) ORDER BY 1
                        ON CONFLICT (id) DO UPDATE
                           SET name = excluded.name, email = excluded.email, locale = excluded.locale,
                               opted_out = excluded.opted_out, updated_at = now()
                         WHERE (customer.name, customer.email, customer.locale, customer.opted_out)
                               IS DISTINCT FROM (excluded.name, excluded.email, excluded.locale, excluded.opted_out)
                        """)) {
            s.setArray(1, SqlArrays.text(c, customers.stream().map(CustomerIn::id).toList()));
            s.setArray(2, SqlArrays.text(c, customers.stream().map(CustomerIn::name).toList()));
            s.setArray(3, SqlArrays.text(c, customers.stream().map(CustomerIn::email).toList()));
            s.setArray(4, SqlArrays.text(c, customers.stream().map(CustomerIn::locale).toList()));
            s.setArray(5, SqlArrays.bool(c, customers.stream().map(CustomerIn::optedOut).toList()));
            s.executeUpdate();
        }
    }
}
