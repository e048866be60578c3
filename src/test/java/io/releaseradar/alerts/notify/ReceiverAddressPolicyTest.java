package io.releaseradar.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The receiver address rules on their own: every spelling of an internal address, the allowlist, lookups' results. */
class ReceiverAddressPolicyTest {

    private static final ReceiverAddressPolicy NONE = ReceiverAddressPolicy.allowing(List.of());

    private static String refusal(ReceiverAddressPolicy policy, String url) {
        try {
            policy.target(url);
            return null;
        } catch (ReceiverAddressPolicy.Refused e) {
            return e.getMessage();
        }
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://2130706433/", "http://0x7f000001/", "http://017700000001/", "http://127.1/", "http://127.0.1/",
        "http://0x7f.0.0.1/", "http://0177.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::FFFF:7f00:1]/",
        "http://127.0.0.2/", "http://127.0.0.1./", "http://localhost/", "http://LOCALHOST./", "http://a.localhost/",
        "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "http://0/", "http://10.0.0.1/",
        "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/", "http://100.64.0.1/",
        "http://224.0.0.1/", "http://255.255.255.255/", "http://[::1]/", "http://[::]/", "http://[fe80::1]/",
        "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[ff02::1]/", "http://[::127.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::1]/"})
    void refusesEverySpellingOfAnInternalAddressOverHttpAndHttps(String url) {
        assertThat(refusal(NONE, url)).as(url).isNotNull().contains(ReceiverAddressPolicy.SETTING);
        String https = url.replace("http://", "https://");
        assertThat(refusal(NONE, https)).as("https does not make %s public", https).isNotNull()
                .doesNotContain("must be https");
    }

    @Test
    void oddSpellingsAreReadAsTheAddressTheyMean() throws Exception {
        for (String host : List.of("2130706433", "0x7f000001", "017700000001", "127.1", "127.0.0.1", "0x7F.1")) {
            assertThat(IpLiteral.parse(host.toLowerCase())).as(host).contains(ip("127.0.0.1"));
        }
        assertThat(IpLiteral.parse("[::ffff:127.0.0.1]")).contains(ip("127.0.0.1"));
        assertThat(IpLiteral.parse("hooks.example.com")).isEmpty();
        assertThat(refusal(NONE, "http://2130706433/")).contains("loopback", "127.0.0.1");
        assertThat(refusal(NONE, "https://169.254.169.254/")).contains("link-local");
        assertThat(refusal(NONE, "https://[::ffff:10.1.2.3]/")).contains("private", "10.1.2.3");
        assertThat(refusal(NONE, "https://[64:ff9b::a9fe:a9fe]/")).contains("NAT64 link-local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://1.2.3.4.5/", "http://256.0.0.1/", "http://127.0.0.0x100/", "http://08.0.0.1/",
        "http://example.123/", "http://[::1/", "http://[fe80::1%25eth0]/", "http://%31%32%37.0.0.1/",
        "http://user@hooks.example.com/", "https://hooks.example.com:0/", "https://hooks.example.com:65536/",
        "ftp://hooks.example.com/", "/relative", "https:///no-host", "mailto:x@example.com"})
    void refusesHostsThatAreNoValidAddressOrName(String url) {
        assertThat(refusal(NONE, url)).as(url).isNotNull();
    }

    @Test
    void httpsToAPublicHostNeedsNoAllowlistAndHttpDoes() {
        assertThat(refusal(NONE, "https://hooks.example.com/radar?x=1")).isNull();
        assertThat(refusal(NONE, "https://93.184.216.34/x")).isNull();
        assertThat(refusal(NONE, "https://[2606:4700::1111]/x")).isNull();
        assertThat(refusal(NONE, "http://hooks.example.com/radar")).contains("must be https");
        assertThat(refusal(NONE, "http://93.184.216.34/")).contains("must be https");
    }

    @Test
    void theTargetIsWhatTheClientIsGiven() throws Exception {
        ReceiverAddressPolicy.Target target = NONE.target("https://Hooks.Example.COM./a/b%20c?x=1#frag");
        assertThat(target).isEqualTo(new ReceiverAddressPolicy.Target(true, "hooks.example.com", 443,
                "/a/b%20c?x=1", null, false));
        ReceiverAddressPolicy local = ReceiverAddressPolicy.allowing(List.of("127.0.0.1"));
        assertThat(local.target("http://2130706433:8080")).isEqualTo(new ReceiverAddressPolicy.Target(false,
                "2130706433", 8080, "/", ip("127.0.0.1"), true));
    }

    @Test
    void anAllowlistedAddressOrRangeAllowsExactlyThoseAddressesInAnySpelling() {
        ReceiverAddressPolicy policy = ReceiverAddressPolicy.allowing(List.of(" 127.0.0.1 ", "10.20.0.0/16",
                "[fd00::/8]", ""));
        for (String url : List.of("http://127.0.0.1:9/hook", "http://2130706433/", "http://127.1/",
                "http://[::ffff:127.0.0.1]/", "http://10.20.3.4/", "http://10.20.255.255/", "https://[fd00::5]/")) {
            assertThat(refusal(policy, url)).as(url).isNull();
        }
        for (String url : List.of("http://127.0.0.2/", "http://10.21.0.1/", "http://localhost/",
                "http://[fe80::1]/", "http://[::1]/")) {
            assertThat(refusal(policy, url)).as(url).isNotNull();
        }
    }

    @Test
    void anAllowlistedNameIsTrustedWhateverItResolvesTo() throws Exception {
        ReceiverAddressPolicy policy = ReceiverAddressPolicy.allowing(List.of("Tooling.Internal.", "localhost"));
        ReceiverAddressPolicy.Target tooling = policy.target("http://TOOLING.internal./hold");
        assertThat(tooling.hostListed()).isTrue();
        policy.checkResolved(tooling, List.of(ip("10.0.0.7")));
        assertThat(refusal(policy, "http://LOCALHOST./")).isNull();
        assertThat(refusal(policy, "http://other.internal/")).contains("must be https");
        // a listed name does not list the addresses it resolves to for other names
        ReceiverAddressPolicy.Target other = policy.target("https://other.internal/");
        assertThatThrownBy(() -> policy.checkResolved(other, List.of(ip("10.0.0.7"))))
                .hasMessageContaining("resolves to a private address (10.0.0.7)");
    }

    @Test
    void everyResolvedAddressMustBePublicOrAllowlisted() throws Exception {
        ReceiverAddressPolicy.Target target = NONE.target("https://hooks.example.com/");
        NONE.checkResolved(target, List.of(ip("93.184.216.34"), ip("2606:4700::1111")));
        assertThatThrownBy(() -> NONE.checkResolved(target, List.of(ip("93.184.216.34"), ip("127.0.0.1"))))
                .hasMessageContaining("hooks.example.com resolves to a loopback address (127.0.0.1)");
        assertThatThrownBy(() -> NONE.checkResolved(target, List.of(ip("169.254.169.254"))))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> NONE.checkResolved(target, List.of(ip("::ffff:192.168.0.1"))))
                .hasMessageContaining("private");
        ReceiverAddressPolicy cidr = ReceiverAddressPolicy.allowing(List.of("192.168.0.0/24"));
        cidr.checkResolved(cidr.target("https://hooks.example.com/"), List.of(ip("192.168.0.9")));
        assertThatThrownBy(() -> cidr.checkResolved(target, List.of(ip("192.168.1.9"))))
                .hasMessageContaining("private");
    }

    @Test
    void refusesAllowlistEntriesThatAreNothingItKnows() {
        for (String entry : List.of("10.0.0.0/33", "10.0.0.0/x", "300.1.1.1", "127.1", "hooks example", "*.internal",
                "::1/129")) {
            assertThatThrownBy(() -> ReceiverAddressPolicy.allowing(List.of(entry))).as(entry)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
