package io.releaseradar.alerts.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com, spec 1.0.0, symmetric scheme), sent beside
 * {@code X-Radar-Signature} so receivers can reject replays: {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "{webhook-id}.{webhook-timestamp}.{body}">}. The key is the secret's UTF-8 bytes, or for a secret
 * {@code whsec_<base64>} the decoded bytes, as the Standard Webhooks libraries read such a secret.
 */
public final class StandardWebhookSignature {

    /** One id per delivery, the same on each of its attempts: the receiver's key for dropping a repeat. */
    public static final String ID_HEADER = "webhook-id";
    /** Unix seconds of the attempt; the receiver refuses one too far from its own clock. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** {@code v1,} and the base64 signature. */
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** Marks a secret given as base64 bytes. */
    static final String SECRET_PREFIX = "whsec_";

    private StandardWebhookSignature() {
    }

    /** The {@code webhook-signature} value of {@code body} sent as delivery {@code id} at {@code timestamp}. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // Every Java runtime ships HmacSHA256.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Why {@code secret} cannot sign (a {@code whsec_} secret that is not base64 of at least one byte); or empty. */
    static Optional<String> keyProblem(String secret) {
        try {
            key(secret);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("starts with whsec_ but is not followed by base64 bytes (as Standard Webhooks "
                    + "secrets are); drop the prefix to use the text itself as key");
        }
    }

    /** The HMAC key of {@code secret}; IllegalArgumentException for a {@code whsec_} secret that is not base64. */
    static byte[] key(String secret) {
        if (secret.startsWith(SECRET_PREFIX)) {
            byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            if (key.length == 0) {
                throw new IllegalArgumentException("empty key");
            }
            return key;
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
