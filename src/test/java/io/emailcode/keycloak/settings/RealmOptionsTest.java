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
    void importOnProofIsOffAndDriftRepairDailyUnlessChanged() {
        MirrorSettings defaults = RealmOptions.read(Map.of("mirror.mode", "BEST_EFFORT")).value().mirror();
        assertFalse(defaults.importsOnProof());
        assertEquals(java.time.Duration.ofSeconds(60), defaults.importOnProof().absenceCache());
        assertTrue(defaults.repairs());
        assertEquals(java.time.Duration.ofHours(24), defaults.repair().every());
        assertEquals(5, defaults.repair().callsPerSecond());
        MirrorSettings changed = RealmOptions.read(Map.of("mirror.mode", "BEST_EFFORT", "mirror.import", "true",
                "mirror.import.cache.seconds", "0", "mirror.repair.hours", "0", "mirror.repair.calls.per.second", "20"))
                .value().mirror();
        assertTrue(changed.importsOnProof());
        assertFalse(changed.repairs(), "0 hours: only when an administrator starts one");
        assertEquals(20, changed.repair().callsPerSecond());
        assertFalse(RealmOptions.read(Map.of("mirror.import", "true")).value().mirror().importsOnProof(),
                "nothing is imported where nothing is mirrored");
    }

    @Test
    void driftRepairAndImportSettingsOutsideTheirRangesAreRefused() {
        Parsed<RealmSettings> parsed = RealmOptions.read(Map.of("mirror.repair.hours", "721",
                "mirror.repair.calls.per.second", "0", "mirror.import.cache.seconds", "-1", "mirror.import", "yes"));
        assertEquals(4, parsed.problems().size(), parsed.problems().toString());
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
