package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.system.fixture.AppScreen;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.SesInbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark's smoke version, in every {@code mvn verify}: a few seconds of Gatling load through the real OIDC
 * flows, then the provider's own AWS call counters (its SDK interceptor, read from Keycloak's metrics endpoint) must
 * show exactly {@link HotPathBudget} per successful email-code sign-in, no Cognito call for people already linked to
 * the pool, and not one failed sign-in, in a browser and on an app's own screen (the authorization challenge
 * endpoint). A change that adds a call to the hot path fails here. A few sign-ins through
 * the benchmark's floor (Keycloak's Username Form alone) keep that way working.
 */
@ExtendWith(RealStack.class)
class HotPathSmokeIT {

    private static final int PEOPLE = 20;
    private static final int AT_ONCE = 4;
    private static final int FLOOR_SIGN_INS = 4;
    private static final Duration PAST_THE_COOLDOWN = Duration.ofSeconds(31);
    private static final Duration PAST_THE_NEXT_COOLDOWN = Duration.ofSeconds(62);

    private final LocalStack stack;
    private final DemoRealm realm;
    private final int managementPort;
    private final LoadRecorder recorder = new LoadRecorder();

    HotPathSmokeIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.managementPort = stack.ports().keycloak() + 1000;
    }

    @AfterEach
    void putTheClockBack() {
        realm.time().reset();
    }

    @Test
    void theServerReportsReadyOnlyOnceTheHotPathsAwsCallsWereRehearsed() throws IOException {
        List<String> lines = Files.readAllLines(stack.keycloak().log());
        int ready = lastLineWith(lines, "Bootstrap completed");
        assertTrue(ready >= 0, "Keycloak's log of this start has no end of its bootstrap");
        for (String rehearsal : List.of("Rehearsed the DynamoDB code store's AWS calls", "Rehearsed the SES email sender's AWS calls")) {
            int rehearsed = lastLineWith(lines, rehearsal);
            assertTrue(rehearsed >= 0 && rehearsed < ready, "'" + rehearsal + "' must be logged before Keycloak's bootstrap"
                    + " ends (the node reports ready warm): line " + rehearsed + ", bootstrap's end line " + ready);
        }
    }

    private static int lastLineWith(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void emailCodeSignInsCostExactlyTheHotPathsAwsCallsAndNoneFails() {
        BenchmarkRealm admin = new BenchmarkRealm(stack.keycloak().baseUrl());
        admin.addPasswordClient();
        admin.addFloorClient();
        String run = "smoke-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> emailPeople = admin.createUsers(run + "-code", PEOPLE, null);
        List<String> passwordPeople = admin.createUsers(run + "-password", PEOPLE / 2, BenchmarkRealm.PASSWORD);
        KeycloakProcess keycloak = new KeycloakProcess(stack.keycloak().javaPid());

        try (CodeInbox inbox = new CodeInbox(new SesInbox(stack.ses().endpoint()), realm.seenCodes()::add)) {
            SignInChains chains = new SignInChains(BenchmarkRealm.REALM, recorder, inbox);
            double createdBefore = mirrored();
            UserPool firstTime = UserPool.once(emailPeople);
            Map<String, Long> first = awsCallsDuring(() -> LoadPlan.block("first sign-ins", "email first",
                    chains.emailCode("email first", BenchmarkRealm.EMAIL_CLIENT), firstTime, AT_ONCE, PEOPLE,
                    keycloak, recorder, () -> mirrored() >= createdBefore + PEOPLE));
            assertNoFailures();
            assertEquals(PEOPLE, recorder.successes("email first"));
            assertHotPath(first, PEOPLE, "first sign-ins (the mirror's calls to Cognito and its queue come on top, off the request thread)");
            assertEquals(PEOPLE, admin.linkedToCognito(emailPeople), "every first sign-in linked its pool user");

            realm.time().set(PAST_THE_COOLDOWN);
            UserPool again = UserPool.cycling(emailPeople, "");
            Map<String, Long> later = awsCallsDuring(() -> LoadPlan.block("later sign-ins", "email",
                    chains.emailCode("email", BenchmarkRealm.EMAIL_CLIENT), again, AT_ONCE, PEOPLE,
                    keycloak, recorder, () -> true));
            UserPool withPassword = UserPool.cycling(passwordPeople, BenchmarkRealm.PASSWORD);
            Map<String, Long> password = awsCallsDuring(() -> LoadPlan.block("password sign-ins", "password",
                    chains.password("password", BenchmarkRealm.PASSWORD_CLIENT), withPassword, 2, PEOPLE / 2, keycloak, recorder,
                    () -> true));

            // The same people on an app's own screen: the same hot path, through the authorization challenge endpoint.
            realm.time().set(PAST_THE_NEXT_COOLDOWN);
            UserPool onTheApp = UserPool.cycling(emailPeople, "");
            Map<String, Long> app = awsCallsDuring(() -> LoadPlan.block("app sign-ins", "app",
                    chains.appScreen("app", AppScreen.CLIENT), onTheApp, AT_ONCE, PEOPLE, keycloak, recorder, () -> true));

            // The floor of docs/benchmarks.md (Keycloak's Username Form alone) in a few sign-ins, so its flow and
            // chain keep working; nothing is timed.
            UserPool floor = UserPool.cycling(passwordPeople, "");
            Map<String, Long> floorCalls = awsCallsDuring(() -> LoadPlan.block("floor sign-ins", "floor",
                    chains.usernameOnly("floor", BenchmarkRealm.FLOOR_CLIENT), floor, 2, FLOOR_SIGN_INS, keycloak, recorder,
                    () -> true));

            assertNoFailures();
            assertEquals(PEOPLE, recorder.successes("email"));
            assertEquals(PEOPLE, recorder.successes("app"));
            assertEquals(PEOPLE / 2, recorder.successes("password"));
            assertEquals(FLOOR_SIGN_INS, recorder.successes("floor"));
            assertEquals(expected(PEOPLE), withoutBackground(later),
                    "a linked person's sign-in costs exactly the hot path's calls: nothing else, no Cognito call");
            assertEquals(expected(PEOPLE), withoutBackground(app), "on an app's own screen too");
            assertEquals(Map.of(), withoutBackground(password), "a password sign-in makes no AWS call");
            assertEquals(Map.of(), withoutBackground(floorCalls), "a sign-in with Keycloak's Username Form alone makes no AWS call");
            recorder.blocks().forEach(b -> System.out.printf("Smoke %s: %d sign-ins, Keycloak CPU %.1f ms per sign-in%n",
                    b.name(), b.signIns(), b.cpuMillisPerSignIn()));
        }
    }

    private Map<String, Long> awsCallsDuring(java.util.function.Supplier<io.gatling.javaapi.core.PopulationBuilder> load) {
        Map<String, Long> before = ProviderMetrics.read(managementPort).awsCalls();
        int status = GatlingRun.run(LoadPlan.of(stack.keycloak().baseUrl(), Duration.ofMinutes(3), load),
                Path.of("target", "gatling", "smoke"), "hot path smoke", false);
        assertEquals(0, status, "Gatling's run completed");
        awaitEmailsOut();
        return ProviderMetrics.delta(before, ProviderMetrics.read(managementPort).awsCalls());
    }

    private void assertHotPath(Map<String, Long> calls, int signIns, String what) {
        HotPathBudget.CALLS_PER_SIGN_IN.forEach((operation, perSignIn) ->
                assertEquals((long) perSignIn * signIns, calls.getOrDefault(operation, 0L), operation + " in " + what + ": " + calls));
    }

    private static Map<String, Long> expected(int signIns) {
        Map<String, Long> expected = new HashMap<>();
        HotPathBudget.CALLS_PER_SIGN_IN.forEach((operation, perSignIn) -> expected.put(operation, (long) perSignIn * signIns));
        assertEquals(3, HotPathBudget.TOTAL);
        return expected;
    }

    private static Map<String, Long> withoutBackground(Map<String, Long> calls) {
        Map<String, Long> perSignIn = new HashMap<>(calls);
        HotPathBudget.BACKGROUND.forEach(perSignIn::remove);
        return perSignIn;
    }

    private double mirrored() {
        return ProviderMetrics.read(managementPort).sum(ProviderMetrics.MIRROR, "operation", "sync", "outcome", "created");
    }

    private void assertNoFailures() {
        assertEquals(0, recorder.totalFailures(), "failed sign-ins: " + recorder.failureSamples());
    }

    /** Emails leave after the response; the counters are read once the last one is out. */
    private void awaitEmailsOut() {
        BooleanSupplier out = () -> ProviderMetrics.read(managementPort).codeEmailsOut();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!out.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "every code email handed over was dealt with within 30 s");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
