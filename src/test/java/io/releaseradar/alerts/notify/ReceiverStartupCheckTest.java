package io.releaseradar.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What stops the start: receiver settings the service would have to break the contract with. */
class ReceiverStartupCheckTest {

    private static final Optional<String> SECRET = Optional.of("5b1d0c0e2b7f4e0f9a8c3d2e1f0a9b8c");

    /** DNS as the test says: tooling.example.com is public, internal.example.com private, nothing else resolves. */
    private static final HostResolver DNS = new HostResolver() {
        @Override
        List<InetAddress> resolve(String host) throws UnknownHostException {
            return switch (host) {
                case "tooling.example.com" -> List.of(InetAddress.getByName("93.184.216.34"));
                case "internal.example.com" -> List.of(InetAddress.getByName("10.1.2.3"));
                default -> throw new UnknownHostException(host);
            };
        }
    };

    private static List<String> problems(List<String> allowed, String url, Optional<String> secret) {
        return ReceiverStartupCheck.problems(allowed, Optional.ofNullable(url), secret, DNS);
    }

    @Test
    void startsWithoutAHoldUrlOrWithAnAllowedSignedOne() {
        assertThat(problems(List.of(), null, Optional.empty())).isEmpty();
        assertThat(problems(List.of(), "https://tooling.example.com/hold", SECRET)).isEmpty();
        assertThat(problems(List.of(), "https://not-yet-in-dns.example.com/hold", SECRET))
                .as("checked again at each call").isEmpty();
        assertThat(problems(List.of("tooling.internal"), "http://tooling.internal:8080/hold", SECRET)).isEmpty();
        assertThat(problems(List.of("10.0.0.0/8"), "https://internal.example.com/hold", SECRET)).isEmpty();
    }

    @Test
    void refusesAHoldUrlWithoutASecret() {
        assertThat(problems(List.of(), "https://tooling.example.com/hold", Optional.empty())).singleElement()
                .asString().contains("RADAR_ALERTS_ROLLOUT_HOLD_URL is set without RADAR_ALERTS_ROLLOUT_HOLD_SECRET");
        assertThat(problems(List.of(), "https://tooling.example.com/hold", Optional.of(" "))).hasSize(1);
        assertThat(problems(List.of(), "https://tooling.example.com/hold", Optional.of("whsec_???"))).singleElement()
                .asString().startsWith("RADAR_ALERTS_ROLLOUT_HOLD_SECRET starts with whsec_");
    }

    @Test
    void refusesAHoldUrlTheReceiverRulesRefuse() {
        assertThat(problems(List.of(), "http://tooling.example.com/hold", SECRET)).singleElement().asString()
                .contains("is refused: must be https");
        assertThat(problems(List.of(), "https://127.0.0.1/hold", SECRET)).singleElement().asString()
                .contains("loopback");
        assertThat(problems(List.of(), "https://internal.example.com/hold", SECRET)).singleElement().asString()
                .contains("internal.example.com resolves to a private address (10.1.2.3)");
    }

    @Test
    void refusesAnAllowlistEntryItCannotRead() {
        assertThat(problems(List.of("10.0.0.0/40"), null, Optional.empty())).singleElement().asString()
                .startsWith("RADAR_ALERTS_WEBHOOK_ALLOWED_HOSTS: ");
    }
}
