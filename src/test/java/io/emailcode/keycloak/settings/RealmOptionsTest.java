package io.emailcode.keycloak.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.PoolAddress;
import java.util.Map;
import java.util.Optional;
import java.util.List;
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
        MirrorSettings settings = RealmOptions.read(Map.of("mirror.pool.id", "eu-west-1_AbCdEf123", "mirror.mode", "REQUIRED",
                "mirror.username", "USER_ID", "mirror.attributes", "given_name")).value().mirror();
        assertEquals(MirrorSettings.Mode.REQUIRED, settings.mode());
        assertEquals("user-1", settings.usernameFor("user-1", "a@example.com"));
        assertEquals(Set.of("given_name"), settings.attributes());
    }

    @Test
    void theEmailIsTheDefaultUsername() {
        MirrorSettings settings = RealmOptions.read(Map.of("mirror.pool.id", "eu-west-1_AbCdEf123", "mirror.mode", "best_effort")).value().mirror();
        assertEquals("a@example.com", settings.usernameFor("user-1", "a@example.com"));
        assertEquals(Set.of("given_name", "family_name"), settings.attributes());
    }

    @Test
    void importOnProofAndTheScheduledDriftRepairAreOffUnlessChanged() {
        MirrorSettings defaults = RealmOptions.read(Map.of("mirror.pool.id", "eu-west-1_AbCdEf123", "mirror.mode", "BEST_EFFORT")).value().mirror();
        assertFalse(defaults.importsOnProof());
        assertEquals(java.time.Duration.ofSeconds(60), defaults.importOnProof().absenceCache());
        assertFalse(defaults.repairs(), "Keycloak's Periodic full sync is off until an administrator turns it on");
        assertEquals(java.time.Duration.ZERO, defaults.repair().every());
        assertEquals(5, defaults.repair().callsPerSecond());
        MirrorSettings changed = RealmOptions.read(Map.of("mirror.pool.id", "eu-west-1_AbCdEf123", "mirror.mode", "BEST_EFFORT", "mirror.import", "true",
                "mirror.import.cache.seconds", "0", "mirror.repair.every.seconds", "86400", "mirror.repair.calls.per.second", "20"))
                .value().mirror();
        assertTrue(changed.importsOnProof());
        assertTrue(changed.repairs());
        assertEquals(java.time.Duration.ofDays(1), changed.repair().every());
        assertFalse(RealmOptions.read(Map.of("mirror.pool.id", "eu-west-1_AbCdEf123", "mirror.mode", "BEST_EFFORT",
                "mirror.repair.every.seconds", "0")).value().mirror().repairs(), "0, as -1: only when an administrator starts one");
        assertEquals(20, changed.repair().callsPerSecond());
        assertFalse(RealmOptions.read(Map.of("mirror.import", "true")).value().mirror().importsOnProof(),
                "nothing is imported where nothing is mirrored");
    }

    @Test
    void driftRepairAndImportSettingsOutsideTheirRangesAreRefused() {
        Parsed<RealmSettings> parsed = RealmOptions.read(Map.of("mirror.repair.every.seconds", "-2",
                "mirror.repair.calls.per.second", "0", "mirror.import.cache.seconds", "-1", "mirror.import", "yes"));
        assertEquals(4, parsed.problems().size(), parsed.problems().toString());
    }

    @Test
    void aRealmThatMirrorsNamesItsPoolAndItsRegionIfNotTheServers() {
        Parsed<RealmSettings> withoutPool = RealmOptions.read(Map.of("mirror.mode", "BEST_EFFORT"));
        assertEquals(List.of("mirror.pool.id is needed when mirror.mode is BEST_EFFORT"), withoutPool.problems());
        assertFalse(withoutPool.value().mirror().enabled(), "nothing is mirrored without a pool");

        MirrorSettings elsewhere = RealmOptions.read(Map.of("mirror.mode", "BEST_EFFORT", "mirror.pool.id",
                "us-east-2_Xyz789", "mirror.region", "us-east-2")).value().mirror();
        assertEquals(Optional.of(new PoolAddress("us-east-2_Xyz789", Optional.of("us-east-2"))), elsewhere.pool());
        assertEquals(Optional.of(new PoolAddress("local_5o7aJ1Ep", Optional.empty())),
                RealmOptions.read(Map.of("mirror.pool.id", "local_5o7aJ1Ep")).value().mirror().pool(), "the server's region");

        Parsed<RealmSettings> malformed = RealmOptions.read(Map.of("mirror.pool.id", "not a pool", "mirror.region", "Europe"));
        assertEquals(Set.of("mirror.pool.id must be a Cognito user pool id such as eu-west-1_AbCdEf123",
                "mirror.region must be an AWS region such as eu-west-1"), Set.copyOf(malformed.problems()));
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
