package io.releaseradar.simulation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Helpdesk categories with their share of everyday contacts, and the free text customers write: everyday
 * complaints per category, an incident's phrase in several wordings, all with occasional typos. Every incident
 * phrase the catalogue uses also turns up, rarely, in everyday contacts, so that detection must catch a symptom that
 * was near zero before, not one that was exactly zero.
 */
final class Texts {

    /** A helpdesk category: its share of everyday contacts, everyday subjects and bodies, and rare phrases. */
    record Category(String name, double share, List<String> subjects, List<String> bodies, List<String> rare) {
    }

    /** Share of everyday contacts of a category that use one of its rare phrases. */
    static final double RARE_SHARE = 0.02;

    private static final Map<String, Category> CATEGORIES = new LinkedHashMap<>();

    static {
        add(new Category("Sync", 0.18,
                List.of("Sync not working", "Notes not syncing between devices", "Sync takes forever",
                        "Changes missing on my phone", "Conflict copies everywhere", "Sync stuck at 99 percent"),
                List.of("My laptop and phone show different notes.", "The sync icon keeps spinning for hours.",
                        "Edits I made on the tablet never arrive on the desktop.",
                        "I get conflict copies of the same note every day."),
                List.of("notes vanished", "duplicate notes")));
        add(new Category("Login", 0.12,
                List.of("Password reset", "Two-factor code not arriving", "Account locked", "Single sign-on question",
                        "Change my e-mail address"),
                List.of("The reset mail never arrives in my inbox.", "My account was locked after three attempts.",
                        "Our company wants to use single sign-on.", "The authenticator code is always rejected."),
                List.of("cannot log in")));
        add(new Category("Billing", 0.12,
                List.of("Invoice question", "Refund request", "Change payment method", "VAT number on invoice",
                        "Upgrade to the team plan"),
                List.of("Please send me the invoice for last month.", "I was charged twice this month.",
                        "How do I add our VAT number?", "We want to move five users to the team plan."),
                List.of("discount code")));
        add(new Category("Performance", 0.14,
                List.of("Search is slow", "App uses a lot of memory", "Slow start", "Scrolling stutters",
                        "Large notebook takes long to open"),
                List.of("Searching my notes takes half a minute.", "The app needs two gigabytes of memory.",
                        "Opening the big notebook takes ages.", "Typing lags behind in long notes."),
                List.of("battery drain")));
        add(new Category("Crash", 0.10,
                List.of("App closes when printing", "Crash when attaching a file", "Freeze when exporting PDF",
                        "Error report after paste"),
                List.of("The app disappears when I press print.", "Attaching a large picture closes the app.",
                        "Export to PDF freezes the whole window.", "It shows an error report after I paste a table."),
                List.of("crash on start")));
        add(new Category("How-to", 0.24,
                List.of("How do I export notes", "Share a notebook with a colleague", "Change the font size",
                        "Import from another app", "Where are my templates", "Print several notes at once"),
                List.of("I would like to export everything as Markdown.", "How can my colleague edit my notebook?",
                        "Is there a way to import my old notes?", "I cannot find the template gallery."),
                List.of("getting started")));
        add(new Category("Connectivity", 0.05,
                List.of("Proxy settings", "Offline mode question", "Firewall blocks the app"),
                List.of("Our proxy needs authentication.", "Can I work offline on the plane?",
                        "Which ports does the app need?"),
                List.of("cannot connect", "service unavailable")));
        add(new Category("Other", 0.05,
                List.of("Feedback", "Feature request", "Question"),
                List.of("I love the app, but please add dark mode.", "Could you add tags to notebooks?",
                        "Just a general question about your roadmap."),
                List.of()));
    }

