package io.releaseradar.detection.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PhraseExtractorTest {

    private final PhraseExtractor extractor = new PhraseExtractor();

    @Test
    void subjectThenBodyInOneToThreeGramsPositionByPosition() {
        // subject: note, vanished; body: (after the) update (my) note (are) gone
        assertEquals(List.of("note", "note vanished", "vanished",
                        "update", "update note", "update note gone", "note gone", "gone"),
                extractor.phrases("Notes vanished", "after the update my notes are gone"));
    }

    @Test
    void nGramsDoNotSpanSubjectAndBody() {
        assertEquals(List.of("alpha", "alpha beta", "alpha beta delta", "beta", "beta delta", "delta", "sigma"),
                extractor.phrases("alpha beta delta", "sigma"));
    }

    @Test
    void stopWordsGoButNegationsStay() {
        assertEquals(List.of("canot", "canot log", "log"), extractor.phrases("I cannot log in", null));
        assertEquals("not syncing cloud", PhraseExtractor.normalisePhrase("it is not syncing to the cloud"));
        assertEquals("no reminder", PhraseExtractor.normalisePhrase("No reminders"));
        assertEquals("doesnt start", PhraseExtractor.normalisePhrase("It doesn't start"));
        assertEquals("", PhraseExtractor.normalisePhrase("Hello, the and of it, thanks"));
    }

    @Test
    void replyAndForwardMarkersAreNoPhrase() {
        assertEquals(List.of("note", "note vanished", "vanished"), extractor.phrases("Re: notes vanished", null));
        assertEquals(List.of("note", "note vanished", "vanished"),
                extractor.phrases("FW: Fwd: RE: notes vanished", null));
    }

    @Test
    void apostrophesAreDroppedStraightOrCurly() {
        assertEquals("cant log", PhraseExtractor.normalisePhrase("Can't log in"));
        assertEquals("wont open", PhraseExtractor.normalisePhrase("won\u2019t open"));
        assertEquals("oconor", PhraseExtractor.normalisePhrase("J. O'Connor"));
        assertEquals("stuck pending", PhraseExtractor.normalisePhrase("stuck on 'pending'"));
    }

    @Test
    void pluralsBecomeSingularOnlyForWordsLongerThanThreeLetters() {
        assertEquals("entry note bus gas", PhraseExtractor.normalisePhrase("Entries notes bus gas"));
        // "ss" is not a plural; the run of s then collapses like every other run
        assertEquals("aces clas", PhraseExtractor.normalisePhrase("access class"));
    }

    @Test
    void runsOfOneLetterCollapseSoTyposMeet() {
        assertEquals("lost data", PhraseExtractor.normalisePhrase("losst data"));
        assertEquals("lost data", PhraseExtractor.normalisePhrase("LOST DATA!"));
        assertEquals(PhraseExtractor.normalisePhrase("sync"), PhraseExtractor.normalisePhrase("synnc"));
        assertEquals("canot log", PhraseExtractor.normalisePhrase("cannot log in"));
        // digits are not letters: an error code keeps its zeros
        assertEquals("eror 0x80070005", PhraseExtractor.normalisePhrase("error 0x80070005"));
    }

    @Test
    void aPhraseIsShownInTheWordsOfItsFirstOccurrence() {
        assertEquals(Optional.of("lost notes"), PhraseExtractor.wording("lost note", "Help: Lost my Notes again!"));
        assertEquals(Optional.of("can't find template"),
                PhraseExtractor.wording("cant find template", "I can't find the template"));
        // the customer's spelling, and only the phrase's words: the order number between them stays out
        assertEquals(Optional.of("losst data"), PhraseExtractor.wording("lost data", "losst 4711 DATA, then lost data"));
        assertEquals(Optional.empty(), PhraseExtractor.wording("lost data", "data lost"));
        // quote marks around a word are not part of it; an apostrophe inside is
        assertEquals(Optional.of("can't open templates"),
                PhraseExtractor.wording("cant open template", "Can't open 'templates' anymore"));
        assertEquals(Optional.of("lost notes"), PhraseExtractor.wording("lost note", "Lost `notes` again"));
        assertEquals(Optional.empty(), PhraseExtractor.wording("lost data", null));
        // every extracted phrase is found in its text
        String subject = "Sync stuck: can't open 3 notebooks since 2.4";
        for (String phrase : extractor.phrases(subject, null)) {
            assertTrue(PhraseExtractor.wording(phrase, subject).isPresent(), phrase);
        }
    }

    @Test
    void extractedAndConfiguredPhrasesMeet() {
        List<String> phrases = extractor.phrases("Help!!", "Since the update I losst all my DATA.");
        assertTrue(phrases.contains(PhraseExtractor.normalisePhrase("lost data")), phrases.toString());
        assertTrue(extractor.phrases("I cannot log in since Monday", null)
                .contains(PhraseExtractor.normalisePhrase("cannot log in")));
    }

    @Test
    void numbersShortAndOverlongTokensAreDropped() {
        assertEquals("eror v2", PhraseExtractor.normalisePhrase("Error 404 on v2 x 2026"));
        assertEquals("", PhraseExtractor.normalisePhrase("x".repeat(3) + " " + "ab".repeat(21)));
        assertEquals("ab".repeat(20), PhraseExtractor.normalisePhrase("ab".repeat(20)));
    }

    @Test
    void unicodeLettersAreWordsAndComposedOrNotAlike() {
        assertEquals("ça ne marche plu", PhraseExtractor.normalisePhrase("Ça ne marche plus"));
        assertEquals("müler straße", PhraseExtractor.normalisePhrase("Müller & Straße"));
        assertEquals(PhraseExtractor.normalisePhrase("caf\u00e9 crash"), PhraseExtractor.normalisePhrase("cafe\u0301 crash"));
    }

    @Test
    void phrasesAreDistinct() {
        assertEquals(List.of("sync", "sync failed", "failed"), extractor.phrases("Sync failed", "sync failed again"));
    }

    @Test
    void theCapKeepsTheFirstPhrases() {
        assertEquals(List.of("alpha", "alpha beta", "alpha beta delta", "beta"),
                new PhraseExtractor(4).phrases("alpha beta delta omega", "sigma"));
        String words = IntStream.rangeClosed(1, 100).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        assertEquals(PhraseExtractor.DEFAULT_MAX_PHRASES, extractor.phrases(null, words).size());
    }

    @Test
    void onlyTheFirstSixtyTokensOfTheBodyCount() {
        String words = IntStream.rangeClosed(1, 100).mapToObj(i -> "w" + i).collect(Collectors.joining(" the "));
        List<String> phrases = new PhraseExtractor(1_000).phrases(null, words);
        // 60 unigrams, 59 bigrams, 58 trigrams; stop words in between do not count towards the 60
        assertEquals(60 + 59 + 58, phrases.size());
        assertTrue(phrases.contains("w58 w59 w60"));
        assertTrue(phrases.stream().noneMatch(p -> p.contains("w61")));
    }

    @Test
    void nothingToSayIsNoPhrase() {
        assertEquals(List.of(), extractor.phrases(null, null));
        assertEquals(List.of(), extractor.phrases("", "?!"));
        assertEquals(List.of(), extractor.phrases("Hi", "Thanks, and regards"));
    }

    @Test
    void theCapIsAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new PhraseExtractor(0));
    }

    @Test
    void aTokenCharacterIsALetterMarkDigitOrApostropheInEveryCodePoint() {
        // the scanner against the regular expression it replaced, over all of Unicode
        java.util.regex.Pattern oracle = java.util.regex.Pattern.compile("[\\p{L}\\p{M}\\p{N}'\u2019\u2018\u02bc`\u00b4]");
        List<String> differ = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(cp -> PhraseExtractor.isTokenChar(cp)
                        != oracle.matcher(new String(Character.toChars(cp))).matches())
                .mapToObj(cp -> String.format("U+%04X", cp)).limit(10).toList();
        assertEquals(List.of(), differ);
        assertTrue(PhraseExtractor.isTokenChar('\u00e9') && PhraseExtractor.isTokenChar(0x1D400)
                && !PhraseExtractor.isTokenChar('-') && !PhraseExtractor.isTokenChar(' '));
    }

    @Test
    void tokensSplitOnAnythingElseIncludingSupplementaryPunctuation() {
        assertEquals(List.of("cant", "sync", "\ud835\udc00\ud835\udc01", "ete"),
                PhraseExtractor.tokens("can't--sync!! \ud835\udc00\ud835\udc01\ud83d\ude00 \u00e9t\u00e9\ud83d\ude00", 10)
                        .stream().map(t -> t.replace("\u00e9", "e")).toList());
    }
}
