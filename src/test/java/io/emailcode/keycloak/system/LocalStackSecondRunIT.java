package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.SeenCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.StackPorts;
import io.emailcode.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The run command's stack started twice, as a newcomer does: the second run keeps Keycloak's database and the Cognito
 * emulator's pool together (the same pool id), so alice, linked on her first sign-in, still has her pool user after
 * signing in again (that without the emulator's state both start fresh is {@code DemoStateTest}'s). A stack of its own (ports 500-599 above the tests'
 * port base, state under {@code keycloak-second-run}), never the demo's.
 */
class LocalStackSecondRunIT {

    private static final String ALICE = "alice@example.com";
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(30);

    private final StackSettings settings = StackSettings.fromSystemProperties();
    private final StackPorts ports = ports();
    private final Path home = settings.workDir().resolve("keycloak-second-run");

    @Test
    void aSecondRunKeepsKeycloaksDatabaseAndTheCognitoPoolTogether() {
        delete(home.resolve("data"));
        String firstPool;
        String aliceSub;
        try (LocalStack first = start()) {
            assertFalse(first.keptFromLastRun(), "nothing to keep on the first run");
            firstPool = first.cognito().userPoolId();
            aliceSub = signInAlice(first);
        }
        try (LocalStack second = start()) {
            assertTrue(second.keptFromLastRun());
            assertEquals(firstPool, second.cognito().userPoolId(), "the same pool");
            assertEquals(aliceSub, poolSubOfAlice(second).orElseThrow(), "alice's pool user is still there");
            assertEquals(aliceSub, signInAlice(second), "and stays linked after she signs in again");
            assertEquals(Optional.of(aliceSub), poolSubOfAlice(second), "the pool still holds alice");
        }
        // Which state is kept or started fresh, in every combination, is DemoStateTest's.
    }

    private LocalStack start() {
        LocalStack stack = LocalStack.forDemo(ports, "second-run");
        try {
            stack.startForDemo(settings);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        System.out.print(stack.welcome(Duration.ZERO));
        return stack;
    }

    /** Signs alice in with a code; returns the sub her account is linked to once the mirror is done. */
    private String signInAlice(LocalStack stack) {
        DemoRealm realm = new DemoRealm(stack, new SeenCodes());
        realm.allowQuickRetries();
        LoginBrowser browser = realm.atCodePage(ALICE);
        browser.submitCode(realm.codeFor(ALICE));
        browser.authorizationCode();
        RealmAdmin admin = realm.admin();
        return Await.value("alice linked to a pool user", MIRROR_WAIT, () -> {
            JsonNode sub = admin.user(admin.userIdByEmail(ALICE)).path("attributes").path("cognito_sub");
            return sub.isArray() && !sub.isEmpty() ? Optional.of(sub.get(0).asText()) : Optional.empty();
        });
    }

    private static Optional<String> poolSubOfAlice(LocalStack stack) {
        try (PoolUsers pool = new PoolUsers(stack.cognito())) {
            return pool.withEmail(ALICE).map(attributes -> attributes.get("sub"));
        }
    }

    /** The block 500-599 above the tests' port base (Keycloak's management port 1000 higher), clear of the others. */
    private static StackPorts ports() {
        int base = Integer.getInteger("stack.portBase", 18000);
        return new StackPorts(base + 580, base + 500, base + 505, base + 510, base + 590);
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
