package io.releaseradar.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhookSignatureTest {

    private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        // standard-webhooks/standard-webhooks, libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java,
        // verifyWebhookSignWorks (the same vector is in the other reference libraries' tests).
        assertThat(StandardWebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, PAYLOAD))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretWithoutThePrefixIsUsedAsUtf8Text() throws Exception {
        String signature = StandardWebhookSignature.sign("s3cr3t-äö", "3f1c", 1700000000, PAYLOAD);
        StandardWebhooksReceiver receiver = new StandardWebhooksReceiver("s3cr3t-äö");
        assertThat(receiver.refusal("3f1c", "1700000000", signature, PAYLOAD, Instant.ofEpochSecond(1700000100)))
                .isNull();
        // the same text base64-encoded with the prefix is the same key
        String prefixed = "whsec_" + Base64.getEncoder().encodeToString("s3cr3t-äö".getBytes(StandardCharsets.UTF_8));
        assertThat(StandardWebhookSignature.sign(prefixed, "3f1c", 1700000000, PAYLOAD)).isEqualTo(signature);
    }

    @Test
    void idTimestampAndBodyAreAllSigned() {
        String signature = StandardWebhookSignature.sign("k", "id-1", 1700000000, PAYLOAD);
        assertThat(StandardWebhookSignature.sign("k", "id-2", 1700000000, PAYLOAD)).isNotEqualTo(signature);
        assertThat(StandardWebhookSignature.sign("k", "id-1", 1700000001, PAYLOAD)).isNotEqualTo(signature);
        assertThat(StandardWebhookSignature.sign("k", "id-1", 1700000000, "{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature);
        assertThat(signature).matches("v1,[A-Za-z0-9+/]{43}=");
    }

    @Test
    void theReceiversCheckRefusesOldTimestampsReplaysAndForgeries() throws Exception {
        StandardWebhooksReceiver receiver = new StandardWebhooksReceiver("k");
        Instant now = Instant.ofEpochSecond(1700000000);
        String signature = StandardWebhookSignature.sign("k", "id-1", now.getEpochSecond(), PAYLOAD);
        assertThat(receiver.refusal("id-1", "1699999690", StandardWebhookSignature.sign("k", "id-1", 1699999690,
                PAYLOAD), PAYLOAD, now)).isEqualTo("timestamp outside the tolerance");
        assertThat(receiver.refusal("id-1", "1700000000", "v1,AAAA" + signature.substring(7), PAYLOAD, now))
                .isEqualTo("no valid signature");
        assertThat(receiver.refusal("id-1", "1700000000", "v1a,x " + signature, PAYLOAD, now)).isNull();
        assertThat(receiver.refusal("id-1", "1700000000", signature, PAYLOAD, now)).isEqualTo("replayed webhook-id");
    }

    @Test
    void aWhsecSecretMustBeBase64() {
        assertThat(StandardWebhookSignature.keyProblem("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEmpty();
        assertThat(StandardWebhookSignature.keyProblem("plain text secret")).isEmpty();
        assertThat(StandardWebhookSignature.keyProblem("whsec_not base64!")).isPresent();
        assertThat(StandardWebhookSignature.keyProblem("whsec_")).isPresent();
    }
}
