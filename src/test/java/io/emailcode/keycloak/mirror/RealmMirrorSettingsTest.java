package io.emailcode.keycloak.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RealmMirrorSettingsTest {

    @Test
    void nothingSavedMeansNoMirroring() {
        RealmMirrorSettings.Parsed parsed = RealmMirrorSettings.parse(null);
        assertTrue(parsed.valid());
        assertFalse(parsed.settings().enabled());
    }

    @Test
    void savedChoicesAreRead() {
        RealmMirrorSettings settings = RealmMirrorSettings.parse(Map.of("mirror.mode", "REQUIRED",
                "mirror.username", "USER_ID", "mirror.attributes", "given_name")).settings();
        assertEquals(RealmMirrorSettings.Mode.REQUIRED, settings.mode());
        assertEquals("user-1", settings.usernameFor("user-1", "a@example.com"));
        assertEquals(Set.of("given_name"), settings.attributes());
    }

    @Test
    void theEmailIsTheDefaultUsername() {
        RealmMirrorSettings settings = RealmMirrorSettings.parse(Map.of("mirror.mode", "best_effort")).settings();
        assertEquals("a@example.com", settings.usernameFor("user-1", "a@example.com"));
        assertEquals(Set.of("given_name", "family_name"), settings.attributes());
    }

    @Test
    void unknownValuesAreReportedByKey() {
        RealmMirrorSettings.Parsed parsed = RealmMirrorSettings.parse(Map.of("mirror.mode", "SOMETIMES", "mirror.attributes", "phone_number"));
        assertFalse(parsed.valid());
        assertEquals(2, parsed.problems().size());
        assertTrue(parsed.problems().get(0).startsWith("mirror.mode"));
    }
}
