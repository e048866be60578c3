package io.releaseradar.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settings the deploy files give the service: each one a setting the application reads (so a typo fails here,
 * not silently in production), named in deploy/README.md, secrets only from Secrets, and the same names in the
 * compose file as in the Kubernetes manifests.
 */
class DeploySettingsTest {

    /**
     * Framework settings the service relies on without naming them in application.properties (datasource keys are
     * found there through their dev and test profile values; the dev profiles' JWT key is made in memory, so the key
     * location is named here).
     */
    private static final Set<String> FRAMEWORK_SETTINGS = Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_MAILER_HOST",
            "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD", "QUARKUS_MAILER_START_TLS",
            "QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|USERNAME|TOKEN|PRIVATE).*");
    private static final Set<String> REQUIRED = Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER",
            "RADAR_NOTICES_UNSUBSCRIBE_SECRET");

    private static Set<String> known;
    private static Set<String> knownPrefixes;
    private static String readme;

    @BeforeAll
    static void appSettings() throws Exception {
        known = new TreeSet<>(FRAMEWORK_SETTINGS);
        knownPrefixes = new TreeSet<>();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        Pattern reference = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)");
        for (String key : properties.stringPropertyNames()) {
            known.add(envName(key.replaceFirst("^%[a-z]+\\.", "")));
            Matcher m = reference.matcher(properties.getProperty(key));
            while (m.find()) {
                known.add(envName(m.group(1)));
            }
        }
        for (Class<?> mapping : configMappings()) {
            addMapping(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping);
        }
        readme = Files.readString(Manifests.DEPLOY.resolve("README.md"));
    }

    @Test
    void theDerivedSettingsAreTheOnesTheAppReads() {
        // A sanity check of the derivation itself, so that the checks below cannot pass on an empty set.
        assertThat(known).contains("RADAR_NOTICES_MAX_PER_SECOND", "RADAR_ALERTS_ROLLOUT_HOLD_SECRET",
                "RADAR_INGEST_DEAD_LETTER_TOPIC", "RADAR_HTTP_MAX_REQUEST_BYTES", "MP_JWT_VERIFY_ISSUER",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "RADAR_MAIL_FROM")
                .doesNotContain("RADAR_NOTICES_MAX_PER_SECONDS");
        assertThat(knownPrefixes).contains("RADAR_DETECTION_SYMPTOMS_CATEGORY_ALIASES_");
    }

    @Test
    void everySettingTheManifestsGiveIsKnownAndDocumented() {
        Manifests m = Manifests.unrendered(Manifests.EXAMPLE);
        Set<String> names = kubernetesNames(m);
        assertThat(names).containsAll(REQUIRED);
        assertThat(names).allSatisfy(DeploySettingsTest::knownAndDocumented);
    }

    @Test
    void secretsComeFromSecretsOnly() {
        Manifests m = Manifests.unrendered(Manifests.EXAMPLE);
        for (JsonNode configMap : m.ofKind("ConfigMap")) {
            configMap.path("data").fieldNames().forEachRemaining(name -> assertThat(name)
                    .as("a secret in ConfigMap %s", configMap.path("metadata").path("name").asText())
                    .doesNotMatch(SECRET_NAME));
        }
        Set<String> fromSecrets = new HashSet<>();
        for (JsonNode env : KubernetesManifestsTest.container(m.one("Deployment")).path("env")) {
            String name = env.path("name").asText();
            boolean secretRef = env.path("valueFrom").has("secretKeyRef");
            if (SECRET_NAME.matcher(name).matches()) {
                assertThat(secretRef).as("%s from a secretKeyRef", name).isTrue();
                assertThat(env.has("value")).as("%s as a literal", name).isFalse();
            }
            if (secretRef) {
                fromSecrets.add(name);
            }
        }
        assertThat(fromSecrets).contains("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                "QUARKUS_MAILER_PASSWORD", "RADAR_NOTICES_UNSUBSCRIBE_SECRET", "RADAR_ALERTS_ROLLOUT_HOLD_SECRET");
        // The JWT public key is a file from a Secret volume; its location a plain setting pointing into the mount.
        String location = m.one("ConfigMap").path("data").path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText();
        JsonNode container = KubernetesManifestsTest.container(m.one("Deployment"));
        JsonNode volumes = m.one("Deployment").path("spec").path("template").path("spec").path("volumes");
        boolean inSecretMount = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (location.startsWith(mount.path("mountPath").asText() + "/")) {
                for (JsonNode v : volumes) {
                    inSecretMount |= v.path("name").asText().equals(mount.path("name").asText()) && v.has("secret");
                }
            }
        }
        assertThat(inSecretMount).as("%s lies in a mounted Secret", location).isTrue();
    }

    @Test
    void composeUsesTheSameSettingNames() {
        JsonNode compose = Manifests.read(Manifests.DEPLOY.resolve("compose.yaml")).get(0);
        JsonNode service = compose.path("services").path("release-radar");
        Set<String> names = new TreeSet<>();
        service.path("environment").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(REQUIRED).allSatisfy(DeploySettingsTest::knownAndDocumented);
        assertThat(kubernetesNames(Manifests.unrendered(Manifests.EXAMPLE))).as("named alike in Kubernetes")
                .containsAll(names);
        assertThat(service.path("environment").path("RADAR_NOTICES_UNSUBSCRIBE_SECRET").asText())
                .as("from the operator's shell, not committed").startsWith("${RADAR_NOTICES_UNSUBSCRIBE_SECRET");
        assertThat(Manifests.DEPLOY.resolve(service.path("build").path("context").asText())
                .resolve(service.path("build").path("dockerfile").asText())).isRegularFile();
        assertThat(compose.path("services").fieldNames()).toIterable()
                .contains("release-radar", "postgres", "kafka", "mailpit");
        assertThat(compose.path("services").path("postgres").path("image").asText()).startsWith("postgres:16");
        assertThat(compose.path("services").path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .as("KRaft, one node").isEqualTo("broker,controller");
    }

    @Test
    void theContainerImageRunsThePackagedAppAsAnUnprivilegedUser() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/docker/Dockerfile.jvm"));
        assertThat(lines).anyMatch(l -> l.startsWith("COPY") && l.contains("target/quarkus-app/lib/"))
                .anyMatch(l -> l.equals("EXPOSE 8080"))
                .anyMatch(l -> l.startsWith("ENTRYPOINT") && l.contains("quarkus-run.jar"));
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertThat(user).as("the last USER, numeric for runAsNonRoot").matches("USER [1-9][0-9]*(:[0-9]+)?");
        int uid = Integer.parseInt(user.substring(5).split(":")[0]);
        int runAsUser = Manifests.unrendered(Manifests.EXAMPLE).one("Deployment").path("spec").path("template")
                .path("spec").path("securityContext").path("runAsUser").asInt();
        assertThat(runAsUser).as("the Deployment's runAsUser").isEqualTo(uid);
    }

    private static Set<String> kubernetesNames(Manifests m) {
        Set<String> names = new TreeSet<>();
        for (JsonNode configMap : m.ofKind("ConfigMap")) {
            configMap.path("data").fieldNames().forEachRemaining(names::add);
        }
        for (JsonNode env : KubernetesManifestsTest.container(m.one("Deployment")).path("env")) {
            names.add(env.path("name").asText());
        }
        return names;
    }

    private static void knownAndDocumented(String name) {
        assertThat(known.contains(name) || knownPrefixes.stream().anyMatch(name::startsWith))
                .as("%s is a setting the application reads", name).isTrue();
        assertThat(readme).as("deploy/README.md names %s", name).contains("`" + name + "`");
    }

    /** {@code radar.notices.max-per-second} → {@code RADAR_NOTICES_MAX_PER_SECOND}, as SmallRye Config maps it. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static void addMapping(String prefix, Class<?> type) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() != 0 || !Modifier.isAbstract(method.getModifiers())) {
                continue;
            }
            String name = prefix + "." + kebab(method.getName());
            Class<?> returned = method.getReturnType();
            if (Map.class.isAssignableFrom(returned)) {
                knownPrefixes.add(envName(name) + "_");
            } else if (returned.isInterface() && returned.getName().startsWith("io.releaseradar.")) {
                addMapping(name, returned);
            } else {
                known.add(envName(name));
            }
        }
    }

    private static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The application's {@code @ConfigMapping} interfaces, found among its compiled classes. */
    private static List<Class<?>> configMappings() throws IOException {
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> found = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(n -> !n.contains("$"))
                    .map(DeploySettingsTest::load).flatMap(Optional::stream)
                    .filter(c -> c.isAnnotationPresent(ConfigMapping.class)).<Class<?>>map(c -> c).toList();
            assertThat(found).as("@ConfigMapping interfaces").hasSizeGreaterThanOrEqualTo(8);
            return found;
        }
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, DeploySettingsTest.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
