package io.emailcode.keycloak.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeenSubsTest {

    @Test
    void everyListedSubIsKnownAndOthersAreNot() {
        SeenSubs seen = new SeenSubs();
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String sub = UUID.randomUUID().toString();
            listed.add(sub);
            seen.add(sub);
        }
        seen.add(listed.get(0));
        seen.add("");
        assertEquals(100_000, seen.size(), "a sub listed twice counts once, an empty one not at all");
        listed.forEach(sub -> assertTrue(seen.contains(sub)));
        for (int i = 0; i < 100_000; i++) {
            assertFalse(seen.contains(UUID.randomUUID().toString()));
        }
    }
}
