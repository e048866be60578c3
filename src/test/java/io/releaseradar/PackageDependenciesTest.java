package io.releaseradar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows between features point one way (STYLE.md): read from the main sources, a package depends on another when
 * it names one of its types (an import, or a qualified name in the code). A plain scan of the sources, since the
 * rules are few and need no extra library.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/releaseradar");
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.releaseradar\\.([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("io\\.releaseradar\\.([a-z]\\w*(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    /** Cycles nobody has broken yet: each one listed here is a debt, and the test fails once it is paid. */
    private static final Set<Set<String>> KNOWN_CYCLES = Set.of(Set.of("notices", "notices.delivery"));

    /** Package (below io.releaseradar) → the packages its sources name. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                Matcher p = PACKAGE.matcher(source);
                assertThat(p.find()).as("package of " + f).isTrue();
                String from = p.group(1);
                Set<String> to = out.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher r = REFERENCE.matcher(source);
                while (r.find()) {
                    if (!r.group(1).equals(from)) {
                        to.add(r.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The strongly connected components of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!graph.containsKey(w)) {
                continue;
            }
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    @Test
    void noPackageCycles() {
        Map<String, Set<String>> graph = dependencies();
        assertThat(graph).containsKeys("detection", "alerts", "releases");

        assertThat(cycles(graph)).containsExactlyInAnyOrderElementsOf(KNOWN_CYCLES);
    }

    @Test
    void detectionPublishesToAlertsAndReadsTheCatalogueNeverTheOtherWayRound() {
        Map<String, Set<String>> graph = dependencies();

        assertThat(graph.get("detection")).doesNotContain("alerts", "alerts.notify", "notices", "dashboard");
        assertThat(graph.get("releases")).doesNotContain("detection", "alerts");
        assertThat(graph.get("alerts")).contains("detection");
        // the statistics are plain Java: they name nothing of the features
        assertThat(graph.get("detection.core")).isSubsetOf("detection.stats");
        assertThat(graph.get("detection.stats")).isEmpty();
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a"));

        assertThat(cycles(graph)).containsExactly(Set.of("a", "b", "c"));
    }
}
