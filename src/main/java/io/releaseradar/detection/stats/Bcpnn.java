package io.releaseradar.detection.stats;

/**
 * Disproportionality of one symptom on one version against the whole product, as the BCPNN information component
 * with shrinkage (Norén et al., 2006 and 2013).
 *
 * <p>With n11 contacts of the symptom on the version, n1. contacts on the version, n.1 contacts of the symptom in the
 * product and n.. contacts in the product, the count expected if symptom and version were independent is
 * {@code E11 = n1. · n.1 / n..}, and {@code IC = log2((n11 + 0.5) / (E11 + 0.5))}. The added 0.5 shrinks the
 * ratio towards 1 (IC towards 0) when counts are small, so that one contact where 0.01 were expected does not read
 * as a hundredfold excess. The lower end of the 95% credibility interval, IC025, uses the closed-form approximation
 * {@code IC - 3.3·(n11 + 0.5)^(-1/2) - 2·(n11 + 0.5)^(-3/2)}; IC025 &gt; 0 is the usual signalling rule.
 */
public final class Bcpnn {

    private static final double LN_2 = Math.log(2);

    /**
     * The 2x2 table, as margins.
     *
     * @param symptomOnVersion n11: contacts on the version with the symptom
     * @param version n1.: all contacts on the version
     * @param symptom n.1: contacts with the symptom across the product (this version included)
     * @param product n..: all contacts across the product (this version included)
     */
    public record Counts(long symptomOnVersion, long version, long symptom, long product) {
        public Counts {
            if (symptomOnVersion < 0 || symptomOnVersion > version || symptomOnVersion > symptom
                    || version > product || symptom > product) {
                throw new IllegalArgumentException("need 0 <= n11 <= n1., n.1 and n1., n.1 <= n.., got n11="
                        + symptomOnVersion + " n1.=" + version + " n.1=" + symptom + " n..=" + product);
            }
        }
    }

    /**
     * The result.
     *
     * @param ic the shrunk information component, log2 of observed over expected
     * @param ic025 lower 95% credibility bound of the IC
     * @param expected E11 = n1. · n.1 / n.., 0 when the product has no contacts
     */
    public record InformationComponent(double ic, double ic025, double expected) {
    }

    private Bcpnn() {
    }

    public static InformationComponent of(long symptomOnVersion, long version, long symptom, long product) {
        return of(new Counts(symptomOnVersion, version, symptom, product));
    }

    public static InformationComponent of(Counts c) {
        // in double: n1. * n.1 can exceed a long for a big product
        double expected = c.product() == 0 ? 0.0 : (double) c.version() * c.symptom() / c.product();
        double observed = c.symptomOnVersion() + 0.5;
        double ic = Math.log(observed / (expected + 0.5)) / LN_2;
        double ic025 = ic - 3.3 / Math.sqrt(observed) - 2 / (observed * Math.sqrt(observed));
        return new InformationComponent(ic, ic025, expected);
    }
}
