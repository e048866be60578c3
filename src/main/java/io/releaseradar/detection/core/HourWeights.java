package io.releaseradar.detection.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** The product's hourly contact rate relative to its mean, by which the tests weight each version's install-hours. */
final class HourWeights {

    private static final double PSEUDO_CUSTOMERS = 2;

    private HourWeights() {
    }

    /**
     * The product's contact rate hour by hour over the longest window (all versions together), relative to its mean,
     * shrunk towards the mean by two customers' worth (so quiet hours of a small product do not swing it).
     * Weighting each version's install-hours by it makes the tests compare a version with the others at the same
     * hours: when an outage, a campaign or the daily rhythm lands on hours where a rolling-out version has more (or
     * fewer) of its installs than on average, pooled install-hours would blame (or excuse) that version.
     */
    static double[] of(Instant end, Duration window, HourlySeries installs, HourlySeries contacts) {
        int hours = (int) window.toHours();
        Instant from = end.minus(window);
        double[] exposure = new double[hours];
        double[] customers = new double[hours];
        double totalE = 0, totalC = 0;
        for (int h = 0; h < hours; h++) {
            Instant a = from.plus(Duration.ofHours(h)), b = a.plus(Duration.ofHours(1));
            for (String v : installs.values().keySet()) {
                exposure[h] += installs.hours(v, a, b);
            }
            for (String v : contacts.values().keySet()) {
                customers[h] += contacts.sum(v, a, b);
            }
            totalE += exposure[h];
            totalC += customers[h];
        }
        double[] w = new double[hours];
        if (totalE <= 0 || totalC <= 0) {
            Arrays.fill(w, 1.0);
            return w;
        }
        double mean = totalC / totalE;
        for (int h = 0; h < hours; h++) {
            w[h] = exposure[h] > 0 ? (customers[h] + PSEUDO_CUSTOMERS) / (exposure[h] * mean + PSEUDO_CUSTOMERS) : 1.0;
        }
        return w;
    }
}
