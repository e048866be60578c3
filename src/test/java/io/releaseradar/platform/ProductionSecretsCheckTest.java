package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.releaseradar.platform.ProductionSecretsCheck.Settings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production start check on its own: which keys and secrets it refuses, and which it lets through. */
class ProductionSecretsCheckTest {

    private static final String DEV_KEY = ProductionSecretsCheck.read(ProductionSecretsCheck.DEV_PUBLIC_KEY)
            .orElseThrow();
    private static final Set<String> COMMITTED = Set.of("dev-only-unsubscribe-key-never-use-in-production");
    private static final String GOOD_SECRET = "5b1d0c0e2b7f4e0f9a8c3d2e1f0a9b8c7d6e5f4a";

    @TempDir
    Path dir;

    @Test
    void refusesTheDevKeyByItsClasspathLocation() {
        assertThat(problems(ProductionSecretsCheck.DEV_PUBLIC_KEY, GOOD_SECRET))
                .singleElement().asString().contains("is the committed dev key");
    }

    @Test
    void refusesACopyOfTheDevKeyUnderAnotherNameAsPathAndAsFileUrl() throws IOException {
        Path copy = Files.writeString(dir.resolve("idp-public.pem"), DEV_KEY.replace("\n", "\r\n") + "\n\n");
        assertThat(problems(copy.toString(), GOOD_SECRET)).singleElement().asString()
                .contains(copy.toString(), "is the committed dev key");
        assertThat(problems("file:" + copy, GOOD_SECRET)).singleElement().asString()
                .contains("is the committed dev key");
    }

