package io.releaseradar.alerts.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Radar-Signature} of a webhook call: {@code sha256=} and the hex HMAC-SHA256 of the exact body bytes,
 * keyed with the subscription's secret (UTF-8). Receivers recompute it over the raw body and compare in constant
 * time.
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "X-Radar-Signature";

    private WebhookSignature() {
    }

    /** The header value for {@code body} signed with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // Every Java runtime ships HmacSHA256.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
