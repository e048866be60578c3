package io.releaseradar.ingest;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Representative verbatim contacts of a symptom on a version, for alerts: contacts that show a support lead in the
 * customers' own words what the numbers are about. Distinct customers first (one angry customer calling ten times is
 * one voice), newest first.
 *
 * <p>A symptom is {@code ""} or null (any contact), {@code category:<name>} (contacts whose helpdesk category
 * normalises to name: lower case, runs of anything but letters and digits as one '-'; renamed categories count under
 * their new name), or a key phrase: lower-case words, each of which must begin a word of the subject or the start of
 * the body after the phrase extraction's light normalisation (apostrophes dropped, runs of a letter collapsed, plural
 * to singular), so "lost note" finds "Lost my notes". The normalisation is repeated here because ingest does not
 * depend on detection; phrase words and contact words both go through it, so they meet whatever order the extractor
 * applies its steps in.
 *
 * <p>A contact without subject and body (its text purged by {@link ContactTextRetention}, or never given) has nothing
 * to quote and is never a sample.
 */
@ApplicationScoped
public class ContactSamples {

    /** At most this many candidate rows are read per call, newest first; enough for a handful of samples. */
    static final int SCAN_LIMIT = 500;
    /** Phrases are extracted from the start of the body; matching looks at as much. */
    static final int BODY_CHARS = 4000;
    private static final String CATEGORY = "category:";
    /** The apostrophes the phrase extractor drops ("can't" is {@code cant}). */
    private static final String APOSTROPHE_CHARS = "'\u2019\u2018\u02bc`\u00b4";
    private static final Pattern APOSTROPHES = Pattern.compile("[" + APOSTROPHE_CHARS + "]");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
    private static final Pattern NOT_CATEGORY_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DOUBLED = Pattern.compile("(\\p{L})\\1+");

    private final AgroalDataSource dataSource;

    ContactSamples(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Up to {@code limit} contacts of the product's {@code version} (null: any version, for product-wide alerts) with
     * the symptom, received in [from, to), distinct customers first, returned newest first.
     */
    public List<ContactSample> find(String product, String version, String symptom, Instant from, Instant to,
            int limit) {
        return find(product, version, symptom, Map.of(), from, to, limit);
    }

    /**
     * As {@link #find(String, String, String, Instant, Instant, int)}, with helpdesk category renames (old name →
     * new name, any spelling): a contact filed under an old name counts under the new one, as in detection's rollups.
     */
    public List<ContactSample> find(String product, String version, String symptom,
            Map<String, String> categoryAliases, Instant from, Instant to, int limit) {
        Filter filter = Filter.of(symptom, categoryAliases);
        if (limit <= 0 || filter == null) {
            return List.of();
        }
        List<Candidate> candidates = new ArrayList<>();
        scan(dataSource, filter, product, version, from, to, SCAN_LIMIT, candidates::add);
        return pick(candidates, limit);
    }

    /**
     * Feeds {@code sink} the contacts of the product's {@code version} (null: any) received in [from, to) that match
     * the filter, newest first, at most {@code scanLimit} candidate rows read (0: no limit).
     */
    static void scan(AgroalDataSource dataSource, Filter filter, String product, String version, Instant from,
            Instant to, int scanLimit, java.util.function.Consumer<Candidate> sink) {
        StringBuilder sql = new StringBuilder("""
                SELECT source, external_id, received_at, subject, customer_id, category, left(body, %d)
                  FROM contact
                 WHERE product = ? AND received_at >= ? AND received_at < ?
                   AND (subject IS NOT NULL OR body IS NOT NULL)""".formatted(BODY_CHARS));
        List<Object> args = new ArrayList<>(List.of(product, Timestamp.from(from), Timestamp.from(to)));
        if (version != null) {
            sql.append(" AND version = ?");
            args.add(version);
        }
        // Loose conditions every match meets, so that the scan limit applies to likely matches only; the exact test
        // runs in Java below.
        if (filter.category() != null) {
            List<String> names = filter.categoryNames();
            sql.append(" AND (").append(String.join(" OR ",
                    java.util.Collections.nCopies(names.size(), "strpos(lower(category), ?) > 0"))).append(')');
            names.forEach(n -> args.add(n.split("-")[0]));
        }
        for (String word : filter.words()) {
            sql.append(" AND translate(lower(coalesce(subject, '') || ' ' || coalesce(left(body, ")
                    .append(BODY_CHARS).append("), '')), ?, '') ~ ?");
            args.add(APOSTROPHE_CHARS);
            args.add(loosePattern(word));
        }
        sql.append(" ORDER BY received_at DESC, source, external_id");
        if (scanLimit > 0) {
            sql.append(" LIMIT ").append(scanLimit);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Candidate candidate = new Candidate(new ContactSample(r.getString(1), r.getString(2),
                            r.getTimestamp(3).toInstant(), r.getString(4), r.getString(5)), r.getString(6),
                            r.getString(7));
                    if (filter.matches(candidate)) {
                        sink.accept(candidate);
                    }
                }
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read contacts", e);
        }
    }

