package io.releaseradar.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.detection.core.VersionHealth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's exact output, pinned: every {@link Evaluation} (health, findings, signals with all their numbers,
 * summaries) of the named scenarios, the demo and a few drawn worlds, at many instants, under the shipped settings and
 * under a looser variant that reaches the branches the defaults rarely take (no 24 h window, weighted FDR families,
 * small margins), hashed per world. A change meant to keep behaviour (a refactor, a faster source) must leave every
 * digest as it is; a change meant to alter detection (new settings, new counting, a new test) changes them, and then
 * the new digests are pasted here on purpose, with the quality benchmark's figures in the same commit.
 *
 * <p>A test rather than a bench tool so that no one changes detection's output without noticing. On a mismatch the
 * message lists every world's new digest, ready to paste into {@link #EXPECTED}.
 */
class EvaluatorGoldenDigestTest {

    private static final long SEED = 1;

    /** The shipped settings, and a looser variant whose findings and near misses cover more of the code. */
    private static final Map<String, DetectionSettings> SETTINGS = Map.of(
            "defaults", DetectionSettings.defaults(),
            "loose", new DetectionSettings(List.of(Duration.ofHours(6), Duration.ofHours(72), Duration.ofHours(168)),
                    0.01, 0.2, 1.2, 3, 20, 7, 2.0, 6.0, 1.5, List.of("notes vanished", "lost", "crash on start"),
                    new DetectionSettings.Relevance(1.3, 1.6, 1.0, 0.2, 0.05, 1.0, 5, 0.1)));

