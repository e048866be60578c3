package io.releaseradar.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The invariants of deploy/kubernetes, checked without a cluster: on the files as written and, where kubectl is
 * installed, on what {@code kubectl kustomize} renders for the example overlay.
 */
class KubernetesManifestsTest {

    /** PostgreSQL's default max_connections (100) less its reserved slots and room for an operator's psql. */
    private static final int CONNECTION_BUDGET = 90;

    @Test
    void theFilesAsWrittenHoldTheInvariants() {
        checkInvariants(Manifests.unrendered(Manifests.EXAMPLE));
    }

    @Test
    void whatKustomizeRendersForTheExampleHoldsThemToo() throws Exception {
        Optional<Manifests> rendered = Manifests.rendered(Manifests.EXAMPLE);
        Assumptions.assumeTrue(rendered.isPresent(), "kubectl is not installed: kustomize rendering not checked");
        Manifests m = rendered.get();
        checkInvariants(m);
        assertThat(m.all()).allSatisfy(d -> assertThat(d.path("metadata").path("namespace").asText())
                .as("namespace of %s", name(d)).isEqualTo("release-radar"));
        JsonNode container = container(m.one("Deployment"));
        assertThat(container.path("image").asText()).isEqualTo("registry.example.com/release-radar:0.1.0");
        JsonNode data = m.one("ConfigMap").path("data");
        assertThat(data.path("RADAR_NOTICES_PUBLIC_URL").asText()).as("the overlay's patch")
                .isEqualTo("https://radar.example.com");
        assertThat(data.path("QUARKUS_DATASOURCE_JDBC_MAX_SIZE").asText()).as("kept from the base").isEqualTo("12");
    }

    @Test
    void everyKustomizationListsExactlyTheFilesBesideIt() throws IOException {
        List<Path> dirs;
        try (Stream<Path> files = Files.walk(Manifests.KUBERNETES)) {
            dirs = files.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent)
                    .toList();
        }
        assertThat(dirs).contains(Manifests.BASE, Manifests.EXAMPLE);
        for (Path dir : dirs) {
            JsonNode k = Manifests.kustomization(dir);
            Set<String> listed = new HashSet<>();
            k.path("resources").forEach(r -> listed.add(r.asText()));
            k.path("patches").forEach(p -> listed.add(p.path("path").asText()));
            for (String entry : listed) {
                assertThat(dir.resolve(entry)).as("%s lists %s", dir, entry).exists();
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<String> yaml = files.map(p -> p.getFileName().toString())
                        .filter(n -> (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.equals("kustomization.yaml"))
                        .toList();
                assertThat(listed).as("%s/kustomization.yaml names every manifest beside it", dir)
                        .containsAll(yaml);
            }
        }
        assertThat(Manifests.kustomization(Manifests.EXAMPLE).path("resources").toString()).contains("../../base");
    }

