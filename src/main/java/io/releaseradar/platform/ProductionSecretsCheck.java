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
 * Refuses a production start with a key or secret that is public, or with a dev convenience switched on: the dev key
 * pair that earlier versions committed (its private half is in the repository's history, so anyone could sign tokens
 * it accepts; only the public half ships, in {@value #DEV_PUBLIC_KEY}, to be recognised), an unsubscribe, rollout hold
 * or session secret that a committed profile uses, a placeholder from the deploy examples ({@code CHANGE-ME}), no
 * token audience, cookies without Secure, the dev sign-in, or a company sign-in without a session secret. Keys are
 * compared by content, so a copy of the dev key under another name is caught too. Runs in every profile set but one of
 * dev, test and demo alone, which use those values on purpose; a production profile combined with one of them (e.g.
 * {@code QUARKUS_PROFILE=prod,demo}) is refused outright.
 */
@ApplicationScoped
public class ProductionSecretsCheck {

    static final String DEV_PUBLIC_KEY = "retired-keys/dev-jwt-public.pem";
    static final String UNSUBSCRIBE_SECRET = "radar.notices.unsubscribe-secret";
    static final String ROLLOUT_HOLD_SECRET = "radar.alerts.rollout-hold.secret";
    static final String SESSION_SECRET = "radar.dashboard.oidc.session-secret";
    private static final Logger LOG = Logger.getLogger(ProductionSecretsCheck.class);

    /** What the check looks at, as configured. */
    record Settings(Optional<String> publicKeyLocation, Optional<String> publicKey, Optional<String> unsubscribeSecret,
            Optional<String> rolloutHoldSecret, Optional<String> audiences, boolean secureCookie, boolean devSignIn,
            Optional<String> companySignIn, Optional<String> sessionSecret) {

        /** Keys and secrets only; everything else as production wants it. */
        Settings(Optional<String> publicKeyLocation, Optional<String> publicKey, Optional<String> unsubscribeSecret,
                Optional<String> rolloutHoldSecret) {
            this(publicKeyLocation, publicKey, unsubscribeSecret, rolloutHoldSecret, Optional.of("release-radar"), true,
                    false, Optional.empty(), Optional.empty());
        }

        static Settings from(Config config) {
            return new Settings(config.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
                    config.getOptionalValue("mp.jwt.verify.publickey", String.class),
                    config.getOptionalValue(UNSUBSCRIBE_SECRET, String.class),
                    config.getOptionalValue(ROLLOUT_HOLD_SECRET, String.class),
                    config.getOptionalValue("mp.jwt.verify.audiences", String.class).filter(a -> !a.isBlank()),
                    config.getOptionalValue("radar.dashboard.secure-cookie", Boolean.class).orElse(true),
                    config.getOptionalValue("radar.dashboard.dev-sign-in", Boolean.class).orElse(false),
                    config.getOptionalValue("radar.dashboard.oidc.auth-server-url", String.class)
                            .filter(u -> !u.isBlank()),
                    config.getOptionalValue(SESSION_SECRET, String.class).filter(u -> !u.isBlank()));
        }
    }

    private final Config config;

    ProductionSecretsCheck(Config config) {
        this.config = config;
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (DevSigningKey.devOnly(profiles)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<String> dev = profiles.stream().filter(DevSigningKey.DEV_PROFILES::contains).toList();
        if (!dev.isEmpty()) {
            problems.add("the profile " + dev + " (dev sign-in, in-memory dev keys, demo data) cannot be combined with "
                    + "a production profile; run demo alone (-Dquarkus.profile=demo) or production without it");
        }
        problems.addAll(problems(Settings.from(config), readDevKey(), committedSecrets(config)));
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
        if (settings.audiences().isEmpty()) {
            problems.add("MP_JWT_VERIFY_AUDIENCES is empty, so tokens issued to any application would be accepted: "
                    + "name this service's audience (default release-radar)");
        }
        if (!settings.secureCookie()) {
            problems.add("RADAR_DASHBOARD_SECURE_COOKIE is false: production serves the dashboard over HTTPS only, "
                    + "with Secure session cookies");
        }
        if (settings.devSignIn()) {
            problems.add("RADAR_DASHBOARD_DEV_SIGN_IN is on: it lets anyone pick a role without a credential; "
                    + "use company sign-in (RADAR_DASHBOARD_OIDC_*)");
        }
        if (settings.companySignIn().isPresent()) {
            Optional<String> secret = settings.sessionSecret();
            if (secret.isEmpty() || secret.get().length() < 32) {
                problems.add("RADAR_DASHBOARD_OIDC_SESSION_SECRET must be set (at least 32 characters, the same on "
                        + "every replica) with company sign-in: it encrypts the session cookie");
            } else {
                checkSecret("RADAR_DASHBOARD_OIDC_SESSION_SECRET", secret.get(), committedSecrets, problems);
            }
        }
        return problems;
    }

    /** The values that committed profiles (%dev, %test, ...) give the secrets: public, so never a production key. */
    static Set<String> committedSecrets(Config config) {
        Set<String> values = new HashSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            for (String name : source.getPropertyNames()) {
                if (name.startsWith("%") && (name.endsWith("." + UNSUBSCRIBE_SECRET)
                        || name.endsWith("." + ROLLOUT_HOLD_SECRET) || name.endsWith("." + SESSION_SECRET))) {
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
