package io.releaseradar.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a call comes from the helpdesk that holds the intake's secret, over the body's raw bytes as they
 * arrived (re-serialised JSON would not match), comparing in constant time. The key is the secret's UTF-8 bytes, as
 * Zendesk's own verification example uses it.
 */
final class IntakeSignatures {

    static final String ZENDESK_SIGNATURE = "X-Zendesk-Webhook-Signature";
    static final String ZENDESK_TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";
    static final String RADAR_SIGNATURE = "X-Radar-Signature";
    /** How far a Zendesk timestamp may be from our clock, either way, so that a captured call cannot be replayed. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private IntakeSignatures() {
    }

    /**
     * Zendesk: {@code X-Zendesk-Webhook-Signature} is base64(HMAC-SHA256(secret, timestamp + body)), with the
     * timestamp from {@code X-Zendesk-Webhook-Signature-Timestamp} (ISO-8601, e.g. 2021-07-25T10:00:00Z). Empty
     * when authentic, else why not.
     */
    static Optional<String> zendesk(String secret, String signature, String timestamp, byte[] body, Instant now) {
        if (signature == null || timestamp == null) {
            return Optional.of("The call carries no " + (signature == null ? ZENDESK_SIGNATURE : ZENDESK_TIMESTAMP)
                    + " header.");
        }
        Instant signedAt;
        try {
            signedAt = OffsetDateTime.parse(timestamp.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.of(ZENDESK_TIMESTAMP + " is not an ISO-8601 instant.");
        }
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            return Optional.of(ZENDESK_TIMESTAMP + " is more than 5 minutes from the service's clock; a call is "
                    + "accepted only while it is fresh.");
        }
        byte[] expected = Base64.getEncoder().encode(hmac(secret, timestamp.getBytes(StandardCharsets.UTF_8), body));
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))
                ? Optional.empty() : Optional.of(ZENDESK_SIGNATURE + " does not match the body.");
    }

    /** mapping: {@code X-Radar-Signature: sha256=<hex HMAC-SHA256(secret, body)>}. Empty when authentic. */
    static Optional<String> radar(String secret, String signature, byte[] body) {
        if (signature == null) {
            return Optional.of("The call carries no " + RADAR_SIGNATURE + " header.");
        }
        byte[] expected = radarHeader(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given)
                ? Optional.empty() : Optional.of(RADAR_SIGNATURE + " does not match the body.");
    }

    /** The {@code X-Radar-Signature} value of {@code body}. */
    static String radarHeader(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, new byte[0], body));
    }

    private static byte[] hmac(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every Java runtime ships HmacSHA256.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
