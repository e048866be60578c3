package io.releaseradar.notices.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal unsubscribe tokens: {@code base64url(customerId) "." base64url(HMAC-SHA256(key, "unsubscribe:" +
 * customerId))}. Whoever holds a customer's mail can unsubscribe that customer and no one else; no login, no state.
 * The token does not expire: a link in an old mail must still work (RFC 8058 asks for that of one-click links).
 */
public final class UnsubscribeTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MIN_KEY_CHARS = 32;

    private final SecretKeySpec key;

    public UnsubscribeTokens(String secret) {
        if (secret == null || secret.length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("radar.notices.unsubscribe-secret must have at least " + MIN_KEY_CHARS
                    + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String tokenFor(String customerId) {
        return ENCODER.encodeToString(customerId.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(mac(customerId));
    }

    /** The customer id of a genuine token; empty for anything else. */
    public Optional<String> customerOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            String customerId = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = DECODER.decode(token.substring(dot + 1));
            return MessageDigest.isEqual(given, mac(customerId)) ? Optional.of(customerId) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64url
        }
    }

    private byte[] mac(String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("unsubscribe:" + customerId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
