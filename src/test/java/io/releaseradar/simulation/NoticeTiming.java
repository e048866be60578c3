package io.releaseradar.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a customer notice reaches the customers an incident hits before they contact support about it. Pure
 * counting, no simulator and no clock, so that a hand-made case checks it.
 *
 * <p>The notice is approved at {@code noticeAt}. Audience members who already made a related contact before then are
 * suppressed (the service does not warn people who are already in touch) and take no place in the queue; the others
 * are mailed in audience order at {@code perSecond}, the i-th (from 0) at {@code noticeAt + i / perSecond}. An
 * affected customer is warned in time when their mail went out strictly before their first related contact.
 */
public final class NoticeTiming {

    private static final double NANOS_PER_SECOND = 1e9;

    private NoticeTiming() {
    }

    /**
     * What one notice (or none) did for the customers of one incident; summable over incidents.
     *
     * @param incidents incidents counted
     * @param notices of those, the ones a notice went out for
     * @param affected customers with at least one contact related to the incident
     * @param reachable of those, the ones whose first related contact came at or after the notice (or all, when no
     *     notice went out: they were reachable, the notice never came)
     * @param warned of those, the ones whose mail went out strictly before their first related contact
     * @param outsideAudience reachable affected customers the audience did not contain
     * @param recipients mails sent
     * @param suppressed audience members left out because they had already made a related contact
     * @param leadHours per warned customer, hours from their mail to their first related contact
     */
    public record Outcome(int incidents, int notices, long affected, long reachable, long warned,
            long outsideAudience, long recipients, long suppressed, List<Double> leadHours) {

        public static final Outcome ZERO = new Outcome(0, 0, 0, 0, 0, 0, 0, 0, List.of());

        public Outcome {
            leadHours = List.copyOf(leadHours);
        }

        public Outcome plus(Outcome o) {
            List<Double> leads = new ArrayList<>(leadHours);
            leads.addAll(o.leadHours);
            return new Outcome(incidents + o.incidents, notices + o.notices, affected + o.affected,
                    reachable + o.reachable, warned + o.warned, outsideAudience + o.outsideAudience,
                    recipients + o.recipients, suppressed + o.suppressed, leads);
        }

        /** Warned in time over affected; NaN without affected customers. */
        public double share() {
            return affected == 0 ? Double.NaN : (double) warned / affected;
        }

        /** Warned in time over those a notice could still reach. */
        public double shareOfReachable() {
            return reachable == 0 ? Double.NaN : (double) warned / reachable;
        }

        /** Median lead time in hours, NaN when nobody was warned in time. */
        public double medianLeadHours() {
            return median(leadHours);
        }
    }

    /**
     * The outcome when no notice went out for an incident: nobody is warned.
     *
     * @param firstContact per affected customer, their first related contact
     */
    public static Outcome none(Map<String, Instant> firstContact) {
        return new Outcome(1, 0, firstContact.size(), firstContact.size(), 0, 0, 0, 0, List.of());
    }

    /**
     * The outcome of a notice approved at {@code noticeAt}.
     *
     * @param perSecond mails per second (the throttle)
     * @param audience customer ids in the order they are mailed, opted-out customers already left out
     * @param firstContact per affected customer, their first related contact
     */
    public static Outcome of(Instant noticeAt, double perSecond, List<String> audience,
            Map<String, Instant> firstContact) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        long recipients = 0;
        long suppressed = 0;
        long warned = 0;
        List<Double> leads = new ArrayList<>();
        Set<String> mailed = new HashSet<>();
        for (String customer : audience) {
            Instant first = firstContact.get(customer);
            if (first != null && first.isBefore(noticeAt)) {
                suppressed++;
                continue;
            }
            Instant deliveredAt = noticeAt.plusNanos(Math.round(recipients * NANOS_PER_SECOND / perSecond));
            recipients++;
            mailed.add(customer);
            if (first != null && deliveredAt.isBefore(first)) {
                warned++;
                leads.add(Duration.between(deliveredAt, first).toNanos() / 3.6e12);
            }
        }
        long reachable = 0;
        long outside = 0;
        for (Map.Entry<String, Instant> e : firstContact.entrySet()) {
            if (!e.getValue().isBefore(noticeAt)) {
                reachable++;
                outside += mailed.contains(e.getKey()) ? 0 : 1;
            }
        }
        return new Outcome(1, 1, firstContact.size(), reachable, warned, outside, recipients, suppressed, leads);
    }

    /** The median (the lower middle value when even), NaN when empty. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
