package io.emailcode.keycloak.aws.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.MutableClock;
import io.emailcode.keycloak.mirror.FakeTicker;
import io.emailcode.keycloak.mirror.LinkHolder;
import io.emailcode.keycloak.mirror.MirrorMetrics;
import io.emailcode.keycloak.mirror.PoolAbsenceCache;
import io.emailcode.keycloak.mirror.PoolImports;
import io.emailcode.keycloak.mirror.PoolLinks;
import io.emailcode.keycloak.mirror.PooledUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which pool user an address without an account may be imported from, against a pool that matches as AWS does. */
class ImportOnProofAgainstAnAwsLikePoolTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AwsLikeCognitoClient cognito = new AwsLikeCognitoClient(new FakeTicker());
    private final List<String> outcomes = new ArrayList<>();
    /** Pool users another Keycloak user holds a link to, by sub. */
    private final Map<String, LinkHolder> held = new HashMap<>();
    private final PoolLinks links = new PoolLinks() {
        @Override
        public Optional<LinkHolder> holder(String sub) {
            return Optional.ofNullable(held.get(sub));
        }

        @Override
        public boolean claim(String sub, LinkHolder holder) {
            return held.putIfAbsent(sub, holder) == null || held.get(sub).equals(holder);
        }

        @Override
        public void release(String sub, LinkHolder holder) {
            held.remove(sub, holder);
        }
    };
    private final PoolImports imports = new PoolImports(new CognitoUserMirror(cognito, "eu-west-1_test"), links,
            new PoolAbsenceCache(3), new MirrorMetrics() {
                @Override
                public void outcome(String operation, String outcome) {
                    outcomes.add(operation + ":" + outcome);
                }

                @Override
                public void pending(long count) {
                }
            }, clock);

    @Test
    void theOneEnabledPoolUserIsImportedWhateverTheCaseOfItsAddressWithOneLookup() {
        String sub = cognito.put("legacy-bob", Map.of("email", "Bob.Smith@Example.COM", "email_verified", "true",
                "given_name", "Bob"), true);
        Optional<PooledUser> found = imports.importable("realm", "key-bob", "bob.smith@example.com", MINUTE);
        assertEquals(sub, found.orElseThrow().sub());
        assertEquals("Bob", found.get().attribute("given_name"));
        assertEquals(Map.of("ListUsers", 1), cognito.counts());
    }

    @Test
    void aDisabledPoolUserAndTwoPoolUsersWithTheAddressAreNothingToImport() {
        cognito.put("off", Map.of("email", "off@example.com"), false);
        cognito.put("one", Map.of("email", "twice@example.com"), true);
        cognito.put("two", Map.of("email", "TWICE@example.com"), true);
        assertEquals(Optional.empty(), imports.importable("realm", "key-off", "off@example.com", MINUTE));
        assertEquals(Optional.empty(), imports.importable("realm", "key-twice", "twice@example.com", MINUTE));
        assertEquals(Optional.empty(), imports.importable("realm", "key-none", "none@example.com", MINUTE));
        assertEquals(List.of("import:disabled", "import:conflict", "import:absent"), outcomes);
    }

    @Test
    void aPoolUserTheProofDoesNotCoverIsAConflictNotAnImport() {
        cognito.put("mallory", Map.of("email", "victim@example.com", "email_verified", "false"), true);
        cognito.put("signed-up", Map.of("email", "later@example.com", "email_verified", "true"), true);
        cognito.status("signed-up", "UNCONFIRMED");
        cognito.put("confirmed", Map.of("email", "pat@example.com", "email_verified", "true"), true);
        cognito.status("confirmed", "CONFIRMED");
        assertEquals(Optional.empty(), imports.importable("realm", "key-victim", "victim@example.com", MINUTE), "unverified");
        assertEquals(Optional.empty(), imports.importable("realm", "key-later", "later@example.com", MINUTE), "unconfirmed");
        assertTrue(imports.importable("realm", "key-pat", "pat@example.com", MINUTE).isPresent(), "confirmed and verified");
        assertEquals(List.of("import:conflict", "import:conflict", "import:found"), outcomes);
    }

    @Test
    void aPoolUserAnotherKeycloakUserIsLinkedToIsAConflictNotAnImport() {
        cognito.put("held", Map.of("email", "shared@example.com", "email_verified", "true"), true);
        cognito.status("held", "CONFIRMED");
        PooledUser candidate = imports.importable("realm-b", "key-shared", "shared@example.com", Duration.ZERO).orElseThrow();
        held.put(candidate.sub(), new LinkHolder("realm-a", "user-1"));

        assertEquals(Optional.empty(), imports.importable("realm-b", "key-shared", "shared@example.com", Duration.ZERO));
        assertEquals(List.of("import:found", "import:conflict"), outcomes);
    }

    @Test
    void twoPoolUsersAreAConflictAlsoWhenTheFilteredListingComesOneAPage() {
        cognito.filteredPageSize = 1;
        cognito.put("one", Map.of("email", "paged@example.com"), true);
        cognito.put("two", Map.of("email", "paged@example.com"), true);
        assertEquals(Optional.empty(), imports.importable("realm", "key-paged", "paged@example.com", MINUTE));
        assertEquals(List.of("import:conflict"), outcomes);
        assertEquals(Map.of("ListUsers", 2), cognito.counts());
    }

    @Test
    void aNegativeAnswerIsRememberedForTheRealmsTimeOnThisNode() {
        imports.importable("realm", "key-late", "late@example.com", MINUTE);
        cognito.put("late", Map.of("email", "late@example.com", "email_verified", "true"), true);
        assertEquals(Optional.empty(), imports.importable("realm", "key-late", "late@example.com", MINUTE), "remembered");
        assertTrue(imports.importable("other-realm", "key-late", "late@example.com", MINUTE).isPresent(), "per realm");
        assertEquals(2, cognito.counts().get("ListUsers"));
        clock.advance(MINUTE);
        assertTrue(imports.importable("realm", "key-late", "late@example.com", MINUTE).isPresent(), "forgotten after a minute");
        assertTrue(imports.importable("realm", "key-late", "late@example.com", Duration.ZERO).isPresent());
    }

    @Test
    void theMemoryOfAbsentAddressesIsBounded() {
        PoolAbsenceCache cache = new PoolAbsenceCache(3);
        for (int i = 0; i < 10; i++) {
            cache.rememberAbsent("key-" + i, clock.instant());
        }
        assertEquals(3, cache.size());
        assertTrue(cache.absent("key-9", MINUTE, clock.instant()));
        assertEquals(false, cache.absent("key-0", MINUTE, clock.instant()), "the oldest went first");
    }
}
