package io.releaseradar.simulation;

/**
 * When people call: a factor per hour of the week (UTC), averaging 1 over the week. Busy on weekday office hours,
 * quiet at night, a third of a weekday on weekends. Detection must not mistake Monday morning for an incident.
 */
final class Rhythm {

    private static final double[] HOUR_OF_DAY = {
        0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.3, 0.7, // 00-07
        1.7, 1.7, 1.7, 1.7, 1.7, 1.7, 1.7, 1.7, 1.7, // 08-16
        1.2, 0.7, 0.7, 0.7, 0.3, 0.3, 0.3, // 17-23
    };
    private static final double WEEKEND = 0.35;
    /** Index 0 is Monday 00:00 UTC. */
    private static final double[] HOUR_OF_WEEK = new double[168];
    static final double MAX;

    static {
        double sum = 0;
        for (int h = 0; h < 168; h++) {
            HOUR_OF_WEEK[h] = HOUR_OF_DAY[h % 24] * (h / 24 >= 5 ? WEEKEND : 1.0);
            sum += HOUR_OF_WEEK[h];
        }
        double max = 0;
        for (int h = 0; h < 168; h++) {
            HOUR_OF_WEEK[h] *= 168 / sum;
            max = Math.max(max, HOUR_OF_WEEK[h]);
        }
        MAX = max;
    }

    private Rhythm() {
    }

    /** The factor at an instant given in epoch seconds. */
    static double at(long epochSecond) {
        long hour = Math.floorDiv(epochSecond, 3600);
        // 1970-01-01 was a Thursday: three days after a Monday
        int hourOfWeek = (int) Math.floorMod(hour + 3 * 24, 168);
        return HOUR_OF_WEEK[hourOfWeek];
    }
}
