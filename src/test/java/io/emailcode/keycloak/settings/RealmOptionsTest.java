package io.emailcode.keycloak.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.mirror.MirrorSettings;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RealmOptionsTest {

    @Test
    void nothingSavedMeansNoMirroring() {
        Parsed<RealmSettings> parsed = RealmOptions.read(null);
        assertTrue(parsed.valid());
        assertFalse(parsed.value().mirror().enabled());
        assertEquals(RealmSettings.DEFAULTS, parsed.value());
    }

    @Test
    void savedChoicesAreRead() {
        MirrorSettings settings = RealmOptions.read(Map.of("mirror.mode", "REQUIRED",
                "mirror.username", "USER_ID", "mirror.attributes", "given_name")).value().mirror();
        assertEquals(MirrorSettings.Mode.REQUIRED, settings.mode());
        assertEquals("user-1", settings.usernameFor("user-1", "a@example.com"));
        assertEquals(Set.of("given_name"), settings.attributes());
    }

    @Test
    void theEmailIsTheDefaultUsername() {
        MirrorSettings settings = RealmOptions.read(Map.of("mirror.mode", "best_effort")).value().mirror();
        assertEquals("a@example.com", settings.usernameFor("user-1", "a@example.com"));
        assertEquals(Set.of("given_name", "family_name"), settings.attributes());
    }

    @Test
    void unknownValuesAreReportedByKey() {
        Parsed<RealmSettings> parsed = RealmOptions.read(Map.of("mirror.mode", "SOMETIMES", "mirror.attributes", "phone_number"));
        assertFalse(parsed.valid());
        assertEquals(2, parsed.problems().size());
        assertTrue(parsed.problems().stream().anyMatch(p -> p.startsWith("mirror.mode must be one of OFF, BEST_EFFORT, REQUIRED")),
                parsed.problems().toString());
    }
}
