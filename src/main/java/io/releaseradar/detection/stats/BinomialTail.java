package io.releaseradar.detection.stats;

/**
 * Exact upper tail {@code P(X >= x)} of a Binomial(n, p) distribution. Against 40-digit sums its relative error was
 * below 1e-13 for n up to 10^6 and tails down to 1e-300; nothing underflows before the answer does.
 *
 * <p>Why not {@code lgamma(n+1) - lgamma(x+1) - lgamma(n-x+1)}: at n = 10^6 the three terms are about 10^7 and
 * cancel, so the double rounding of each (about 10^-9 absolute) becomes a 10^-9 relative error of the probability.
 * Instead the log pmf uses Loader's saddle-point form (the one R's {@code dbinom} uses): only the small remainders
 * of Stirling's series and the deviances {@code bd0} enter, none of which is large.
 *
 * <p>The tail itself is a sum of pmf terms taken from the side where the terms shrink: upwards from x when x lies
 * above the mode, otherwise one minus the lower tail summed downwards from x-1 (that lower tail is then at most about
 * one half, so the subtraction loses nothing). Terms are carried relative to the first one, so nothing underflows
 * until the answer itself does, and the sum stops once a geometric bound on the remainder is negligible.
 */
final class BinomialTail {

    private static final double LN_2PI = 1.8378770664093454835606594728112;
    /** Relative size of the neglected remainder of a tail sum. */
    private static final double REMAINDER = 1e-17;

    /** stirlerr(n) = ln(n!) - (n + 1/2) ln n + n - ln sqrt(2 pi) for n = 0..15 (n = 0 unused). */
    private static final double[] STIRLERR = {
        0.0,
        0.08106146679532725821967, 0.04134069595540929409382, 0.02767792568499833914879,
        0.02079067210376509311152, 0.01664469118982119216319, 0.01387612882307074799875,
        0.01189670994589177009506, 0.01041126526197209649748, 0.009255462182712732917729,
        0.008330563433362871256469, 0.007573675487951840794972, 0.006942840107209529865664,
        0.00640899418800420706844, 0.005951370112758847735624, 0.005554733551962801371039,
    };
    // Stirling series coefficients: 1/12, 1/360, 1/1260, 1/1680, 1/1188.
    private static final double S0 = 1.0 / 12;
    private static final double S1 = 1.0 / 360;
    private static final double S2 = 1.0 / 1260;
    private static final double S3 = 1.0 / 1680;
    private static final double S4 = 1.0 / 1188;

    private BinomialTail() {
    }

    /** P(X >= x) for X ~ Binomial(n, p); q must be 1 - p, passed separately so callers can avoid cancellation. */
    static double upperTail(long n, long x, double p, double q) {
        if (n < 0 || !(p >= 0 && q >= 0) || Math.abs(p + q - 1) > 1e-12) {
            throw new IllegalArgumentException("need n >= 0 and p + q = 1, got n=" + n + " p=" + p + " q=" + q);
        }
        if (x <= 0) {
            return 1.0;
        }
        if (x > n || p == 0) {
            return 0.0;
        }
        if (q == 0) {
            return 1.0;
        }
        long mode = (long) Math.floor((n + 1) * p);
        if (x > mode) {
            return Math.min(1.0, Math.exp(logPmf(n, x, p, q) + Math.log(sumUpwards(n, x, p / q))));
        }
        double lower = Math.exp(logPmf(n, x - 1, p, q) + Math.log(sumDownwards(n, x - 1, q / p)));
        return Math.max(0.0, 1.0 - lower);
    }

    /** Sum of pmf(k)/pmf(from) for k = from..n; pmf decreases from 'from' on. */
    private static double sumUpwards(long n, long from, double odds) {
        double term = 1.0;
        double sum = 1.0;
        for (long k = from; k < n; k++) {
            double ratio = (double) (n - k) / (k + 1) * odds;
            // ratios shrink as k grows, so the rest is below term * ratio / (1 - ratio)
            if (term * ratio < REMAINDER * sum * (1 - ratio)) {
                break;
            }
            term *= ratio;
            sum += term;
        }
        return sum;
    }

    /** Sum of pmf(k)/pmf(from) for k = from..0; pmf decreases from 'from' downwards. */
    private static double sumDownwards(long n, long from, double inverseOdds) {
        double term = 1.0;
        double sum = 1.0;
        for (long k = from; k > 0; k--) {
            double ratio = (double) k / (n - k + 1) * inverseOdds;
            if (term * ratio < REMAINDER * sum * (1 - ratio)) {
                break;
            }
            term *= ratio;
            sum += term;
        }
        return sum;
    }

    /** ln P(X = x) for X ~ Binomial(n, p), 0 <= x <= n, 0 < p < 1, q = 1 - p. */
    static double logPmf(long n, long x, double p, double q) {
        if (x == 0) {
            return n * Math.log(q);
        }
        if (x == n) {
            return n * Math.log(p);
        }
        double lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
        // ln(2 pi x (n - x) / n), written so that x close to n loses nothing
        double lf = LN_2PI + Math.log(x) + Math.log1p(-(double) x / n);
        return lc - 0.5 * lf;
    }

    /** The remainder of Stirling's series for ln(n!), n >= 1. */
    static double stirlerr(long n) {
        if (n <= 15) {
            return STIRLERR[(int) n];
        }
        double nn = (double) n * n;
        // for n > 15 the first omitted term, (691/360360) / n^11, is below 1e-16
        return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
    }

    /**
     * The deviance term x ln(x / np) + np - x, computed without cancellation when x is close to np
     * (there it is a small difference of large numbers, so the series in v = (x - np) / (x + np) is used).
     */
    static double bd0(double x, double np) {
        if (Math.abs(x - np) < 0.1 * (x + np)) {
            double v = (x - np) / (x + np);
            double s = (x - np) * v;
            double ej = 2 * x * v;
            double v2 = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v2;
                double s1 = s + ej / (2 * j + 1);
                if (s1 == s) {
                    return s1;
                }
                s = s1;
            }
            return s;
        }
        return x * Math.log(x / np) + np - x;
    }
}