    private static void checkInvariants(Manifests m) {
        JsonNode deployment = m.one("Deployment");
        JsonNode spec = deployment.path("spec");
        JsonNode pod = spec.path("template");
        Map<String, String> podLabels = strings(pod.path("metadata").path("labels"));
        JsonNode container = container(deployment);

        assertThat(spec.path("replicas").asInt()).as("replicas").isEqualTo(3);
        assertThat(podLabels).as("pod labels").containsAllEntriesOf(strings(spec.path("selector").path("matchLabels")));

        // Probes on the Quarkus health endpoints, through the container's port 8080.
        Map<String, String> probes = Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        probes.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo(path);
            assertThat(containerPort(container, get.path("port"))).as(probe + " port").isEqualTo(8080);
        });

        for (String section : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertThat(container.path("resources").path(section).path(resource).asText())
                        .as("resources.%s.%s", section, resource).isNotBlank();
            }
        }

        // Non-root, read-only root filesystem, and a writable /tmp.
        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        String tmpVolume = mountedAt(container, "/tmp").orElseGet(() -> fail("nothing is mounted at /tmp"));
        assertThat(volume(pod, tmpVolume).has("emptyDir")).as("/tmp is an emptyDir").isTrue();

        // Config from ConfigMaps that exist; secrets from keys of Secrets that exist.
        for (JsonNode from : container.path("envFrom")) {
            assertThat(from.has("configMapRef") || from.has("secretRef")).as("envFrom %s", from).isTrue();
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                assertThat(m.named("ConfigMap", name)).as("ConfigMap %s", name).isPresent();
            } else {
                String name = from.path("secretRef").path("name").asText();
                assertThat(m.named("Secret", name)).as("Secret %s", name).isPresent();
            }
        }
        for (JsonNode env : container.path("env")) {
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode() && !ref.path("optional").asBoolean(false)) {
                assertThat(secretKeys(m, ref.path("name").asText())).as("secret of %s", env.path("name").asText())
                        .contains(ref.path("key").asText());
            }
            JsonNode cmRef = env.path("valueFrom").path("configMapKeyRef");
            if (!cmRef.isMissingNode()) {
                assertThat(m.named("ConfigMap", cmRef.path("name").asText())).isPresent();
            }
        }
        for (JsonNode v : pod.path("spec").path("volumes")) {
            if (v.has("secret")) {
                Set<String> keys = secretKeys(m, v.path("secret").path("secretName").asText());
                v.path("secret").path("items").forEach(i -> assertThat(keys).contains(i.path("key").asText()));
            }
        }

        // Prometheus scrapes /q/metrics on 8080.
        Map<String, String> annotations = strings(pod.path("metadata").path("annotations"));
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/q/metrics").containsEntry("prometheus.io/port", "8080");

        JsonNode service = m.one("Service");
        Map<String, String> selector = strings(service.path("spec").path("selector"));
        assertThat(selector).as("Service selector").isNotEmpty();
        assertThat(podLabels).as("the Service selects the Deployment's pods").containsAllEntriesOf(selector);
        assertThat(service.path("spec").path("ports")).allSatisfy(p -> assertThat(containerPort(container,
                p.path("targetPort"))).isEqualTo(8080));

        JsonNode pdb = m.one("PodDisruptionBudget").path("spec");
        Map<String, String> pdbSelector = strings(pdb.path("selector").path("matchLabels"));
        assertThat(pdbSelector).as("PDB selector").isNotEmpty();
        assertThat(podLabels).as("the PDB selects the Deployment's pods").containsAllEntriesOf(pdbSelector);
        assertThat(pdb.has("minAvailable") || pdb.has("maxUnavailable")).as("minAvailable or maxUnavailable").isTrue();
        if (pdb.path("minAvailable").isInt()) {
            assertThat(pdb.path("minAvailable").asInt()).as("a drain can still move a pod").isLessThan(3);
        }

        JsonNode hpa = m.one("HorizontalPodAutoscaler");
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        assertThat(target.path("kind").asText()).isEqualTo("Deployment");
        assertThat(target.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(target.path("name").asText()).isEqualTo(deployment.path("metadata").path("name").asText());
        int maxReplicas = hpa.path("spec").path("maxReplicas").asInt();
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(3).isLessThanOrEqualTo(maxReplicas);
        String poolSize = m.ofKind("ConfigMap").stream().map(c -> c.path("data").path(
                "QUARKUS_DATASOURCE_JDBC_MAX_SIZE").asText("")).filter(s -> !s.isEmpty()).findFirst().orElse("20");
        int surge = spec.path("strategy").path("rollingUpdate").path("maxSurge").asInt(1);
        assertThat((maxReplicas + surge) * Integer.parseInt(poolSize)).as("connections at maxReplicas, mid-rollout")
                .isLessThanOrEqualTo(CONNECTION_BUDGET);
    }

    static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).as("containers").isEqualTo(1);
        return containers.get(0);
    }

    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    private static Optional<String> mountedAt(JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                return Optional.of(mount.path("name").asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("spec").path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static Set<String> secretKeys(Manifests m, String name) {
        JsonNode secret = m.named("Secret", name).orElseThrow(() -> new AssertionError("no Secret " + name));
        Set<String> keys = new HashSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> result = new TreeMap<>();
        map.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    private static String name(JsonNode doc) {
        return doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
    }
}
