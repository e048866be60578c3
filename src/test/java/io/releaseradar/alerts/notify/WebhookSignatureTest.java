package io.releaseradar.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void isTheHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2.
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void dependsOnEveryByteOfBodyAndSecret() {
        byte[] body = "{\"severity\":\"HIGH\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("secret", body);
        assertNotEquals(signature, WebhookSignature.sign("secreT", body));
        assertNotEquals(signature, WebhookSignature.sign("secret",
                "{\"severity\":\"LOW\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(signature, WebhookSignature.sign("secret", body.clone()));
    }
}
