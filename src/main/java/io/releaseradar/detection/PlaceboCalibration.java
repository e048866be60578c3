package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.UnattendedReplay;
import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Transactions;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Replays detection over a product's stored history for its false-alert estimate (issue 21, self-calibration): the
 * period runs from a day after its first stored contact hour (hours before the radar had data would count as quiet
 * exposure and flatter the estimate), at most {@code radar.detection.calibration-history} back, to the given end.
 * Nothing is stored or sent; each step reads only data with event time up to it, as a backtest does.
 */
@ApplicationScoped
public class PlaceboCalibration {

    /** Data a replay needs before its first step: the shortest windows are full from then on. */
    private static final Duration WARM_UP = Duration.ofDays(1);

    private final StoredDetectionSources sources;
    private final ReleaseCatalog catalog;
    private final DetectionConfig config;
    private final AgroalDataSource dataSource;

    PlaceboCalibration(StoredDetectionSources sources, ReleaseCatalog catalog, DetectionConfig config,
            AgroalDataSource dataSource) {
        this.sources = sources;
        this.catalog = catalog;
        this.config = config;
        this.dataSource = dataSource;
    }

    /** The live settings, as the evaluator takes them. */
    public DetectionSettings settings() {
        return config.settings();
    }

    /** {@code radar.detection.false-alert-budget}: false version alerts per 100 version-weeks allowed. */
    public double budget() {
        return config.falseAlertBudget();
    }

    /**
     * The period a calibration of {@code product} up to {@code end} replays: empty when the product has less than a
     * day of stored contacts before {@code end}. 404 for an unknown product.
     */
    public Optional<Period> period(String product, Instant end) {
        if (!catalog.products().contains(product)) {
            throw ProblemException.notFound("No product '" + product + "' is known.");
        }
        Instant to = end.truncatedTo(ChronoUnit.HOURS);
        Duration history = config.calibrationHistory();
        Duration longest = Duration.ofHours(BacktestService.MAX_STEPS - 1);
        Instant from = to.minus(history.compareTo(longest) > 0 ? longest : history);
        Optional<Instant> firstData = firstContactHour(product);
        if (firstData.isEmpty()) {
            return Optional.empty();
        }
        Instant warm = firstData.get().plus(WARM_UP);
        from = warm.isAfter(from) ? warm : from;
        return from.isBefore(to) ? Optional.of(new Period(from, to)) : Optional.empty();
    }

    /** A replay's hours [from, to], both whole hours. */
    public record Period(Instant from, Instant to) {
    }

    /**
     * Replays {@code product} hourly over {@code period} with {@code settings}; nothing stored, nothing sent. Outside
     * any transaction on purpose: a replay of months of a large product takes minutes, past the transaction timeout
     * (60 s), and it writes nothing; each read sees committed data, the source may read ahead on other connections.
     */
    public UnattendedReplay.Replay replay(String product, Period period, DetectionSettings settings) {
        // a source per step, as the backtest's, sharing the exposure changes read once up to the period's end
        return UnattendedReplay.run(product, period.from(), period.to(), sources.steps(period.to()), settings);
    }

    private Optional<Instant> firstContactHour(String product) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT min(hour) FROM hourly_rollup WHERE product = ?")) {
            s.setString(1, product);
            try (ResultSet r = s.executeQuery()) {
                Timestamp t = r.next() ? r.getTimestamp(1) : null;
                return Optional.ofNullable(t).map(Timestamp::toInstant);
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read a product's first contact hour", e);
        }
    }
}