    /** Per world and settings, the SHA-256 of its evaluations, recorded before the evaluator became a pipeline. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("scenario:sudden-5x-large:defaults:96 evaluations, 46 findings, 164 versions not healthy",
                    "3d24c42359dffcf067e880eb7fb2adfa45394e2d0790379a677dc12a1036fd2b"),
            Map.entry("scenario:sudden-5x-large:loose:96 evaluations, 50 findings, 439 versions not healthy",
                    "3a332f1cc638c6b323c1b654793dd927c8f7dc6124c9b2cf7f29fd9813a93266"),
            Map.entry("scenario:sudden-2x-large:defaults:96 evaluations, 0 findings, 224 versions not healthy",
                    "76ae6983ebf31f80e00723be2c5b9941b66f977e64e5ba0b7562535da0a541ed"),
            Map.entry("scenario:sudden-2x-large:loose:96 evaluations, 17 findings, 452 versions not healthy",
                    "2414565f536d84668d37f5540642ba2c8b267f05b7786b2c58c76afe653fba7d"),
            Map.entry("scenario:sudden-1.5x-large:defaults:96 evaluations, 11 findings, 173 versions not healthy",
                    "ae6f3905cb8a49fb9225955a751ffe142fe3d8d5674e003cf57e95dc414de578"),
            Map.entry("scenario:sudden-1.5x-large:loose:96 evaluations, 30 findings, 498 versions not healthy",
                    "4ad9f45b0d20a40e5a9516d34cf34015973ea876e451f96c9be21f293f21e7a9"),
            Map.entry("scenario:sudden-3x-old:defaults:96 evaluations, 35 findings, 198 versions not healthy",
                    "76e3131d5e4e3970e0ac8aa25fad7c1c980b5b151753e4835adc9356a051fff1"),
            Map.entry("scenario:sudden-3x-old:loose:96 evaluations, 38 findings, 437 versions not healthy",
                    "7eb59c4b61c9f8c266937b4ddc2c464f7517d8c76f6b59be0c3bccbd43e7c982"),
            Map.entry("scenario:sudden-10x-small:defaults:96 evaluations, 69 findings, 186 versions not healthy",
                    "abf3c274697a0ba2c663227e1b8c4f54c5b8fc689988ec9f0888ecf3d080822d"),
            Map.entry("scenario:sudden-10x-small:loose:96 evaluations, 69 findings, 473 versions not healthy",
                    "c5204dbc3516c487e0d2dede06e6b429776af8cef12b140a32f6c2be4b40a25f"),
            Map.entry("scenario:sudden-3x-small:defaults:96 evaluations, 31 findings, 249 versions not healthy",
                    "db6bd5245845a104aafceb132adc02592abd1d1f21e3cc0c0452227c1e05b960"),
            Map.entry("scenario:sudden-3x-small:loose:96 evaluations, 33 findings, 503 versions not healthy",
                    "5f3d06028a2eb7d8c6553c6507aac39ec04bece44dab0c93396f491a3052f7cb"),
            Map.entry("scenario:gradual-3x-large:defaults:96 evaluations, 41 findings, 240 versions not healthy",
                    "72690fd7be9e99c840e90115a899b8985da346ec257f0242f37303b20c869d36"),
            Map.entry("scenario:gradual-3x-large:loose:96 evaluations, 46 findings, 508 versions not healthy",
                    "26b9e301b1c2c42a4666adfdba0c96995e784652d72d542cfbc7a3f717a1408c"),
            Map.entry("scenario:gradual-2x-large:defaults:96 evaluations, 25 findings, 196 versions not healthy",
                    "4cb05887bdb6b5ab16d8936e167bf54f0857878f9a948a72d4f7ad31ebf54286"),
            Map.entry("scenario:gradual-2x-large:loose:96 evaluations, 36 findings, 502 versions not healthy",
                    "39246af03865d9595512f492948a09410c32a1123ca54495d909c23a3699a993"),
            Map.entry("scenario:gradual-5x-small:defaults:96 evaluations, 29 findings, 270 versions not healthy",
                    "7fcbd541f9bd78bf8320875a5f2fa0f6e466274ad92a65a843cd47fc96480f31"),
            Map.entry("scenario:gradual-5x-small:loose:96 evaluations, 30 findings, 473 versions not healthy",
                    "4a20f77a5b4517989d31bcddf117d08beca9ffc3d83f3dcecfe417b55a5951e7"),
            Map.entry("scenario:sudden-3x-large-holiday:defaults:96 evaluations, 47 findings, 205 versions not healthy",
                    "568509a1b64765541d3a1e6d000831caac1ceca1a9603780a83f3a002a412ef0"),
            Map.entry("scenario:sudden-3x-large-holiday:loose:96 evaluations, 48 findings, 436 versions not healthy",
                    "5cc260b300a996448708353dc57a491ee223b0251075dd8827ac8e6878e13f6c"),
            Map.entry("scenario:quiet:defaults:96 evaluations, 0 findings, 193 versions not healthy",
                    "740b44eae2212004d7401900be79dcb60e2c5979c0bb687d41a6e9066ffd63bf"),
            Map.entry("scenario:quiet:loose:96 evaluations, 0 findings, 441 versions not healthy",
                    "aa0b921f8f8aeac5688fa9ec0900bdc88a69605843d34cb38ff71d0517488a24"),
            Map.entry("scenario:platform-outage:defaults:96 evaluations, 4 findings, 267 versions not healthy",
                    "4d3b4178028d8f03b91f18901faa6568399d89e3d38e923e20f0cdb6e9cce38c"),
            Map.entry("scenario:platform-outage:loose:96 evaluations, 4 findings, 526 versions not healthy",
                    "bb8eb43596c725b8dfd609525a5185fc693cf48749c3eb831d47ed87638d46e3"),
            Map.entry("scenario:marketing-campaign:defaults:96 evaluations, 0 findings, 162 versions not healthy",
                    "af00b9df9ebe3743e7d0f92df0dc9e841fa01d273342e3d2479a3d6bb0c7e2e1"),
            Map.entry("scenario:marketing-campaign:loose:96 evaluations, 2 findings, 494 versions not healthy",
                    "4ba68623721d7d48ca9ec8d9ae3d6ce6a9f7d7be6d48122a976ad76c429171f9"),
            Map.entry("scenario:holiday-dip:defaults:96 evaluations, 3 findings, 197 versions not healthy",
                    "71424435773f19585c2d858bf66254878a8399cf87c096d4506c4071fe19b681"),
            Map.entry("scenario:holiday-dip:loose:96 evaluations, 9 findings, 412 versions not healthy",
                    "94c7b57290d16ddb9bb604a2fcc209baf582fcf44a7bbec805d06a7e67f0198a"),
            Map.entry("scenario:tiny-beta:defaults:96 evaluations, 0 findings, 207 versions not healthy",
                    "9ab11d7f610e2e97131c887d2687726dab321d438ace9f4cb42231e9fbb526f9"),
            Map.entry("scenario:tiny-beta:loose:96 evaluations, 0 findings, 504 versions not healthy",
                    "062cde07536af32138076bcfef2b2e414671f5dce03c8d66875c54feb02f6db0"),
            Map.entry("scenario:early-adopters:defaults:96 evaluations, 0 findings, 192 versions not healthy",
                    "28a2e76cbb0ae3037fb857114d7b7bc76876eccc385728e48fbfe1d96196460e"),
            Map.entry("scenario:early-adopters:loose:96 evaluations, 0 findings, 482 versions not healthy",
                    "85c438c81ba438e25fa1678fb0902a83ee2772fdd89460edb639bebf136de4ee"),
            Map.entry("scenario:category-rename:defaults:96 evaluations, 0 findings, 174 versions not healthy",
                    "e3800fb3cd14e50c57d3ec84c569f47e932a1ff853515755cdccfa18f6e1588d"),
            Map.entry("scenario:category-rename:loose:96 evaluations, 0 findings, 504 versions not healthy",
                    "493aa2e502ffca3a08f5a6eb0f7aa0e5012c06cf28e6c8e7cf57071d9258924c"),
            Map.entry("demo:2026-11-30T09:00:00Z:defaults:101 evaluations, 35 findings, 48 versions not healthy",
                    "0c8b0caa5922ebe97574b13f6439a13c8a98dbe635d690071f3c4228fefc733c"),
            Map.entry("demo:2026-11-30T09:00:00Z:loose:101 evaluations, 41 findings, 143 versions not healthy",
                    "d8a7e0f1c55ffdf87d40f663b2c4cb6f96cfc5642bc881f46787fb4031556a31"),
            Map.entry("demo:2026-12-03T17:00:00Z:defaults:101 evaluations, 28 findings, 45 versions not healthy",
                    "7ff4854ad05205e3c1a20af2f277724889b15031873e234a9e8377672833fee3"),
            Map.entry("demo:2026-12-03T17:00:00Z:loose:101 evaluations, 43 findings, 132 versions not healthy",
                    "9a68d78f2c71ec661faa5331800680fe04a2a292d79aa39b419e9d4365e3d8ca"),
            Map.entry("family:steady-enterprise:7:defaults:62 evaluations, 19 findings, 328 versions not healthy",
                    "c6a7f03e28b39aa2571ba20db93dbb63db3a067e42b115d5964afb95cd5851b5"),
            Map.entry("family:steady-enterprise:7:loose:62 evaluations, 76 findings, 505 versions not healthy",
                    "85b627a4a2e4018c193f0d5c8e4cdb0321c455ec352ef5be328d9873f61b3593"),
            Map.entry("family:consumer-bursty:7:defaults:62 evaluations, 23 findings, 96 versions not healthy",
                    "970038150f1a08266c2807b8fcf8ba826f7e9f430205fe5ceb2afb2f9dad51b5"),
            Map.entry("family:consumer-bursty:7:loose:62 evaluations, 48 findings, 261 versions not healthy",
                    "76f0929c6fa316f1a092c929befacbb72e3021eea976bc69449981ee32b6ede9"),
            Map.entry("family:many-small-versions:7:defaults:62 evaluations, 57 findings, 277 versions not healthy",
                    "56ce6438110e3f8519ed4eb1981cbb7fc72b2ef8a5469d3cb3a3e014467313a3"),
            Map.entry("family:many-small-versions:7:loose:62 evaluations, 171 findings, 917 versions not healthy",
                    "b450674424e2233e2800328d7ef08dbe1bb2b3d8bcb97cddddaae6f6ff1372df"),
            Map.entry("family:fast-rollout:7:defaults:62 evaluations, 36 findings, 95 versions not healthy",
                    "e631989f3a38972229f3e3b71b9ddc01d2ba7cc4f6f9eb305604c12ddb62fd9a"),
            Map.entry("family:fast-rollout:7:loose:62 evaluations, 54 findings, 251 versions not healthy",
                    "d82609c03c4524fd91e09e7422c89c10ea6ffa2910d4ac163bf4670f9fba93c9"));

    @Test
    void everyEvaluationIsExactlyAsRecorded() {
        Map<String, String> actual = new LinkedHashMap<>();
        for (ScenarioSpec spec : Scenarios.all()) {
            SimulatedWorld world = Simulator.simulate(spec, SEED);
            digest(actual, "scenario:" + spec.name(), world, Duration.ofHours(7));
        }
        for (Instant end : List.of(Instant.parse("2026-11-30T09:00:00Z"), Instant.parse("2026-12-03T17:00:00Z"))) {
            SimulatedWorld world = Simulator.simulate(DemoScenario.of("notes", end),
                    Long.parseLong(DemoConfig.DEFAULT_SEED));
            digest(actual, "demo:" + end, world, Duration.ofHours(5));
        }
        for (WorldFamily family : WorldFamilies.all()) {
            SimulatedWorld world = Simulator.simulate(family.draw(7), 7);
            digest(actual, "family:" + family.name() + ":7", world, Duration.ofHours(11));
        }
        String paste = actual.entrySet().stream().map(e -> "            Map.entry(\"" + e.getKey() + "\", \""
                + e.getValue() + "\")").collect(Collectors.joining(",\n"));
        assertThat(actual).as("evaluator digests changed; if on purpose, paste into EXPECTED:\n" + paste)
                .isEqualTo(EXPECTED);
    }

    /**
     * Evaluates the world every {@code step} over its evaluation period (minutes past the hour, so that the hour's
     * truncation is exercised), under each settings, and records one digest per settings.
     */
    private static void digest(Map<String, String> out, String name, SimulatedWorld world, Duration step) {
        InMemoryDetectionSource source = InMemoryDetectionSource.of(world);
        for (String settings : List.of("defaults", "loose")) {
            MessageDigest sha = sha256();
            int n = 0, findings = 0, unhealthy = 0;
            for (Instant t = world.evaluationStart().plus(Duration.ofMinutes(30)); !t.isAfter(world.end());
                    t = t.plus(step)) {
                Evaluation e = Evaluator.evaluate(world.product(), t, source, SETTINGS.get(settings));
                sha.update((e + "\n").getBytes(StandardCharsets.UTF_8));
                n++;
                findings += e.findings().size();
                unhealthy += (int) e.health().stream().filter(h -> h.status() != VersionHealth.Status.HEALTHY).count();
            }
            // the counts say at a glance what a digest covers (and where a changed one changed)
            out.put(name + ":" + settings + ":" + n + " evaluations, " + findings + " findings, " + unhealthy
                    + " versions not healthy", HexFormat.of().formatHex(sha.digest()));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
