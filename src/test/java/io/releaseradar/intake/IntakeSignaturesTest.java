package io.releaseradar.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Zendesk's scheme as developer.zendesk.com/documentation/webhooks/verifying/ states it:
 * base64(HMACSHA256(TIMESTAMP + BODY)), keyed with the signing secret as a string (the page's Node.js example passes
 * the secret string to createHmac). The secret below is the one that page shows.
 */
class IntakeSignaturesTest {

    private static final String ZENDESK_DOC_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    private static final byte[] BODY = "{\"type\":\"zen:event-type:ticket.created\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-03T14:05:00Z");

    /** Computed independently of the code under test, the way the documentation's example does it. */
    private static String zendeskSignature(String secret, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal());
    }

    @Test
    void aZendeskSignatureOverTimestampAndBodyIsAccepted() throws Exception {
        String timestamp = "2026-03-03T14:03:00Z";
        assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET, zendeskSignature(ZENDESK_DOC_SECRET, timestamp, BODY),
                timestamp, BODY, NOW)).isEmpty();
    }

    @Test
    void aZendeskSignatureOfAnotherBodyOrSecretOrTimestampIsRefused() throws Exception {
        String timestamp = "2026-03-03T14:05:00Z";
        String signature = zendeskSignature(ZENDESK_DOC_SECRET, timestamp, BODY);
        byte[] changed = "{\"type\":\"zen:event-type:ticket.created\" }".getBytes(StandardCharsets.UTF_8);
        assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET, signature, timestamp, changed, NOW)).isPresent();
        assertThat(IntakeSignatures.zendesk("another-secret-of-the-same-size", signature, timestamp, BODY, NOW))
                .isPresent();
        assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET, signature, "2026-03-03T14:04:59Z", BODY, NOW))
                .isPresent();
        // body + timestamp, the order an older version of the page showed, is not what Zendesk signs now
        String reversed = zendeskSignature(ZENDESK_DOC_SECRET, "", (new String(BODY, StandardCharsets.UTF_8)
                + timestamp).getBytes(StandardCharsets.UTF_8));
        assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET, reversed, timestamp, BODY, NOW)).isPresent();
    }

    @Test
    void aZendeskTimestampMoreThanFiveMinutesOffEitherWayIsRefusedEvenWhenSigned() throws Exception {
        for (String timestamp : new String[] {"2026-03-03T13:59:59Z", "2026-03-03T14:10:01Z"}) {
            assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET,
                    zendeskSignature(ZENDESK_DOC_SECRET, timestamp, BODY), timestamp, BODY, NOW))
                    .get().asString().contains("5 minutes");
        }
        for (String timestamp : new String[] {"2026-03-03T14:00:00Z", "2026-03-03T14:10:00Z"}) {
            assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET,
                    zendeskSignature(ZENDESK_DOC_SECRET, timestamp, BODY), timestamp, BODY, NOW)).isEmpty();
        }
    }

    @Test
    void missingZendeskHeadersOrAnUnreadableTimestampAreRefused() throws Exception {
        String signature = zendeskSignature(ZENDESK_DOC_SECRET, "1772546700", BODY);
        assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET, null, "2026-03-03T14:05:00Z", BODY, NOW))
                .get().asString().contains("X-Zendesk-Webhook-Signature");
        assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET, signature, null, BODY, NOW))
                .get().asString().contains("X-Zendesk-Webhook-Signature-Timestamp");
        assertThat(IntakeSignatures.zendesk(ZENDESK_DOC_SECRET, signature, "1772546700", BODY, NOW))
                .get().asString().contains("ISO-8601");
    }

    @Test
    void theRadarSignatureIsTheHexHmacOfTheBody() throws Exception {
        String secret = "mapping-secret-0123456789";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String header = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(BODY));
        assertThat(IntakeSignatures.radar(secret, header, BODY)).isEmpty();
        assertThat(IntakeSignatures.radar(secret, header.toUpperCase().replace("SHA256=", "sha256="), BODY))
                .as("hex digits in either case").isEmpty();
        assertThat(IntakeSignatures.radar(secret, header.substring("sha256=".length()), BODY)).isPresent();
        assertThat(IntakeSignatures.radar(secret, header, "{}".getBytes(StandardCharsets.UTF_8))).isPresent();
        assertThat(IntakeSignatures.radar(secret, null, BODY)).get().asString().contains("X-Radar-Signature");
    }
}
