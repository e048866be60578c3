package io.releaseradar.simulation;

import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.simulation.ScenarioSpec.ReleaseSpec;
import io.releaseradar.simulation.SimulatedWorld.AffectedCustomer;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import io.releaseradar.simulation.SimulatedWorld.Contact;
import io.releaseradar.simulation.SimulatedWorld.Customer;
import io.releaseradar.simulation.SimulatedWorld.Incident;
import io.releaseradar.simulation.SimulatedWorld.Installation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds a {@link SimulatedWorld} from a {@link ScenarioSpec} and a seed. Deterministic: the same spec and seed give
 * the same world, on any machine. Plain Java, no framework; a scenario of six weeks, ten versions and ten thousand
 * customers takes well under a second.
 *
 * <p>The install base comes from a random stream of the seed alone, so that scenarios with the same seed and
 * releases share customers and installations (an incident changes nothing there). Contacts come from a stream of the
 * seed and the scenario's name: with one stream for every scenario of a seed, a chance cluster of everyday contacts
 * would turn up in all of them, and a benchmark over many scenarios would count one coincidence many times.
 */
public final class Simulator {

    private static final String[] CHANNELS = {"phone", "email", "chat", "web", "social", "other"};
    private static final double[] CHANNEL_SHARES = {0.30, 0.30, 0.20, 0.15, 0.03, 0.02};

    private Simulator() {
    }

    public static SimulatedWorld simulate(ScenarioSpec spec, long seed) {
        SplittableRandom installs = new SplittableRandom(seed).split();
        SplittableRandom events = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + spec.name().hashCode());
        SplittableRandom contacts = events.split();
        SplittableRandom details = events.split();

        List<ReleaseSpec> releases = spec.releases();
        long[] releasedAt = releases.stream().mapToLong(r -> r.releasedAfterStart().toSeconds()).toArray();
        Population population = Population.build(spec, releasedAt, installs);

        Map<String, Integer> releaseIndex = new HashMap<>();
        for (int r = 0; r < releases.size(); r++) {
            releaseIndex.put(releases.get(r).version(), r);
        }
        int incidents = spec.incidents().size();
        long[] onset = new long[incidents];
        int[] incidentRelease = new int[incidents];
        for (int k = 0; k < incidents; k++) {
            ScenarioSpec.IncidentSpec incident = spec.incidents().get(k);
            incidentRelease[k] = releaseIndex.get(incident.version());
            onset[k] = releasedAt[incidentRelease[k]] + incident.onsetAfterRelease().toSeconds();
        }

        ContactStream stream = new ContactStream(spec, onset, incidentRelease, contacts);
        List<ContactStream.Draft> drafts = new ArrayList<>();
        List<Customer> customers = new ArrayList<>(population.members.size());
        List<Installation> installations = new ArrayList<>();
        Instant start = spec.start();
        int n = 0;
        for (Population.Member m : population.members) {
            customers.add(new Customer(m.id, "Customer " + m.id.substring(1), m.id + "@example.com",
                    Population.locale(n++), start.plusSeconds(m.joinedAt)));
            for (Population.Stint stint : m.stints) {
                installations.add(new Installation(m.id, spec.product(), releases.get(stint.release()).version(),
                        start.plusSeconds(stint.from())));
                stream.generate(m, stint, drafts);
            }
        }
        drafts.sort(Comparator.comparingLong(ContactStream.Draft::at).thenComparing(ContactStream.Draft::customerId));

        List<Contact> out = new ArrayList<>(drafts.size());
        Map<String, Integer> perSource = new HashMap<>();
        List<Map<String, Instant>> affected = new ArrayList<>();
        for (int k = 0; k < incidents; k++) {
            affected.add(new LinkedHashMap<>());
        }
        ScenarioSpec.ContactHabits habits = spec.habits();
        for (ContactStream.Draft d : drafts) {
            String channel = channel(details.nextDouble());
            String source = switch (channel) {
                case "phone" -> "phone-system";
                case "chat" -> "chat-widget";
                default -> "zendesk";
            };
            int number = perSource.merge(source, 1, Integer::sum);
            String externalId = String.format(Locale.ROOT, "%s-%06d", prefix(source), number);
            String customerId = details.nextDouble() < habits.anonymous() ? null : d.customerId();
            String version = details.nextDouble() < habits.versionGiven() ? d.actualVersion() : null;
            String category = details.nextDouble() < habits.categoryMissing() ? null : d.category();
            Instant receivedAt = start.plusSeconds(d.at());
            out.add(new Contact(source, externalId, receivedAt, channel, customerId, spec.product(), version, category,
                    d.subject(), d.body(), d.actualVersion(), d.cause(), d.incident(), d.customerId()));
            if (d.cause() == Cause.INCIDENT) {
                String key = customerId != null ? customerId : "contact:" + source + ":" + externalId;
                affected.get(d.incident()).putIfAbsent(key, receivedAt);
            }
        }

        List<Incident> truth = new ArrayList<>(incidents);
        for (int k = 0; k < incidents; k++) {
            ScenarioSpec.IncidentSpec s = spec.incidents().get(k);
            List<AffectedCustomer> hit = affected.get(k).entrySet().stream()
                    .map(e -> new AffectedCustomer(e.getKey(), e.getValue())).toList();
            truth.add(new Incident(s.version(), s.category(), s.phrase(), start.plusSeconds(onset[k]), s.ratio(),
                    s.onset(), hit));
        }
        return new SimulatedWorld(spec, seed, releaseInfos(spec, releasedAt), customers, installations, out, truth);
    }

    /**
     * The catalogue as the service would hold it, oldest first. A release's previous version is the stable release
     * before it in upgrade order (for a beta: the newest stable release out when the beta came).
     */
    private static List<ReleaseInfo> releaseInfos(ScenarioSpec spec, long[] releasedAt) {
        List<ReleaseSpec> releases = spec.releases();
        List<ReleaseInfo> infos = new ArrayList<>(releases.size());
        for (int r = 0; r < releases.size(); r++) {
            String previous = null;
            for (int p = r - 1; p >= 0 && previous == null; p--) {
                if (!releases.get(p).beta() && releasedAt[p] <= releasedAt[r]) {
                    previous = releases.get(p).version();
                }
            }
            infos.add(new ReleaseInfo(releases.get(r).version(), spec.start().plusSeconds(releasedAt[r]), previous));
        }
        infos.sort(Comparator.comparing(ReleaseInfo::releasedAt));
        return infos;
    }

    private static String channel(double u) {
        for (int i = 0; i < CHANNELS.length; i++) {
            u -= CHANNEL_SHARES[i];
            if (u < 0) {
                return CHANNELS[i];
            }
        }
        return CHANNELS[CHANNELS.length - 1];
    }

    private static String prefix(String source) {
        return switch (source) {
            case "phone-system" -> "CALL";
            case "chat-widget" -> "CHAT";
            default -> "ZD";
        };
    }
}