    // One voice per customer first, then more of the same customers if there are too few; newest first overall.
    private static List<ContactSample> pick(List<Candidate> newestFirst, int limit) {
        List<ContactSample> picked = new ArrayList<>();
        List<ContactSample> repeats = new ArrayList<>();
        Set<String> customers = new HashSet<>();
        for (Candidate c : newestFirst) {
            ContactSample s = c.sample();
            String who = s.customerId() != null ? "c:" + s.customerId() : "k:" + s.source() + "\n" + s.externalId();
            if (!customers.add(who)) {
                repeats.add(s);
            } else if (picked.size() < limit) {
                picked.add(s);
            }
        }
        for (int i = 0; picked.size() < limit && i < repeats.size(); i++) {
            picked.add(repeats.get(i));
        }
        picked.sort(Comparator.comparing(ContactSample::receivedAt).reversed()
                .thenComparing(ContactSample::source).thenComparing(ContactSample::externalId));
        return picked;
    }

    /**
     * A PostgreSQL regex over lower-cased text without apostrophes that every word whose normalised form begins with
     * {@code word} matches: at a word start, each letter possibly repeated, a final "y" possibly spelt "ie(s)".
     */
    static String loosePattern(String word) {
        StringBuilder re = new StringBuilder("(^|[^[:alnum:]])");
        int[] cps = word.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (i == cps.length - 1 && cps[i] == 'y' && cps.length > 1) {
                re.append("(y+|i+e+)");
            } else {
                re.appendCodePoint(cps[i]).append(Character.isLetter(cps[i]) ? "+" : "");
            }
        }
        return re.toString();
    }

    /** Lower case, apostrophes dropped, split into words, each normalised like a phrase word. */
    static List<String> stems(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String plain = APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        return Arrays.stream(NOT_WORD.split(plain)).filter(w -> !w.isEmpty()).map(ContactSamples::stem).toList();
    }

    /** Runs of a letter collapsed ("losst" → "lost"), then plural to singular for words over 3 letters. */
    static String stem(String word) {
        String s = DOUBLED.matcher(word).replaceAll("$1");
        if (s.length() > 3 && s.endsWith("ies")) {
            return s.substring(0, s.length() - 3) + "y";
        }
        if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** As detection normalises helpdesk categories: lower case, other runs as one '-', at most 80 characters. */
    static String normaliseCategory(String category) {
        String s = NOT_CATEGORY_WORD.matcher(category.toLowerCase(Locale.ROOT)).replaceAll("-");
        s = s.replaceAll("^-+|-+$", "");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    record Candidate(ContactSample sample, String category, String body) {
    }

    /**
     * What a symptom asks for: nothing (any contact), a normalised category and the renames into it, or phrase words
     * (stems).
     */
    record Filter(String category, Map<String, String> aliases, List<String> words) {

        /** Null when the symptom can match nothing (a category or phrase without letters or digits). */
        static Filter of(String symptom, Map<String, String> configuredAliases) {
            if (symptom == null || symptom.isEmpty()) {
                return new Filter(null, Map.of(), List.of());
            }
            if (symptom.startsWith(CATEGORY)) {
                String name = normaliseCategory(symptom.substring(CATEGORY.length()));
                Map<String, String> aliases = new HashMap<>();
                configuredAliases.forEach((from, to) -> aliases.put(normaliseCategory(from), normaliseCategory(to)));
                return name.isEmpty() ? null : new Filter(name, aliases, List.of());
            }
            List<String> words = stems(symptom).stream().distinct().toList();
            return words.isEmpty() ? null : new Filter(null, Map.of(), words);
        }

        /** The category and the old names renamed to it. */
        List<String> categoryNames() {
            List<String> names = new ArrayList<>(List.of(category));
            aliases.forEach((from, to) -> {
                if (to.equals(category) && !from.equals(category)) {
                    names.add(from);
                }
            });
            return names;
        }

        boolean matches(Candidate c) {
            if (category != null) {
                if (c.category() == null) {
                    return false;
                }
                String name = normaliseCategory(c.category());
                return category.equals(aliases.getOrDefault(name, name));
            }
            if (words.isEmpty()) {
                return true;
            }
            List<String> text = new ArrayList<>(stems(c.sample().subject()));
            text.addAll(stems(c.body()));
            return words.stream().allMatch(w -> text.stream().anyMatch(t -> t.startsWith(w)));
        }
    }
}
