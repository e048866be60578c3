package io.releaseradar.bench;

import io.releaseradar.bench.IngestBenchmark.Contact;
import io.releaseradar.bench.IngestBenchmark.Generator;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The detection benchmark's data, the same on every run: one product with 10 versions released over 8 weeks (the
 * first two weeks before the contacts start), 50,000 customers who each install the first version and then take
 * about half of the later ones a few days after their release (an installation history with upgrades), and support
 * contacts over the 8 weeks with a daily and weekly rhythm. Texts come from {@link IngestBenchmark.Generator}'s small
 * vocabulary, so that key phrases repeat; one version (the 8th) draws many "notes lost after sync" contacts after
 * its release, so that evaluations find something and alerts open and update.
 */
final class DetectionWorkload {

    static final String PRODUCT = "notes";
    static final Instant START = Instant.parse("2026-09-07T00:00:00Z"); // a Monday
    static final int DAYS = 56;
    static final Instant END = START.plus(Duration.ofDays(DAYS));
    static final int CUSTOMERS = 50_000;
    static final String[] VERSIONS = {"7.0.0", "7.1.0", "7.1.1", "7.2.0", "7.3.0", "7.3.1", "7.4.0", "7.5.0",
        "7.5.1", "7.6.0"};
    static final int BAD = 7;
    static final double BAD_SHARE = 0.35;
    static final double UPGRADE_SHARE = 0.55;
    static final double MEAN_UPGRADE_DELAY_DAYS = 2.5;
    /** Share of contacts sent without a version, for the service to resolve from the installation history. */
    static final double UNVERSIONED_SHARE = 0.30;
    /** Relative contact volume by hour of day (UTC): office hours. */
    static final int[] HOUR_WEIGHTS = {2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 9, 10, 11, 11, 10, 8, 6, 5, 4, 3, 3, 2};
    static final String BAD_SUBJECT = "Notes lost after sync";
    static final String BAD_BODY = "Since the update sync deleted my notes. Lost notes on every device after sync. ";

    /** An installation: from installedAt on, the customer runs VERSIONS[version]. */
    record Install(int customer, int version, Instant installedAt) {
    }

    final Instant[] releasedAt = new Instant[VERSIONS.length];
    /** Per customer, its installations in time order. */
    final List<List<Install>> histories = new ArrayList<>(CUSTOMERS);
    private final long[] times;

    DetectionWorkload(int contacts) {
        Random rnd = new Random(20260907L);
        releasedAt[0] = START.minus(Duration.ofDays(14));
        for (int v = 1; v < VERSIONS.length; v++) {
            releasedAt[v] = START.plus(Duration.ofDays(6L * (v - 1))).plus(Duration.ofHours(10));
        }
        for (int c = 0; c < CUSTOMERS; c++) {
            List<Install> h = new ArrayList<>(6);
            Instant at = releasedAt[0].plusSeconds(rnd.nextLong(Duration.ofDays(10).toSeconds()));
            h.add(new Install(c, 0, at));
            for (int v = 1; v < VERSIONS.length; v++) {
                if (rnd.nextDouble() >= UPGRADE_SHARE) {
                    continue;
                }
                double days = -Math.log(1 - rnd.nextDouble()) * MEAN_UPGRADE_DELAY_DAYS;
                Instant t = releasedAt[v].plusSeconds((long) (days * 86_400));
                if (t.isAfter(at) && t.isBefore(END)) {
                    h.add(new Install(c, v, t));
                    at = t;
                }
            }
            histories.add(h);
        }
        times = contactTimes(rnd, contacts);
    }

    int contacts() {
        return times.length;
    }

    int installations() {
        return histories.stream().mapToInt(List::size).sum();
    }

    static String customerId(int c) {
        return String.format(Locale.ROOT, "cust-%05d", c);
    }

