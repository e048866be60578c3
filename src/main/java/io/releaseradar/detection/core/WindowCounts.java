package io.releaseradar.detection.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct customers per version and symptom over several windows that end at the same hour: for each (version,
 * symptom) one array with a count per window, in the order the windows were asked. Grouped by version, since the
 * tests of one version read only its own cells, and unboxed, since an evaluation reads tens of thousands of them.
 * A cell with no customer in any window is absent. Immutable once built.
 */
public final class WindowCounts {

    private final int windows;
    private final Map<String, Map<String, long[]>> byVersion;

    private WindowCounts(int windows, Map<String, Map<String, long[]>> byVersion) {
        this.windows = windows;
        this.byVersion = byVersion;
    }

    /** From one map per window, as {@link DetectionSource#customers} gives them. */
    public static WindowCounts of(List<Map<VersionSymptom, Long>> perWindow) {
        return of(perWindow, 0);
    }

    /** {@link #of(List)}, leaving out the symptoms {@link Builder#build(long)} leaves out. */
    public static WindowCounts of(List<Map<VersionSymptom, Long>> perWindow, long keepAtLeast) {
        Builder b = new Builder(perWindow.size());
        for (int i = 0; i < perWindow.size(); i++) {
            int w = i;
            perWindow.get(i).forEach((k, n) -> b.add(k.version(), k.symptom(), w, n));
        }
        return b.build(keepAtLeast);
    }

    /** How many windows each count array holds. */
    public int windows() {
        return windows;
    }

    /** The version's counts by symptom (do not modify the arrays); empty when it has none. */
    public Map<String, long[]> of(String version) {
        return byVersion.getOrDefault(version, Map.of());
    }

    /** One cell's customers in window {@code w}; 0 when absent. */
    public long count(String version, String symptom, int w) {
        long[] c = of(version).get(symptom);
        return c == null ? 0 : c[w];
    }

    /** Per symptom, the counts summed over the given versions (a fresh map). */
    public Map<String, long[]> totals(Collection<String> versions) {
        Map<String, long[]> out = new HashMap<>();
        for (String v : versions) {
            of(v).forEach((symptom, c) -> {
                long[] sum = out.get(symptom);
                if (sum == null) {
                    out.put(symptom, c.clone());
                } else {
                    for (int i = 0; i < c.length; i++) {
                        sum[i] += c[i];
                    }
                }
            });
        }
        return out;
    }

    /** Window {@code w} as one map, the cells with customers only: for tests and comparisons. */
    public Map<VersionSymptom, Long> window(int w) {
        Map<VersionSymptom, Long> out = new HashMap<>();
        byVersion.forEach((v, cells) -> cells.forEach((symptom, c) -> {
            if (c[w] > 0) {
                out.put(new VersionSymptom(v, symptom), c[w]);
            }
        }));
        return out;
    }

    /**
     * These counts with {@code each} added to every window (an hour that every window ends with), leaving out the
     * symptoms {@link Builder#build(long)} leaves out. A new instance; this one is unchanged.
     */
    public WindowCounts plusEach(Map<VersionSymptom, Long> each, long keepAtLeast) {
        // The cells the hour leaves alone share their arrays with this instance (neither ever changes them), the
        // others get new ones: an evaluation within an hour copied every cell of its longest window here. The maps
        // are filled in the order the builder filled them and by the same calls (computeIfAbsent puts a new key at
        // the head of its hash bucket, put at the tail), so they iterate alike: ties keep the first candidate.
        // Each symptom's most customers are found on the way (the hour only adds, so its cells' new counts are the
        // larger ones).
        Map<String, Map<String, long[]>> out = new HashMap<>();
        Map<String, long[]> most = new HashMap<>();
        boolean filter = keepAtLeast > 1;
        byVersion.forEach((v, cells) -> {
            Map<String, long[]> copy = out.computeIfAbsent(v, k -> new HashMap<>());
            cells.forEach((symptom, c) -> {
                copy.putIfAbsent(symptom, c);
                if (filter) {
                    Builder.raise(most, symptom, c);
                }
            });
        });
        each.forEach((k, n) -> {
            Map<String, long[]> cells = out.computeIfAbsent(k.version(), x -> new HashMap<>());
            long[] c = cells.get(k.symptom());
            long[] sum = c == null ? new long[windows] : c.clone();
            for (int w = 0; w < windows; w++) {
                sum[w] += n;
            }
            if (c == null) {
                cells.computeIfAbsent(k.symptom(), x -> sum);
            } else {
                cells.put(k.symptom(), sum);
            }
            if (filter) {
                Builder.raise(most, k.symptom(), sum);
            }
        });
        return new WindowCounts(windows, Builder.kept(out, keepAtLeast, most));
    }

