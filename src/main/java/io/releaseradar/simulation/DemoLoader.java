package io.releaseradar.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.releaseradar.alerts.EvaluationAlerts;
import io.releaseradar.detection.DetectionService;
import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.ingest.ContactIn;
import io.releaseradar.ingest.ContactIngestService;
import io.releaseradar.ingest.Ingress;
import io.releaseradar.installbase.InstallBaseService;
import io.releaseradar.notices.NoticePolicies;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Demo profile only ({@code radar.demo.enabled}): at startup, loads three weeks of a simulated product ending now,
 * with one bad release (see {@link DemoScenario#of}), through the same services the API uses, then replays detection
 * hourly over the last days so that its alert opens at the hour the evidence was there, not at startup. Skips
 * everything when the product already has releases, so a restart keeps what the newcomer did.
 */
@ApplicationScoped
public class DemoLoader {

    private static final Logger LOG = Logger.getLogger(DemoLoader.class);
    private static final int BATCH = 10_000;

    private final DemoConfig config;
    private final ReleaseCatalog catalog;
    private final InstallBaseService installBase;
    private final ContactIngestService contacts;
    private final DetectionService detection;
    private final EvaluationAlerts evaluations;
    private final NoticePolicies policies;
    private final InstantSource clock;

    DemoLoader(DemoConfig config, ReleaseCatalog catalog, InstallBaseService installBase,
            ContactIngestService contacts, DetectionService detection, EvaluationAlerts evaluations,
            NoticePolicies policies, InstantSource clock) {
        this.config = config;
        this.catalog = catalog;
        this.installBase = installBase;
        this.contacts = contacts;
        this.detection = detection;
        this.evaluations = evaluations;
        this.policies = policies;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            load(config.product(), clock.instant());
        }
    }

    /**
     * Loads the demo as product {@code product}, ending at {@code now}; false when the product already had releases.
     * Customer ids and contact keys start with the product key, so that they meet nothing else in the database.
     */
    public boolean load(String product, Instant now) {
        if (hasReleases(product)) {
            LOG.infof("Demo: product %s already has releases; nothing loaded", product);
            return false;
        }
        long started = System.nanoTime();
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        SimulatedWorld world = Simulator.simulate(DemoScenario.of(product, end), config.seed());
        for (ReleaseInfo r : world.releases()) {
            catalog.save(product, r.version(), r.releasedAt(), r.previousVersion());
        }
        if (!"off".equalsIgnoreCase(config.autoNotice())) {
            policies.save(product, DemoNoticePolicy.of(Severity.valueOf(config.autoNotice())), "demo");
        }
        Instant replayFrom = end.minus(Duration.ofHours(config.replayHours()));
        // One transaction around loading and replay: it takes the product's evaluation lock first and keeps it, so
        // the live scheduler skips the product meanwhile and cannot evaluate "now" in between and open the alert at
        // startup time. Loading runs in transactions of its own (the ingest services start new ones) and commits as
        // it goes; the replay's evaluations join this one.
        int opened = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            detection.holdProduct(product);
            inBatches(world.customers(), c -> customer(product, c), installBase::upsertCustomers);
            inBatches(world.installations(), i -> installation(product, i), installBase::addInstallations);
            inBatches(world.contacts(), c -> contact(product, c), batch -> contacts.ingest(batch, Ingress.REST));
            LOG.infof("Demo: data loaded after %.1f s", (System.nanoTime() - started) / 1e9);
            int n = 0;
            for (Instant t = replayFrom.plus(Duration.ofHours(1)); !t.isAfter(now); t = t.plus(Duration.ofHours(1))) {
                n += evaluations.evaluate(t).opened().size();
            }
            return n;
        });
        LOG.infof("Demo: loaded %s (%d releases, %d customers, %d installations, %d contacts; %s), replayed "
                + "detection over the last %d hours: %d alert(s) opened, in %.1f s", product, world.releases().size(),
                world.customers().size(), world.installations().size(), world.contacts().size(),
                world.spec().description(), config.replayHours(), opened, (System.nanoTime() - started) / 1e9);
        return true;
    }

    private boolean hasReleases(String product) {
        try {
            return !catalog.list(product).isEmpty();
        } catch (ProblemException unknownProduct) {
            return false;
        }
    }

    private static <T, R> void inBatches(List<T> items, Function<T, R> map, Consumer<List<R>> load) {
        for (int from = 0; from < items.size(); from += BATCH) {
            List<R> batch = new ArrayList<>(Math.min(BATCH, items.size() - from));
            for (T item : items.subList(from, Math.min(items.size(), from + BATCH))) {
                batch.add(map.apply(item));
            }
            load.accept(batch);
        }
    }

    private static JsonNode customer(String product, SimulatedWorld.Customer c) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", product + "-" + c.id());
        n.put("name", c.name());
        n.put("email", product + "-" + c.email());
        n.put("locale", c.locale());
        n.put("optedOut", false);
        return n;
    }

    private static JsonNode installation(String product, SimulatedWorld.Installation i) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("customerId", product + "-" + i.customerId());
        n.put("product", product);
        n.put("version", i.version());
        n.put("installedAt", i.installedAt().toString());
        return n;
    }

    private static ContactIn contact(String product, SimulatedWorld.Contact c) {
        return new ContactIn(c.source(), product + "-" + c.externalId(), c.receivedAt(), c.channel(),
                c.customerId() == null ? null : product + "-" + c.customerId(), product, c.version(), c.category(),
                c.subject(), c.body());
    }
}
