package io.releaseradar.notices;

import io.releaseradar.installbase.Recipients.Recipient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who of a notice's audience gets the mail and who is left out, and why: plain logic over the install base as of one
 * instant. Reasons in order of precedence: opted out, no address, already in touch, frequency cap.
 */
public final class AudiencePlan {

    /** One customer of the audience: mailed when {@code suppression} is null. */
    public record Entry(String customerId, Audience group, String runningVersion, Suppression suppression) {
    }

    private final List<Entry> entries;

    private AudiencePlan(List<Entry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    /**
     * @param running customers running the notice's version
     * @param earlier customers running an earlier version of the product
     * @param inTouch customers who already reported the alert's symptom (empty when that suppression is off)
     * @param capped customers who had another notice of the product within the frequency cap (empty for a
     *     CRITICAL notice)
     */
    public static AudiencePlan of(Audience audience, List<Recipient> running, List<Recipient> earlier,
            Set<String> inTouch, Set<String> capped) {
        List<Entry> entries = new ArrayList<>();
        if (audience.includes(Audience.INSTALLED)) {
            running.forEach(r -> entries.add(entry(r, Audience.INSTALLED, inTouch, capped)));
        }
        if (audience.includes(Audience.NOT_YET_UPGRADED)) {
            earlier.forEach(r -> entries.add(entry(r, Audience.NOT_YET_UPGRADED, inTouch, capped)));
        }
        return new AudiencePlan(entries);
    }

    private static Entry entry(Recipient r, Audience group, Set<String> inTouch, Set<String> capped) {
        Suppression why = null;
        if (r.optedOut()) {
            why = Suppression.OPTED_OUT;
        } else if (r.email() == null || r.email().isBlank()) {
            why = Suppression.NO_EMAIL;
        } else if (inTouch.contains(r.customerId())) {
            why = Suppression.IN_TOUCH;
        } else if (capped.contains(r.customerId())) {
            why = Suppression.FREQUENCY_CAP;
        }
        return new Entry(r.customerId(), group, r.version(), why);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The mailed customers by group and the suppressed by reason. */
    public Breakdown breakdown() {
        int installed = 0;
        int notYetUpgraded = 0;
        Map<Suppression, Integer> suppressed = new EnumMap<>(Suppression.class);
        for (Entry e : entries) {
            if (e.suppression() != null) {
                suppressed.merge(e.suppression(), 1, Integer::sum);
            } else if (e.group() == Audience.INSTALLED) {
                installed++;
            } else {
                notYetUpgraded++;
            }
        }
        return new Breakdown(installed, notYetUpgraded, suppressed);
    }
}
