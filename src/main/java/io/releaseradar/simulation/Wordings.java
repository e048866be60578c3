package io.releaseradar.simulation;

import io.releaseradar.simulation.ScenarioSpec.Wording;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The free text of one world's contacts: the catalogue's templates ({@link Texts}) and, when the scenario has a
 * {@link Wording}, everyday phrases common to every version, generic words around everyday subjects, and variants of
 * a phrase (a sub-phrase, the other number, a misspelt word). Also the text of contacts blamed on "the update". Without
 * a {@link Wording} and a version mix it draws exactly what {@link Texts} draws.
 */
final class Wordings {

    /** Generic words around an everyday subject: in every version's contacts alike. */
    private static final List<String> GENERIC = List.of("Question: %s", "Help with %s", "%s - takes ages",
            "Update: %s", "quick question - %s", "%s, need help", "Question about %s");
    /** An everyday complaint blamed on the update a customer just installed. */
    private static final List<String> AFTER_UPDATE = List.of("%s since the update", "After the update: %s",
            "%s after updating", "New version: %s", "the update - %s", "%s since I updated");
    private static final List<String> FOLLOW_UP = List.of("Any news on this?", "Still waiting for an answer.",
            "Following up on my earlier message.", "Hello again,", "Is anyone looking at this?");

    private final Wording wording;
    private final double typoRate;

    Wordings(ScenarioSpec spec) {
        this.typoRate = spec.habits().typoRate();
        this.wording = spec.confounders().stream().filter(Wording.class::isInstance).map(Wording.class::cast)
                .findFirst().orElse(null);
    }

    /** An everyday contact in the category; {@code subjectWeights} null picks the subjects alike. */
    String[] everyday(Texts.Category category, double[] subjectWeights, SplittableRandom random) {
        if (wording == null && subjectWeights == null) {
            return Texts.everyday(category, typoRate, random);
        }
        if (!category.rare().isEmpty() && random.nextDouble() < Texts.RARE_SHARE) {
            return about(Texts.pick(category.rare(), random), random);
        }
        String subject;
        if (wording != null && wording.everydayPhraseShare() > 0
                && random.nextDouble() < wording.everydayPhraseShare()) {
            subject = capitalised(Texts.pick(wording.everydayPhrases(), random));
        } else {
            subject = pick(category.subjects(), subjectWeights, random);
        }
        if (wording != null && random.nextDouble() < wording.genericShare()) {
            subject = String.format(Locale.ROOT, Texts.pick(GENERIC, random), subject);
        }
        String body = Texts.pick(category.bodies(), random) + " " + Texts.pick(Texts.FILLERS, random);
        return new String[] {Texts.typos(subject, typoRate, random), Texts.typos(body.strip(), typoRate, random)};
    }

    /** A contact about a phrase, as {@link Texts#about}, sometimes (the wording's variant share) about a variant. */
    String[] about(String phrase, SplittableRandom random) {
        if (wording != null && wording.variantShare() > 0 && random.nextDouble() < wording.variantShare()) {
            phrase = variant(phrase, random);
        }
        return Texts.about(phrase, typoRate, random);
    }

    /** An everyday complaint in the category blamed on the update the customer just installed. */
    String[] afterUpdate(Texts.Category category, double[] subjectWeights, SplittableRandom random) {
        String subject = pick(category.subjects(), subjectWeights, random);
        subject = String.format(Locale.ROOT, Texts.pick(AFTER_UPDATE, random), subject.toLowerCase(Locale.ROOT));
        String body = Texts.pick(category.bodies(), random) + " " + Texts.pick(Texts.FILLERS, random);
        return new String[] {Texts.typos(capitalised(subject), typoRate, random),
                Texts.typos(body.strip(), typoRate, random)};
    }

    /** A follow-up of a contact by the same customer: the same subject and words, a line before them. */
    static String[] followUp(String subject, String body, SplittableRandom random) {
        String opener = Texts.pick(FOLLOW_UP, random);
        return new String[] {"Re: " + subject, (opener + " " + body).strip()};
    }

    /** A sub-phrase, the other number of a word, or one misspelt word (a third each). */
    static String variant(String phrase, SplittableRandom random) {
        String[] words = phrase.split(" ");
        int kind = random.nextInt(3);
        if (kind == 0 && words.length > 1) {
            // the words that say what happened: "vanished", "log in"
            return String.join(" ", java.util.Arrays.copyOfRange(words, 1 + random.nextInt(words.length - 1),
                    words.length));
        }
        int at = random.nextInt(words.length);
        String w = words[at];
        if (kind == 1 && w.length() >= 4) {
            words[at] = w.endsWith("s") ? w.substring(0, w.length() - 1) : w + "s";
        } else {
            words[at] = Texts.typos(w, 1.0, random);
        }
        return String.join(" ", words);
    }

    private static String pick(List<String> items, double[] weights, SplittableRandom random) {
        if (weights == null) {
            return Texts.pick(items, random);
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < items.size(); i++) {
            u -= weights[i];
            if (u < 0) {
                return items.get(i);
            }
        }
        return items.get(items.size() - 1);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
