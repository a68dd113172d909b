package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.FirstRequestTimings;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.MannWhitney;
import io.emailcode.keycloak.system.fixture.Pages;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.TimingGate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Import on proof against real Keycloak and the Cognito emulator behind a counting proxy: a person who exists only in
 * the pool signs in with a code and becomes a linked Keycloak user, the pool user starting clean; with the setting off,
 * for a disabled or unverified pool user and for two pool users with the address nothing is sent and nobody is created; addresses with an account never cost a
 * pool call; and every kind of address gets the same page in the same time, also with a slow pool.
 */
@ExtendWith(RealStack.class)
class ImportOnProofIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PoolUsers pool;
    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    ImportOnProofIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void prepare(LocalStack stack, DemoRealm realm) {
        realm.allowQuickRetries();
        pool = new PoolUsers(stack.cognito());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void importOn() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("resend.cooldown.seconds", "0", "sends.per.hour", "100"));
        admin.updateRealmSettings(Map.of("mirror.mode", "BEST_EFFORT", "mirror.import", "true"));
    }

    @Test
    void aPersonOnlyThePoolHasGetsACodeAndBecomesALinkedVerifiedKeycloakUser() {
        String email = DemoRealm.newAddress("pooled");
        String sub = pool.create("legacy-" + email, Map.of("email", email, "email_verified", "true", "given_name", "Pat",
                "family_name", "Pool"), true);
        stack.cognitoProxy().resetCounts();
        LoginBrowser browser = realm.atCodePage(email);
        assertNull(admin.userIdByEmail(email), "nobody is created before the code is entered");
        assertNotNull(browser.submitCode(realm.codeFor(email)).location());
        browser.authorizationCode();

        String userId = admin.userIdByEmail(email);
        JsonNode user = admin.user(userId);
        assertTrue(user.get("emailVerified").asBoolean());
        assertTrue(user.get("enabled").asBoolean());
        assertEquals("Pat", user.get("firstName").asText());
        assertEquals("Pool", user.get("lastName").asText());
        assertEquals(sub, user.path("attributes").path("cognito_sub").get(0).asText(), "linked to the pool user");
        JsonNode register = admin.events("REGISTER").stream().filter(e -> userId.equals(e.path("userId").asText()))
                .findFirst().orElseThrow();
        assertEquals("cognito-import", register.path("details").path("register_method").asText());
        Await.pause(Duration.ofSeconds(2));
        Map<String, Integer> calls = stack.cognitoProxy().calls();
        System.out.println("Cognito calls per imported sign-in (a lookup when the code is sent and when it is right, "
                + "then the clean start): " + calls);
        assertEquals(Map.of("ListUsers", 2, "AdminSetUserPassword", 1, "AdminUserGlobalSignOut", 1), calls,
                "its password replaced and its sessions ended before it was linked");
        assertEquals(1, pool.usersWithEmail(email).size(), "no second pool user");

        stack.cognitoProxy().resetCounts();
        signIn(email);
        Await.pause(Duration.ofSeconds(2));
        assertEquals(Map.of(), stack.cognitoProxy().calls(), "a linked user's next sign-in makes no Cognito call");
    }

    @Test
    void anUnverifiedPoolUserWithTheAddressIsAConflictNotAnImport() {
        String email = DemoRealm.newAddress("pooled-unverified");
        pool.create("legacy-" + email, Map.of("email", email, "email_verified", "false"), true);
        double conflicts = importOutcomes("conflict");
        realm.atCodePage(email);
        assertNothingSentAndNobodyCreated(email);
        assertEquals(conflicts + 1, importOutcomes("conflict"));
    }

    @Test
    void withTheSettingOffThePoolIsNotAskedAndNothingIsSent() {
        admin.updateRealmSettings(Map.of("mirror.import", "false"));
        String email = DemoRealm.newAddress("pooled-off");
        pool.create("legacy-" + email, Map.of("email", email, "email_verified", "true"), true);
        stack.cognitoProxy().resetCounts();
        realm.atCodePage(email);
        assertNothingSentAndNobodyCreated(email);
        assertEquals(Map.of(), stack.cognitoProxy().calls());
    }

    @Test
    void aDisabledPoolUserGetsWhatAnUnknownAddressGets() {
        String email = DemoRealm.newAddress("pooled-disabled");
        pool.create("legacy-" + email, Map.of("email", email, "email_verified", "true"), false);
        realm.atCodePage(email);
        assertNothingSentAndNobodyCreated(email);
    }

    @Test
    void twoPoolUsersWithTheAddressAreAConflictNotAnImport() {
        String email = DemoRealm.newAddress("pooled-twice");
        pool.create("one-" + email, Map.of("email", email, "email_verified", "true"), true);
        pool.create("two-" + email, Map.of("email", email, "email_verified", "true"), true);
        double conflicts = importOutcomes("conflict");
        realm.atCodePage(email);
        assertNothingSentAndNobodyCreated(email);
        assertEquals(conflicts + 1, importOutcomes("conflict"));
        assertEquals(2, pool.usersWithEmail(email).size());
    }

    @Test
    void anAddressWithAnAccountNeverCostsAPoolCall() {
        String email = realm.newUser();
        Await.value("the new account mirrored", WAIT, () -> Optional.ofNullable(admin.user(admin.userIdByEmail(email))
                .path("attributes").path("cognito_sub").get(0)));
        stack.cognitoProxy().resetCounts();
        realm.atCodePage(email);
        realm.codeFor(email);
        assertEquals(Map.of(), stack.cognitoProxy().calls());
    }

    @Test
    void everyKindOfAddressGetsTheSamePage() {
        String unknown = DemoRealm.newAddress("nobody");
        LoginBrowser.Page reference = realm.atCodePage(unknown).page();
        String known = realm.newUser();
        String pooled = DemoRealm.newAddress("pooled-page");
        pool.create("legacy-" + pooled, Map.of("email", pooled, "email_verified", "true"), true);
        String disabled = DemoRealm.newAddress("pooled-page-disabled");
        pool.create("legacy-" + disabled, Map.of("email", disabled, "email_verified", "true"), false);
        for (String address : List.of(known, pooled, disabled)) {
            assertEquals(Pages.normalised(reference, unknown), Pages.normalised(realm.atCodePage(address).page(), address), address);
        }
        realm.codeFor(pooled);
    }

    /**
     * First requests for addresses with an account, addresses only the pool has and addresses nobody has, alternating,
     * with the pool answering 300 ms late: the pool is asked after the response, so none of them waits for it.
     */
    @Test
    void knownPoolOnlyAndUnknownAddressesTakeTheSameTimeWithASlowPool() {
        TimingGate.assertPasses("import on proof timing, Cognito +300 ms", this::measureWithASlowPool);
        realm.metrics().awaitCodeEmailsOut(WAIT);
    }

    private TimingGate.Verdict measureWithASlowPool() {
        // 40 rounds in CI: a leak of the slow pool's 300 ms would give p far below 1e-10 (300 in the full run)
        int samples = Integer.getInteger("import.timing.samples", AttackReport.scaled(40, 300));
        String[] known = new String[samples];
        String[] pooled = new String[samples];
        for (int i = 0; i < samples; i++) {
            known[i] = realm.newUser();
            pooled[i] = DemoRealm.newAddress("timing-pooled");
            pool.create("legacy-" + pooled[i], Map.of("email", pooled[i], "email_verified", "true"), true);
        }
        realm.metrics().awaitCodeEmailsOut(WAIT);
        stack.cognitoProxy().setLatency(Duration.ofMillis(300));
        double[] knownMillis = new double[samples];
        double[] pooledMillis = new double[samples];
        double[] unknownMillis = new double[samples];
        try {
            for (int i = 0; i < samples; i++) {
                knownMillis[i] = realm.millisToCodePage(known[i]);
                pooledMillis[i] = realm.millisToCodePage(pooled[i]);
                unknownMillis[i] = realm.millisToCodePage(DemoRealm.newAddress("timing-nobody"));
            }
        } finally {
            stack.cognitoProxy().setLatency(Duration.ZERO);
        }
        double pPooled = MannWhitney.pValue(knownMillis, pooledMillis);
        double pUnknown = MannWhitney.pValue(knownMillis, unknownMillis);
        double k = MannWhitney.median(knownMillis);
        double p = MannWhitney.median(pooledMillis);
        double u = MannWhitney.median(unknownMillis);
        // Each round's three requests met the server in the same state, so the shift is read from the rounds'
        // differences; the medians of three small samples drift apart on a busy machine even when p is near 1.
        double shiftPooled = MannWhitney.medianOfDifferences(pooledMillis, knownMillis);
        double shiftUnknown = MannWhitney.medianOfDifferences(unknownMillis, knownMillis);
        double allowed = FirstRequestTimings.allowedDifference(k);
        String figures = String.format(Locale.ROOT, "%d x 3 alternating first requests: medians known %.1f, pool only %.1f, "
                + "unknown %.1f ms; Mann-Whitney p %.3f (pool only), %.3f (unknown); median shift within rounds %.1f "
                + "(pool only), %.1f ms (unknown)", samples, k, p, u, pPooled, pUnknown, shiftPooled, shiftUnknown);
        System.out.println("ImportOnProofIT timing, import on, Cognito +300 ms: " + figures);
        List<TimingGate.Check> checks = new ArrayList<>(List.of(
                new TimingGate.Check("known vs pool only: Mann-Whitney p", pPooled, 0.01, TimingGate.Side.AT_LEAST),
                new TimingGate.Check("known vs unknown: Mann-Whitney p", pUnknown, 0.01, TimingGate.Side.AT_LEAST)));
        // The millisecond claim is the full-length run's, as for the enumeration tests (FirstRequestTimings).
        if (AttackReport.fullLength()) {
            checks.add(new TimingGate.Check("pool only - known: median shift (ms)", shiftPooled, allowed, TimingGate.Side.WITHIN));
            checks.add(new TimingGate.Check("unknown - known: median shift (ms)", shiftUnknown, allowed, TimingGate.Side.WITHIN));
        }
        return new TimingGate.Verdict(checks, List.of(new TimingGate.Figure(
                "known, pool-only and unknown addresses with import on and Cognito +300 ms", figures)));
    }

    private void signIn(String email) {
        LoginBrowser browser = realm.atCodePage(email);
        LoginBrowser.Page afterCode = browser.submitCode(realm.codeFor(email));
        if (afterCode.location() != null && afterCode.location().contains("VERIFY_PROFILE")) {
            browser.follow();
            browser.submitProfile("New", "Person");
        }
        browser.authorizationCode();
    }

    private void assertNothingSentAndNobodyCreated(String email) {
        realm.metrics().awaitCodeEmailsOut(WAIT);
        assertFalse(stack.ses().inbox().stream().anyMatch(m -> m.isAddressedTo(email)), "no email to " + email);
        assertNull(admin.userIdByEmail(email), "nobody created for " + email);
    }

    /** {@code keycloak_cognito_mirror_total{operation="import",outcome=...}}: what the pool lookups found. */
    private double importOutcomes(String outcome) {
        return realm.metrics().sum("keycloak_cognito_mirror_total", "operation=\"import\",outcome=\"" + outcome + "\"");
    }
}
