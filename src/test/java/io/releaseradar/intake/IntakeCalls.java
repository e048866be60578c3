package io.releaseradar.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Connects intakes as an admin and calls them as a helpdesk does: no token, a signature computed here. */
final class IntakeCalls {

    static final String SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    private IntakeCalls() {
    }

    /** Creates an intake under a new source name and returns the name. */
    static String connect(String prefix, String body) {
        String source = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.as(Roles.ADMIN).body(body).put("/api/v1/intake/" + source).then().statusCode(201);
        return source;
    }

    static byte[] bytes(JsonNode payload) {
        try {
            return IntakeSamples.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As Zendesk signs: base64(HMAC-SHA256(secret, timestamp + body)). */
    static String zendeskSignature(String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(timestamp.getBytes(StandardCharsets.UTF_8), body));
    }

    /** A Zendesk call signed at {@code signedAt}. */
    static ValidatableResponse zendesk(String source, byte[] body, Instant signedAt) {
        String timestamp = signedAt.truncatedTo(ChronoUnit.SECONDS).toString();
        return RestAssured.given().contentType(ContentType.JSON)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(timestamp, body))
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .body(body).post("/intake/" + source).then();
    }

    /** A call signed with {@code X-Radar-Signature}. */
    static ValidatableResponse radar(String source, byte[] body) {
        return RestAssured.given().contentType(ContentType.JSON)
                .header("X-Radar-Signature", "sha256=" + HexFormat.of().formatHex(hmac(new byte[0], body)))
                .body(body).post("/intake/" + source).then();
    }

    private static byte[] hmac(byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
