package io.releaseradar.alerts.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's check that docs/webhooks.md describes, written independently of the service's signing code: both
 * headers present, the timestamp within 5 minutes of the receiver's clock, one {@code v1} signature equal (compared
 * in constant time), and a webhook-id not seen before. Tests run what they received through it.
 */
final class StandardWebhooksReceiver {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    StandardWebhooksReceiver(String secret) {
        this.key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Why the call is refused, or null when it is accepted (and its id remembered). */
    String refusal(String id, String timestamp, String signatures, byte[] body, Instant now) throws Exception {
        if (id == null || timestamp == null || signatures == null) {
            return "missing header";
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, now).abs().compareTo(TOLERANCE) > 0) {
            return "timestamp outside the tolerance";
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        boolean valid = false;
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")) {
                valid |= MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)));
            }
        }
        if (!valid) {
            return "no valid signature";
        }
        return seen.add(id) ? null : "replayed webhook-id";
    }

    String refusal(WebhookReceiver.Call call, Instant now) throws Exception {
        return refusal(call.webhookId(), call.webhookTimestamp(), call.webhookSignature(), call.body(), now);
    }
}
