package io.releaseradar.dashboard;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token a dashboard form must send back (CSRF): something another site can make the browser send but can neither
 * read nor compute, the same on every replica. A dev session's is a digest of its cookie. A company sign-in's session
 * cookie changes whenever quarkus-oidc refreshes the tokens, which would spoil the forms on an open page, so its form
 * token is an HMAC, keyed with the session secret, of what stays for the whole sign-in: issuer, subject and the
 * provider's session id (else the time the user authenticated).
 */
@ApplicationScoped
public class FormTokens {

    private final byte[] key;

    FormTokens(DashboardConfig config) {
        this.key = config.oidc().sessionSecret().or(() -> config.oidc().clientSecret())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(FormTokens::randomKey);
    }

    /**
     * The form token of the signed-in identity; {@code credential} is what the browser sent otherwise: the dev session
     * cookie's value, or the Authorization header.
     */
    String forSession(SecurityIdentity identity, String credential) {
        if (identity.getCredential(IdTokenCredential.class) != null
                && identity.getPrincipal() instanceof JsonWebToken idToken) {
            Object anchor = idToken.getClaim("sid") != null ? idToken.getClaim("sid")
                    : idToken.getClaim("auth_time") != null ? idToken.getClaim("auth_time") : idToken.getIssuedAtTime();
            return hmac(idToken.getIssuer() + "\0" + idToken.getSubject() + "\0" + anchor);
        }
        return digest(String.valueOf(credential));
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("release-radar-form\0" + value)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String credential) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("release-radar-form\0" + credential).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // Only without any secret (demo, dev, test): forms then work on this replica alone.
    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
