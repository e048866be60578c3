package io.releaseradar.simulation;

import java.util.SplittableRandom;

/** Random draws the simulation needs beyond uniform and normal. */
final class Draws {

    private Draws() {
    }

    /**
     * A gamma variate with the given shape and scale 1 (Marsaglia and Tsang 2000; for shape below 1 the usual boost:
     * Gamma(a) = Gamma(a + 1) * U^(1/a)).
     */
    static double gamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(1 - random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** A gamma variate with mean 1 and the given coefficient of variation (1 when it is 0). */
    static double meanOne(double coefficientOfVariation, SplittableRandom random) {
        if (coefficientOfVariation <= 0) {
            return 1;
        }
        double shape = 1 / (coefficientOfVariation * coefficientOfVariation);
        return gamma(shape, random) / shape;
    }

    /** Uniform in [1 - spread, 1 + spread]. */
    static double around1(double spread, SplittableRandom random) {
        return 1 + spread * (2 * random.nextDouble() - 1);
    }
}
