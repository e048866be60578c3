package io.releaseradar.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs work in its own transaction and runs it again when PostgreSQL aborted it for a deadlock or a serialization
 * failure, which concurrent batches touching the same rows can cause. Other failures propagate at once.
 */
public final class Transactions {

    private static final int ATTEMPTS = 5;

    private Transactions() {
    }

    public static <T> T inNewTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
            }
        }
    }

    /** True for SQLSTATE 40001 (serialization failure) and 40P01 (deadlock) anywhere in the cause chain. */
    static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState())
                    || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Wraps a checked SQL failure for callers that cannot handle it. */
    public static RuntimeException unchecked(String what, SQLException e) {
        return new IllegalStateException(what, e);
    }
}
