package io.releaseradar.detection.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymptomsTest {

    @Test
    void allThenCategoryThenPhrases() {
        assertEquals(List.of("", "category:sync-issues", "note", "note vanished", "vanished",
                        "update", "update note", "update note gone", "note gone", "gone"),
                Symptoms.defaults().of("Sync Issues", "Notes vanished", "after the update my notes are gone"));
    }

    @Test
    void noCategoryNoCategoryKey() {
        assertEquals(List.of("", "crash"), Symptoms.defaults().of(null, "Crash", null));
        assertEquals(List.of("", "crash"), Symptoms.defaults().of(" / ", "Crash", null));
        assertEquals(List.of(""), Symptoms.defaults().of(null, null, null));
    }

    @Test
    void phrasesNeverLookLikeCategories() {
        List<String> keys = Symptoms.defaults().of(null, "category: error", "at 10:30 category:crash");
        assertEquals(List.of("", "category", "category eror", "eror", "category crash", "crash"), keys);
        assertTrue(keys.stream().noneMatch(Symptoms::isCategory));
    }

    @Test
    void categoriesAreNormalised() {
        assertEquals("sync-issues", Symptoms.normaliseCategory("  Sync / Issues!! "));
        assertEquals("", Symptoms.normaliseCategory(null));
        assertEquals(Symptoms.MAX_CATEGORY_LENGTH, Symptoms.normaliseCategory("x".repeat(200)).length());
    }

    @Test
    void aRenamedCategoryCountsUnderItsAliasInAnySpelling() {
        Symptoms symptoms = new Symptoms(24, Map.of("Sync Problems", "Sync Issues"));
        assertEquals(List.of("", "category:sync-issues"), symptoms.of("sync_problems", null, null));
        assertEquals(List.of("", "category:sync-issues"), symptoms.of("Sync Issues", null, null));
        assertEquals(List.of("", "category:login"), symptoms.of("Login", null, null));
        assertEquals(Map.of("sync-problems", "sync-issues"), symptoms.categoryAliases());
    }

    @Test
    void aliasChainsAreFollowedAndCyclesRefused() {
        Symptoms chain = new Symptoms(24, Map.of("a1", "b1", "b1", "c1"));
        assertEquals("c1", chain.categoryName("A1"));
        assertEquals("c1", chain.categoryName("b1"));
        assertThrows(IllegalArgumentException.class, () -> new Symptoms(24, Map.of("a1", "b1", "b1", "a1")));
        assertThrows(IllegalArgumentException.class,
                () -> new Symptoms(24, Map.of("Sync Problems", "x1", "sync-problems", "y1")));
        assertThrows(IllegalArgumentException.class, () -> new Symptoms(24, Map.of("!!", "x1")));
        // a spelling of the same name is no alias
        assertEquals(Map.of(), new Symptoms(24, Map.of("Sync Issues", "sync-issues")).categoryAliases());
    }

    @Test
    void storedKeysMapToTheirCanonicalKey() {
        Symptoms symptoms = new Symptoms(24, Map.of("sync-problems", "sync-issues"));
        assertEquals("category:sync-issues", symptoms.canonicalKey("category:sync-problems"));
        assertEquals("category:login", symptoms.canonicalKey("category:login"));
        assertEquals("sync problem", symptoms.canonicalKey("sync problem"));
        assertEquals(Symptoms.ALL, symptoms.canonicalKey(Symptoms.ALL));
    }

    @Test
    void theCapCountsPhrasesOnly() {
        assertEquals(List.of("", "category:crash", "alpha", "alpha beta"),
                new Symptoms(2, Map.of()).of("Crash", "alpha beta delta", null));
    }

    @Test
    void displayIsNullForAllContactsAndTheKeyOtherwise() {
        assertNull(Symptoms.display(Symptoms.ALL));
        assertEquals("category:sync-issues", Symptoms.display("category:sync-issues"));
        assertEquals("lost note", Symptoms.display("lost note"));
        assertFalse(Symptoms.isCategory("lost note"));
        assertEquals("lost note", Symptoms.normalisePhrase("Lost notes"));
    }
}
