package io.releaseradar.simulation;

import io.releaseradar.simulation.ScenarioSpec.Overdispersion;
import io.releaseradar.simulation.ScenarioSpec.VersionMix;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What makes one world's contact rates vary beyond the scenario's incidents and confounders: each version's own
 * symptom mix ({@link VersionMix}) and each day's product-wide factor ({@link Overdispersion}). Drawn once per world,
 * each from its own split of the contact stream and only when the scenario asks for it, so that a scenario without
 * them draws exactly the contacts it drew before they existed.
 */
final class Variation {

    private static final long DAY = 86_400L;

    private final List<Texts.Category> categories;
    /** [release][category]: the version's factor on the category's everyday rate; null without a mix. */
    private final double[][] categoryFactor;
    /** [release][category][subject]: the version's weight of each everyday subject; null without a mix. */
    private final double[][][] subjectWeight;
    /** [release]: the version's everyday rate relative to the usual (1 without a mix). */
    private final double[] everydayRate;
    /** Per day since the scenario start, the product-wide factor; null without busy days. */
    private final double[] dayFactor;
    private final double maxDayFactor;

    private Variation(List<Texts.Category> categories, double[][] categoryFactor, double[][][] subjectWeight,
            double[] everydayRate, double[] dayFactor) {
        this.categories = categories;
        this.categoryFactor = categoryFactor;
        this.subjectWeight = subjectWeight;
        this.everydayRate = everydayRate;
        this.dayFactor = dayFactor;
        double max = 1;
        for (int d = 0; dayFactor != null && d < dayFactor.length; d++) {
            max = Math.max(max, dayFactor[d]);
        }
        this.maxDayFactor = max;
    }

    static Variation of(ScenarioSpec spec, SplittableRandom random) {
        List<Texts.Category> categories = Texts.categories().stream().map(Texts::category).toList();
        int releases = spec.releases().size();
        double[] everyday = new double[releases];
        java.util.Arrays.fill(everyday, 1.0);
        double[][] factor = null;
        double[][][] weight = null;
        double[] days = null;
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof VersionMix mix) {
                SplittableRandom r = random.split();
                factor = new double[releases][categories.size()];
                weight = new double[releases][categories.size()][];
                for (int v = 0; v < releases; v++) {
                    double rate = 0;
                    for (int k = 0; k < categories.size(); k++) {
                        factor[v][k] = Draws.around1(mix.spread(), r);
                        rate += categories.get(k).share() * factor[v][k];
                        weight[v][k] = new double[categories.get(k).subjects().size()];
                        for (int s = 0; s < weight[v][k].length; s++) {
                            weight[v][k][s] = Draws.around1(mix.spread(), r);
                        }
                    }
                    everyday[v] = rate;
                }
            } else if (c instanceof Overdispersion o && o.busyDaySpread() > 0) {
                SplittableRandom r = random.split();
                days = new double[(int) (spec.length().toSeconds() / DAY) + 1];
                for (int d = 0; d < days.length; d++) {
                    days[d] = Draws.meanOne(o.busyDaySpread(), r);
                }
            }
        }
        return new Variation(categories, factor, weight, everyday, days);
    }

    /** The release's everyday rate relative to the usual. */
    double everydayRate(int release) {
        return everydayRate[release];
    }

    /** The product-wide factor of the day of {@code at} (seconds since the start). */
    double dayFactor(long at) {
        return dayFactor == null ? 1.0 : dayFactor[(int) Math.min(dayFactor.length - 1, Math.max(0, at / DAY))];
    }

    /** The largest {@link #dayFactor}: a bound for thinning. */
    double maxDayFactor() {
        return maxDayFactor;
    }

    /** An everyday category as the release's customers file them: the usual shares, weighted by its mix. */
    Texts.Category everydayCategory(int release, SplittableRandom random) {
        if (categoryFactor == null) {
            return Texts.everydayCategory(random);
        }
        double u = random.nextDouble() * everydayRate[release];
        for (int k = 0; k < categories.size(); k++) {
            u -= categories.get(k).share() * categoryFactor[release][k];
            if (u < 0) {
                return categories.get(k);
            }
        }
        return categories.get(categories.size() - 1);
    }

    /** The release's weights of the category's everyday subjects; null (all alike) without a mix. */
    double[] subjectWeights(int release, Texts.Category category) {
        return subjectWeight == null ? null : subjectWeight[release][categories.indexOf(category)];
    }
}