    /** Epoch seconds of every contact, sorted: a day by weekday weight, an hour by office rhythm, a second in it. */
    private static long[] contactTimes(Random rnd, int n) {
        int[] dayWeights = new int[DAYS];
        for (int d = 0; d < DAYS; d++) {
            DayOfWeek dow = START.plus(Duration.ofDays(d)).atOffset(ZoneOffset.UTC).getDayOfWeek();
            dayWeights[d] = dow == DayOfWeek.SATURDAY ? 45 : dow == DayOfWeek.SUNDAY ? 35 : 100;
        }
        long[] out = new long[n];
        long start = START.getEpochSecond();
        for (int i = 0; i < n; i++) {
            int day = Generator.pick(rnd, dayWeights);
            int hour = Generator.pick(rnd, HOUR_WEIGHTS);
            out[i] = start + day * 86_400L + hour * 3_600L + rnd.nextInt(3_600);
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Generates contacts in receivedAt order, one slice after the other; the same sequence on every run as long as
     * slices are asked for in order.
     */
    final class Contacts {
        private final Random rnd = new Random(7L);
        private final int[] perSource = new int[Generator.SOURCES.length];
        private int next;

        synchronized boolean hasNext() {
            return next < times.length;
        }

        /** The index the next slice starts at. */
        synchronized int position() {
            return next;
        }

        /** The next {@code n} contacts (fewer at the end). */
        synchronized List<Contact> next(int n) {
            int to = Math.min(times.length, next + n);
            List<Contact> out = new ArrayList<>(to - next);
            for (; next < to; next++) {
                out.add(contact(next));
            }
            return out;
        }

        /** The contacts up to the end of the hour of contact {@code index - 1} (so that no hour is split). */
        synchronized int hourBoundaryAfter(int index) {
            if (index <= 0 || index >= times.length) {
                return Math.max(0, Math.min(index, times.length));
            }
            long hour = times[index - 1] / 3_600;
            int i = index;
            while (i < times.length && times[i] / 3_600 == hour) {
                i++;
            }
            return i;
        }

        private Contact contact(int i) {
            Instant at = Instant.ofEpochSecond(times[i]);
            int source = Generator.pick(rnd, Generator.SOURCE_WEIGHTS);
            int customer = rnd.nextInt(CUSTOMERS);
            boolean anonymous = rnd.nextInt(100) < 3;
            int version = versionAt(customer, at);
            String category = rnd.nextInt(100) < 5 ? null
                    : Generator.CATEGORIES[rnd.nextInt(Generator.CATEGORIES.length)];
            String subject = Generator.subject(rnd);
            String body = Generator.body(rnd);
            if (version == BAD && at.isAfter(releasedAt[BAD].plus(Duration.ofHours(12)))
                    && rnd.nextDouble() < BAD_SHARE) {
                subject = BAD_SUBJECT;
                body = BAD_BODY + body;
                category = "Data Loss";
            }
            // Anonymous contacts must name their version; others leave it to the installation history at times.
            boolean given = anonymous || rnd.nextDouble() >= UNVERSIONED_SHARE;
            String externalId = Generator.SOURCE_PREFIXES[source] + (1_000_000 + perSource[source]++);
            return new Contact(i + 1L, Generator.SOURCES[source], externalId, at,
                    Generator.CHANNELS[Generator.pick(rnd, Generator.CHANNEL_WEIGHTS)],
                    anonymous ? null : customerId(customer), PRODUCT, given ? VERSIONS[version] : null, category,
                    subject, body);
        }
    }

    /** The version the customer runs at {@code at}: its latest installation at or before then. */
    int versionAt(int customer, Instant at) {
        int v = histories.get(customer).get(0).version();
        for (Install in : histories.get(customer)) {
            if (in.installedAt().isAfter(at)) {
                break;
            }
            v = in.version();
        }
        return v;
    }

    /** The newest version released at {@code at}. */
    String latestVersion(Instant at) {
        int v = 0;
        while (v + 1 < VERSIONS.length && !releasedAt[v + 1].isAfter(at)) {
            v++;
        }
        return VERSIONS[v];
    }

    /** The version a contact counts under: the given one, else the customer's at receivedAt. */
    String versionOf(Contact c) {
        if (c.version() != null) {
            return c.version();
        }
        return VERSIONS[versionAt(Integer.parseInt(c.customerId().substring(5)), c.receivedAt())];
    }
}
