package io.releaseradar.platform;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * Refuses a production start with a key or secret that is public: the committed dev key pair
 * ({@code dev-keys/jwt-public.pem}, which ships inside the jar together with its private half, so anyone could sign
 * tokens it accepts), an unsubscribe or rollout hold secret that a committed profile uses, or a placeholder from the
 * deploy examples ({@code CHANGE-ME}). Keys are compared by content, so a copy of the dev key under another name is
 * caught too. Runs in every profile but dev, test and demo, which use those values on purpose.
 */
@ApplicationScoped
public class ProductionSecretsCheck {

    static final String DEV_PUBLIC_KEY = "dev-keys/jwt-public.pem";
    static final String UNSUBSCRIBE_SECRET = "radar.notices.unsubscribe-secret";
    static final String ROLLOUT_HOLD_SECRET = "radar.alerts.rollout-hold.secret";
    private static final Set<String> EXEMPT_PROFILES = Set.of("dev", "test", "demo");
    private static final Logger LOG = Logger.getLogger(ProductionSecretsCheck.class);

    /** What the check looks at, as configured. */
    record Settings(Optional<String> publicKeyLocation, Optional<String> publicKey, Optional<String> unsubscribeSecret,
            Optional<String> rolloutHoldSecret) {

        static Settings from(Config config) {
            return new Settings(config.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
                    config.getOptionalValue("mp.jwt.verify.publickey", String.class),
                    config.getOptionalValue(UNSUBSCRIBE_SECRET, String.class),
                    config.getOptionalValue(ROLLOUT_HOLD_SECRET, String.class));
        }
    }

    private final Config config;

    ProductionSecretsCheck(Config config) {
        this.config = config;
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        if (ConfigUtils.getProfiles().stream().anyMatch(EXEMPT_PROFILES::contains)) {
            return;
        }
        List<String> problems = problems(Settings.from(config), readDevKey(), committedSecrets(config));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start (profile " + ConfigUtils.getProfiles() + "): "
                    + String.join("; ", problems) + ". See deploy/README.md, secrets.");
        }
    }

    /** Everything wrong with the settings, each as one sentence; empty when they may go to production. */
    static List<String> problems(Settings settings, String devKeyPem, Set<String> committedSecrets) {
        List<String> problems = new ArrayList<>();
        PublicKey devKey = publicKeys(devKeyPem).get(0);
        settings.publicKeyLocation().ifPresent(location -> {
            String lower = location.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                // The identity provider's JWKS endpoint: not fetched here, smallrye-jwt does it when a token comes.
                LOG.debugf("Public key from %s: not compared with the dev key", location);
                return;
            }
            Optional<String> content = read(location);
            if (content.isEmpty()) {
                problems.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION " + location + " cannot be read");
            } else {
                checkKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION " + location, content.get(), devKey, problems);
            }
        });
        settings.publicKey().ifPresent(key -> checkKey("MP_JWT_VERIFY_PUBLICKEY", key, devKey, problems));
        settings.unsubscribeSecret().ifPresent(s -> checkSecret("RADAR_NOTICES_UNSUBSCRIBE_SECRET", s,
                committedSecrets, problems));
        settings.rolloutHoldSecret().ifPresent(s -> checkSecret("RADAR_ALERTS_ROLLOUT_HOLD_SECRET", s,
                committedSecrets, problems));
        return problems;
    }

    /** The values that committed profiles (%dev, %test, ...) give the secrets: public, so never a production key. */
    static Set<String> committedSecrets(Config config) {
        Set<String> values = new HashSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            for (String name : source.getPropertyNames()) {
                if (name.startsWith("%") && (name.endsWith("." + UNSUBSCRIBE_SECRET)
                        || name.endsWith("." + ROLLOUT_HOLD_SECRET))) {
                    String value = source.getValue(name);
                    if (value != null && !value.isBlank()) {
                        values.add(value.strip());
                    }
                }
            }
        }
        return values;
    }

    private static void checkKey(String what, String content, PublicKey devKey, List<String> problems) {
        if (isPlaceholder(content)) {
            problems.add(what + " is the CHANGE-ME placeholder of the deploy example");
            return;
        }
        List<PublicKey> keys = publicKeys(content);
        if (keys.stream().anyMatch(k -> Arrays.equals(k.getEncoded(), devKey.getEncoded()))) {
            problems.add(what + " is the committed dev key (" + DEV_PUBLIC_KEY
                    + "), whose private half is public: use your identity provider's key");
        }
    }

    private static void checkSecret(String name, String value, Set<String> committed, List<String> problems) {
        if (committed.contains(value.strip()) || value.toLowerCase(Locale.ROOT).contains("never-use-in-production")) {
            problems.add(name + " is a committed dev/test value: generate one (e.g. openssl rand -base64 48)");
        } else if (isPlaceholder(value)) {
            problems.add(name + " is the CHANGE-ME placeholder of the deploy example");
        }
    }

    private static boolean isPlaceholder(String value) {
        return value.toUpperCase(Locale.ROOT).contains("CHANGE-ME");
    }

    /** The public keys a PEM (key or certificate), JWK or JWK set holds; empty when it is none of those. */
    static List<PublicKey> publicKeys(String content) {
        String text = content.strip();
        try {
            if (text.startsWith("{")) {
                List<PublicKey> keys = new ArrayList<>();
                List<JsonWebKey> jwks = text.contains("\"keys\"") ? new JsonWebKeySet(text).getJsonWebKeys()
                        : List.of(JsonWebKey.Factory.newJwk(text));
                for (JsonWebKey jwk : jwks) {
                    if (jwk.getKey() instanceof PublicKey key) {
                        keys.add(key);
                    }
                }
                return keys;
            }
            if (text.contains("BEGIN CERTIFICATE")) {
                return List.of(KeyUtils.decodeCertificate(text));
            }
            return List.of(KeyUtils.decodePublicKey(text));
        } catch (GeneralSecurityException | JoseException | IllegalArgumentException e) {
            // Not a key: smallrye-jwt will say so when it verifies a token; here it only matters that it is not ours.
            return List.of();
        }
    }

    /** Reads a key location the way smallrye-jwt does: classpath:, file:, or a path, else a classpath resource. */
    static Optional<String> read(String location) {
        try {
            return Optional.ofNullable(ResourceUtils.readResource(location));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String readDevKey() {
        return read(DEV_PUBLIC_KEY).orElseThrow(() -> new IllegalStateException(DEV_PUBLIC_KEY
                + " is missing from the application"));
    }
}
