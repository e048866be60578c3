package io.releaseradar.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import io.releaseradar.simulation.SimulatedWorld.Contact;
import io.releaseradar.simulation.SimulatedWorld.Installation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeReplayTest {

    private static final Instant DAY0 = Scenarios.START;
    private static final String P = Scenarios.PRODUCT;

    private static Instant day(int d) {
        return DAY0.plus(Duration.ofDays(d));
    }

    private static Installation install(String customer, String version, int d) {
        return new Installation(customer, P, version, day(d));
    }

    private static Contact contact(String sentAs, String realCustomer, int d, Cause cause, int incident) {
        return new Contact("desk", realCustomer + d, day(d), "phone", sentAs, P, null, "Sync", "notes gone", "",
                "2.0", cause, incident, realCustomer);
    }

    /*
     * 1.0 out on day 0, the bad 2.0 on day 10, 3.0 on day 20; the notice goes out on day 22.
     *   u  1.0                           not yet upgraded    in
     *   x  1.0, 3.0 from day 21          past the bad one    out
     *   y  2.0 from day 11               installed           in
     *   z  1.0, 2.0 from day 15          installed           in
     *   v  joins on 3.0 on day 23        not a customer yet  out
     *   w  1.0, 2.0 from day 22 sharp    installed           in
     */
    private static final SimulatedWorld WORLD = new SimulatedWorld(Scenarios.named("quiet"), 1,
            List.of(new ReleaseInfo("1.0", day(0), null), new ReleaseInfo("2.0", day(10), "1.0"),
                    new ReleaseInfo("3.0", day(20), "2.0")),
            List.of(),
            List.of(install("x", "3.0", 21), install("u", "1.0", 0), install("x", "1.0", 0), install("y", "2.0", 11),
                    install("z", "1.0", 1), install("z", "2.0", 15), install("v", "3.0", 23),
                    install("w", "1.0", 2), install("w", "2.0", 22),
                    new Installation("u", "other-product", "9.0", day(21))),
            List.of(contact("y", "y", 12, Cause.EVERYDAY, -1), contact(null, "y", 13, Cause.INCIDENT, 0),
                    contact("y", "y", 14, Cause.INCIDENT, 0), contact("z", "z", 16, Cause.INCIDENT, 0),
                    contact("w", "w", 17, Cause.INCIDENT, 1)),
            List.of());

    @Test
    void theAudienceAllIsWhoRunsTheBadVersionOrAnEarlierOneAtTheInstantInCustomerIdOrder() {
        assertThat(NoticeReplay.audienceAll(WORLD, "2.0", day(22))).containsExactly("u", "w", "y", "z");
        assertThat(NoticeReplay.audienceAll(WORLD, "2.0", day(12))).containsExactly("u", "w", "x", "y", "z");
    }

    @Test
    void affectedCustomersAreTheRealSendersOfTheIncidentsContactsWithTheirFirstOne() {
        // y's first incident contact was anonymous; the everyday one before it and incident 1's contact do not count
        assertThat(NoticeReplay.firstRelatedContacts(WORLD, 0)).isEqualTo(Map.of("y", day(13), "z", day(16)));
    }
}
