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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Representative verbatim contacts of a symptom on a version, for alerts: contacts that show a support lead in the
 * customers' own words what the numbers are about. Distinct customers first (one angry customer calling ten times is
 * one voice), newest first.
 *
 * <p>A symptom is {@code ""} or null (any contact), {@code category:<name>} (contacts whose helpdesk category
 * normalises to name: lower case, runs of anything but letters and digits as one '-'), or a key phrase: lower-case
 * words, each of which must begin a word of the subject or body after the phrase extraction's light normalisation
 * (apostrophes dropped, doubled letters collapsed, plural to singular), so "lost note" finds "Lost my notes".
 * The normalisation is repeated here rather than imported because ingest does not depend on detection.
 */
@ApplicationScoped
public class ContactSamples {

    /** At most this many candidate rows are read per call, newest first; enough for a handful of samples. */
    static final int SCAN_LIMIT = 500;
    /** Phrases are extracted from the start of the body; matching looks at as much. */
    static final int BODY_CHARS = 4000;
    private static final String CATEGORY = "category:";
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u02bc]");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
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
        if (limit <= 0) {
            return List.of();
        }
        Filter filter = Filter.of(symptom);
        if (filter == null) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("""
                SELECT source, external_id, received_at, subject, customer_id, category, left(body, %d)
                  FROM contact
                 WHERE product = ? AND received_at >= ? AND received_at < ?""".formatted(BODY_CHARS));
        List<Object> args = new ArrayList<>(List.of(product, Timestamp.from(from), Timestamp.from(to)));
        if (version != null) {
            sql.append(" AND version = ?");
            args.add(version);
        }
        // Loose SQL conditions that every match meets, so that the scan limit applies to likely matches only;
        // the exact test runs below in Java.
        if (filter.category() != null) {
            sql.append(" AND strpos(lower(category), ?) > 0");
            args.add(filter.category().split("-")[0]);
        }
        for (String word : filter.words()) {
            sql.append(" AND translate(lower(coalesce(subject, '') || ' ' || coalesce(left(body, ")
                    .append(BODY_CHARS).append("), '')), '''\u2019\u02bc', '') ~ ?");
            args.add(loosePattern(word));
        }
        sql.append(" ORDER BY received_at DESC, source, external_id LIMIT ").append(SCAN_LIMIT);

        List<Candidate> candidates = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Candidate candidate = new Candidate(new ContactSample(r.getString(1), r.getString(2),
                            r.getTimestamp(3).toInstant(), r.getString(4), r.getString(5)), r.getString(6),
                            r.getString(7));
                    if (filter.matches(candidate)) {
                        candidates.add(candidate);
                    }
                }
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read sample contacts", e);
        }
        return pick(candidates, limit);
    }

    // One voice per customer first, then more of the same customers if there are too few; newest first overall.
    private static List<ContactSample> pick(List<Candidate> newestFirst, int limit) {
        List<ContactSample> picked = new ArrayList<>();
        Set<String> customers = new HashSet<>();
        List<ContactSample> repeats = new ArrayList<>();
        for (Candidate c : newestFirst) {
            ContactSample s = c.sample();
            String who = s.customerId() != null ? "c:" + s.customerId() : "k:" + s.source() + "\n" + s.externalId();
            if (customers.add(who)) {
                if (picked.size() < limit) {
                    picked.add(s);
                }
            } else {
                repeats.add(s);
            }
        }
        for (int i = 0; picked.size() < limit && i < repeats.size(); i++) {
            picked.add(repeats.get(i));
        }
        picked.sort(Comparator.comparing(ContactSample::receivedAt).reversed()
                .thenComparing(ContactSample::source).thenComparing(ContactSample::externalId));
        return picked;
    }

    /** A case-sensitive PostgreSQL regex over lower-cased text: the word starts a word, doubled letters allowed. */
    static String loosePattern(String word) {
        StringBuilder re = new StringBuilder("(^|[^[:alnum:]])");
        int[] cps = word.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            String ch = new String(Character.toChars(cps[i]));
            if (i == cps.length - 1 && cps[i] == 'y' && cps.length > 1) {
                re.append("(y+|i+e+)");
            } else {
                re.append(ch).append(Character.isLetter(cps[i]) ? "+" : "");
            }
        }
        return re.toString();
    }

    /** Lower case, apostrophes dropped, split into letter/digit words, each normalised like a phrase word. */
    static List<String> stems(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String plain = APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        return Arrays.stream(NOT_WORD.split(plain)).filter(w -> !w.isEmpty()).map(ContactSamples::stem).toList();
    }

    /** Doubled letters collapsed ("losst" → "lost"), then plural to singular for words over 3 letters. */
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

    static String normaliseCategory(String category) {
        String s = NOT_WORD.matcher(category.toLowerCase(Locale.ROOT)).replaceAll("-");
        s = s.replaceAll("^-+|-+$", "");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    private record Candidate(ContactSample sample, String category, String body) {
    }

    /** What a symptom asks for: nothing (any contact), a normalised category, or phrase words (stems). */
    private record Filter(String category, List<String> words) {

        /** Null when the symptom can match nothing (a category or phrase without letters or digits). */
        static Filter of(String symptom) {
            if (symptom == null || symptom.isEmpty()) {
                return new Filter(null, List.of());
            }
            if (symptom.startsWith(CATEGORY)) {
                String name = normaliseCategory(symptom.substring(CATEGORY.length()));
                return name.isEmpty() ? null : new Filter(name, List.of());
            }
            List<String> words = stems(symptom).stream().distinct().toList();
            return words.isEmpty() ? null : new Filter(null, words);
        }

        boolean matches(Candidate c) {
            if (category != null) {
                return c.category() != null && category.equals(normaliseCategory(c.category()));
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