    @Test
    void refusesTheDevKeyAsJwkSetAndAsInlineJwk() throws Exception {
        PublicKey devKey = ProductionSecretsCheck.publicKeys(DEV_KEY).get(0);
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(devKey);
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JsonWebKeySet(jwk).toJson());
        assertThat(problems(jwks.toString(), GOOD_SECRET)).singleElement().asString()
                .contains("is the committed dev key");
        Settings inline = new Settings(Optional.empty(), Optional.of(jwk.toJson()), Optional.of(GOOD_SECRET),
                Optional.empty());
        assertThat(ProductionSecretsCheck.problems(inline, DEV_KEY, COMMITTED)).singleElement().asString()
                .startsWith("MP_JWT_VERIFY_PUBLICKEY is the committed dev key");
    }

    @Test
    void letsAFreshKeyAndAGeneratedSecretThrough() throws Exception {
        Path fresh = Files.writeString(dir.resolve("public.pem"), freshPublicKeyPem());
        assertThat(problems(fresh.toString(), GOOD_SECRET)).isEmpty();
        assertThat(problems("https://sso.example.com/realms/support/protocol/openid-connect/certs", GOOD_SECRET))
                .as("a JWKS URL is not fetched at startup").isEmpty();
    }

    @Test
    void refusesAMissingKeyFileAndThePlaceholderKey() throws IOException {
        assertThat(problems(dir.resolve("nothing-here.pem").toString(), GOOD_SECRET)).singleElement().asString()
                .contains("cannot be read");
        Path placeholder = Files.writeString(dir.resolve("example.pem"),
                "-----BEGIN PUBLIC KEY-----\nCHANGE-ME-the-identity-providers-public-key\n-----END PUBLIC KEY-----\n");
        assertThat(problems(placeholder.toString(), GOOD_SECRET)).singleElement().asString()
                .contains("CHANGE-ME placeholder");
    }

    @Test
    void refusesCommittedAndPlaceholderSecrets() throws Exception {
        String key = Files.writeString(dir.resolve("public.pem"), freshPublicKeyPem()).toString();
        assertThat(problems(key, "dev-only-unsubscribe-key-never-use-in-production")).singleElement().asString()
                .startsWith("RADAR_NOTICES_UNSUBSCRIBE_SECRET is a committed dev/test value");
        assertThat(problems(key, "bench-only-unsubscribe-key-never-use-in-production")).singleElement().asString()
                .startsWith("RADAR_NOTICES_UNSUBSCRIBE_SECRET is a committed dev/test value");
        assertThat(problems(key, "CHANGE-ME-at-least-32-random-characters")).singleElement().asString()
                .contains("CHANGE-ME placeholder");
        Settings hold = new Settings(Optional.of(key), Optional.empty(), Optional.of(GOOD_SECRET),
                Optional.of("CHANGE-ME-rollout-hold-hmac-key"));
        assertThat(ProductionSecretsCheck.problems(hold, DEV_KEY, COMMITTED)).singleElement().asString()
                .startsWith("RADAR_ALERTS_ROLLOUT_HOLD_SECRET is the CHANGE-ME placeholder");
    }

    @Test
    void refusesNoAudienceCookiesWithoutSecureTheDevSignInAndCompanySignInWithoutASessionSecret() throws Exception {
        Optional<String> key = Optional.of(Files.writeString(dir.resolve("public.pem"), freshPublicKeyPem()).toString());
        Optional<String> secret = Optional.of(GOOD_SECRET);
        Optional<String> provider = Optional.of("https://login.example.com/realms/support");
        Settings good = new Settings(key, Optional.empty(), secret, Optional.empty(), Optional.of("release-radar"),
                true, false, provider, Optional.of(GOOD_SECRET));
        assertThat(ProductionSecretsCheck.problems(good, DEV_KEY, COMMITTED)).isEmpty();

        Settings bad = new Settings(key, Optional.empty(), secret, Optional.empty(), Optional.empty(), false, true,
                provider, Optional.empty());
        assertThat(ProductionSecretsCheck.problems(bad, DEV_KEY, COMMITTED)).satisfiesExactly(
                p -> assertThat(p).startsWith("MP_JWT_VERIFY_AUDIENCES is empty"),
                p -> assertThat(p).startsWith("RADAR_DASHBOARD_SECURE_COOKIE is false"),
                p -> assertThat(p).startsWith("RADAR_DASHBOARD_DEV_SIGN_IN is on"),
                p -> assertThat(p).startsWith("RADAR_DASHBOARD_OIDC_SESSION_SECRET must be set"));
        Settings shortSecret = new Settings(key, Optional.empty(), secret, Optional.empty(),
                Optional.of("release-radar"), true, false, provider, Optional.of("too-short"));
        assertThat(ProductionSecretsCheck.problems(shortSecret, DEV_KEY, COMMITTED)).singleElement().asString()
                .startsWith("RADAR_DASHBOARD_OIDC_SESSION_SECRET must be set");
    }

    @Test
    void refusesThePlaceholdersOfTheDeployExample() throws IOException {
        JsonNode secrets = null;
        JsonNode jwt = null;
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(Path.of("deploy/kubernetes/overlays/example/secret-example.yaml").toFile())) {
            for (JsonNode doc : docs.readAll()) {
                String name = doc.path("metadata").path("name").asText();
                if (name.equals("release-radar-secrets")) {
                    secrets = doc.path("stringData");
                } else if (name.equals("release-radar-jwt")) {
                    jwt = doc.path("stringData");
                }
            }
        }
        assertThat(secrets).isNotNull();
        assertThat(jwt).isNotNull();
        Path key = Files.writeString(dir.resolve("public.pem"), jwt.path("public.pem").asText());
        Settings example = new Settings(Optional.of(key.toString()), Optional.empty(),
                Optional.of(secrets.path("notices-unsubscribe-secret").asText()),
                Optional.of(secrets.path("alerts-rollout-hold-secret").asText()));
        assertThat(ProductionSecretsCheck.problems(example, DEV_KEY, COMMITTED)).hasSize(3)
                .allSatisfy(p -> assertThat(p).contains("CHANGE-ME placeholder"));
    }

    @Test
    void findsTheSecretsThatApplicationPropertiesCommitsForDevDemoAndTest() throws IOException {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                getClass().getClassLoader().getResource("application.properties"))).build();
        assertThat(ProductionSecretsCheck.committedSecrets(config)).contains(
                "dev-only-unsubscribe-key-never-use-in-production",
                "test-only-unsubscribe-key-never-use-in-production");
    }

    private static List<String> problems(String keyLocation, String unsubscribeSecret) {
        Settings settings = new Settings(Optional.of(keyLocation), Optional.empty(), Optional.of(unsubscribeSecret),
                Optional.empty());
        return ProductionSecretsCheck.problems(settings, DEV_KEY, COMMITTED);
    }

    static String freshPublicKeyPem() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return pem(generator.generateKeyPair().getPublic());
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