    /**
     * These counts less every cell of the {@code dropped} symptoms, plus the {@code added} cells (version → symptom
     * → a count per window), leaving out the symptoms {@link Builder#build(long)} leaves out. A new instance; this
     * one is unchanged.
     */
    public WindowCounts replacing(java.util.Set<String> dropped, Map<String, Map<String, long[]>> added,
            long keepAtLeast) {
        Builder b = new Builder(windows);
        byVersion.forEach((v, cells) -> cells.forEach((symptom, c) -> {
            if (!dropped.contains(symptom)) {
                b.add(v, symptom, c.clone());
            }
        }));
        added.forEach((v, cells) -> cells.forEach((symptom, c) -> b.add(v, symptom, c.clone())));
        return b.build(keepAtLeast);
    }

    private static boolean allZero(long[] c) {
        for (long n : c) {
            if (n != 0) {
                return false;
            }
        }
        return true;
    }

    /** Collects counts; adding to a cell twice adds up. */
    public static final class Builder {
        private final int windows;
        private final Map<String, Map<String, long[]>> byVersion = new HashMap<>();

        public Builder(int windows) {
            this.windows = windows;
        }

        /** Adds {@code n} customers to one cell in window {@code w}. */
        public Builder add(String version, String symptom, int w, long n) {
            cell(version, symptom)[w] += n;
            return this;
        }

        /**
         * Adds a cell's counts of every window (length {@link #windows}) to it. The builder keeps {@code counts}
         * when the cell is new: the caller must not change it afterwards.
         */
        public Builder add(String version, String symptom, long[] counts) {
            if (counts.length != windows) {
                throw new IllegalArgumentException("expected " + windows + " counts, got " + counts.length);
            }
            Map<String, long[]> cells = byVersion.computeIfAbsent(version, k -> new HashMap<>());
            long[] c = cells.putIfAbsent(symptom, counts);
            if (c != null) {
                for (int i = 0; i < windows; i++) {
                    c[i] += counts[i];
                }
            }
            return this;
        }

        private long[] cell(String version, String symptom) {
            return byVersion.computeIfAbsent(version, k -> new HashMap<>())
                    .computeIfAbsent(symptom, k -> new long[windows]);
        }

        public WindowCounts build() {
            return build(0);
        }

        /**
         * The counts, leaving out every cell of a symptom that has fewer than {@code keepAtLeast} customers on every
         * version in every window: a test needs that many, so such a symptom is never tested, and the totals of a
         * symptom that is kept stay whole. 0 or 1 keeps every cell with customers.
         */
        public WindowCounts build(long keepAtLeast) {
            return new WindowCounts(windows, kept(byVersion, keepAtLeast));
        }

        /** {@code byVersion} less the cells {@link #build(long)} leaves out (changed in place). */
        private static Map<String, Map<String, long[]>> kept(Map<String, Map<String, long[]>> byVersion,
                long keepAtLeast) {
            Map<String, long[]> most = new HashMap<>();
            if (keepAtLeast > 1) {
                byVersion.values().forEach(cells -> cells.forEach((symptom, c) -> raise(most, symptom, c)));
            }
            return kept(byVersion, keepAtLeast, most);
        }

        /**
         * Raises {@code most}'s entry for the symptom (the most customers any of its cells has in a window; a holder
         * each, no boxing per cell) to the cell's largest count.
         */
        private static void raise(Map<String, long[]> most, String symptom, long[] c) {
            long m = 0;
            for (long n : c) {
                m = Math.max(m, n);
            }
            long[] known = most.get(symptom);
            if (known == null) {
                most.put(symptom, new long[] {m});
            } else if (m > known[0]) {
                known[0] = m;
            }
        }

        /** {@link #kept(Map, long)} given each symptom's most customers (all of them when keepAtLeast > 1). */
        private static Map<String, Map<String, long[]>> kept(Map<String, Map<String, long[]>> byVersion,
                long keepAtLeast, Map<String, long[]> most) {
            byVersion.values().removeIf(cells -> {
                cells.entrySet().removeIf(e -> allZero(e.getValue())
                        || keepAtLeast > 1 && most.get(e.getKey())[0] < keepAtLeast);
                return cells.isEmpty();
            });
            return byVersion;
        }
    }
}