    private static final List<String> SUBJECT_WORDINGS = List.of("%s", "%s after update", "%s!!", "Urgent: %s",
            "since the update %s", "%s again", "Help - %s");
    private static final List<String> BODY_WORDINGS = List.of(
            "Since I installed the update %s. Please help.",
            "This morning %s and I lost an hour of work.",
            "Hello, %s since yesterday. What can I do?",
            "%s on two of our machines.",
            "After the update: %s. Restarting did not help.");
    static final List<String> FILLERS = List.of("Thanks.", "Please help, this is urgent.", "Best regards",
            "I am on Windows 11.", "Using the Mac app.", "Tried restarting, no change.", "", "");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private Texts() {
    }

    private static void add(Category category) {
        CATEGORIES.put(category.name(), category);
    }

    static boolean hasCategory(String name) {
        return CATEGORIES.containsKey(name);
    }

    static List<String> categories() {
        return List.copyOf(CATEGORIES.keySet());
    }

    static Category category(String name) {
        Category c = CATEGORIES.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown category " + name);
        }
        return c;
    }

    /** A category drawn by the everyday shares. */
    static Category everydayCategory(SplittableRandom random) {
        double u = random.nextDouble();
        Category last = null;
        for (Category c : CATEGORIES.values()) {
            u -= c.share();
            last = c;
            if (u < 0) {
                return c;
            }
        }
        return last;
    }

    /** An everyday contact's subject and body in the category. */
    static String[] everyday(Category category, double typoRate, SplittableRandom random) {
        if (!category.rare().isEmpty() && random.nextDouble() < RARE_SHARE) {
            return about(pick(category.rare(), random), typoRate, random);
        }
        String subject = pick(category.subjects(), random);
        String body = pick(category.bodies(), random) + " " + pick(FILLERS, random);
        return new String[] {typos(subject, typoRate, random), typos(body.strip(), typoRate, random)};
    }

    /** A contact about a phrase: the phrase in the subject or the body or both, in one of several wordings. */
    static String[] about(String phrase, double typoRate, SplittableRandom random) {
        String subject;
        String body;
        double u = random.nextDouble();
        if (u < 0.6) {
            subject = String.format(Locale.ROOT, pick(SUBJECT_WORDINGS, random), phrase);
            body = String.format(Locale.ROOT, pick(BODY_WORDINGS, random), phrase);
        } else if (u < 0.8) {
            subject = String.format(Locale.ROOT, pick(SUBJECT_WORDINGS, random), phrase);
            body = pick(FILLERS, random);
        } else {
            subject = "Problem with the app";
            body = String.format(Locale.ROOT, pick(BODY_WORDINGS, random), phrase) + " " + pick(FILLERS, random);
        }
        if (random.nextDouble() < 0.3) {
            subject = subject.toLowerCase(Locale.ROOT);
        } else if (!subject.isEmpty()) {
            subject = Character.toUpperCase(subject.charAt(0)) + subject.substring(1);
        }
        return new String[] {typos(subject, typoRate, random), typos(body.strip(), typoRate, random)};
    }

    /** Misspells each word of three letters or more with probability {@code rate}. */
    static String typos(String text, double rate, SplittableRandom random) {
        if (rate <= 0 || text.isEmpty()) {
            return text;
        }
        String[] words = text.split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.length() >= 3 && random.nextDouble() < rate) {
                words[i] = misspell(w, random);
            }
        }
        return String.join(" ", words);
    }

    private static String misspell(String w, SplittableRandom random) {
        int at = 1 + random.nextInt(w.length() - 1);
        StringBuilder b = new StringBuilder(w);
        switch (random.nextInt(4)) {
            case 0 -> b.insert(at, w.charAt(at)); // doubled letter: "losst"
            case 1 -> b.deleteCharAt(at); // dropped letter
            case 2 -> {
                if (at < w.length() - 1) { // swapped neighbours
                    char c = b.charAt(at);
                    b.setCharAt(at, b.charAt(at + 1));
                    b.setCharAt(at + 1, c);
                } else {
                    b.insert(at, w.charAt(at));
                }
            }
            default -> b.setCharAt(at, LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return b.toString();
    }

    static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }
}
