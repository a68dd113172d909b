package io.emailcode.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.emailcode.demo.DemoApp;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.LoginBrowser.Page;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, run as a person runs it, twice: it starts the stack on the demo ports, every one of them
 * listening on loopback only, alice signs in to the demo app with a code from the emulator's inbox, calls the API,
 * refreshes and signs out; then SIGTERM must stop every process the command started and free every port. The second
 * run keeps Keycloak's database and the Cognito emulator's pool together (the same pool id), so alice, linked on her
 * first sign-in, still has the same pool user after signing in again (which state is kept or started fresh, in every
 * combination, is {@code DemoStateTest}'s).
 *
 * <p>It runs the command's own {@code mvn ... package} inside this build. That is safe because this build
 * has just compiled and packaged the same sources: the inner build finds nothing to compile and writes a
 * byte-identical JAR, and this test JVM reads classes from target/classes, not from the JAR.
 */
class RunCommandSmokeIT {

    private static final String ALICE = "alice@example.com";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern POOL = Pattern.compile("user pool (\\S+)\\)");

    private final StackPorts ports = StackPorts.demo();
    private final List<Integer> demoPorts = List.of(ports.keycloak(), ports.keycloak() + 1000, ports.dynamodb(),
            ports.ses(), ports.cognito(), ports.cognito() + 100, ports.demoApp());
    private final URI app = URI.create("http://localhost:" + ports.demoApp());
    private final URI keycloak = URI.create("http://localhost:" + ports.keycloak());

    @Test
    void aliceSignsInToTheDemoAppSigtermStopsEverythingAndTheNextRunKeepsHerAccountAndPoolUserTogether() throws Exception {
        assumeTrue(demoPorts.stream().noneMatch(ManagedProcess::isListening),
                "a demo port is in use (is the run command already running?); not starting a second stack");
        Path projectDir = Path.of(System.getProperty("stack.projectDir"));
        String command = RunCommand.fromReadme(projectDir.resolve("README.md"));
        Path mavenBin = System.getProperty("maven.home") == null ? null : Path.of(System.getProperty("maven.home"), "bin");
        Instant started = Instant.now();

        String firstPool;
        String aliceSub;
        try (RunCommand run = RunCommand.start(command, projectDir, mavenBin,
                projectDir.resolve("target/run-command-smoke/run-command.log"))) {
            run.awaitOutput(LocalStackMain.READY, READY_TIMEOUT);
            System.out.println("The run command was ready after " + Duration.between(started, Instant.now()).toSeconds() + " s");
            assertListeningOnLoopbackOnly();
            firstPool = poolOf(run);
            signInSignOut();
            aliceSub = aliceLinkedSub();
            assertEquals(Optional.of(aliceSub), poolSubOfAlice(firstPool), "alice's pool user is the one she is linked to");
            stop(run);
        }

        Instant again = Instant.now();
        try (RunCommand run = RunCommand.start(command, projectDir, mavenBin,
                projectDir.resolve("target/run-command-smoke/run-command-2.log"))) {
            run.awaitOutput(LocalStackMain.READY, READY_TIMEOUT);
            System.out.println("The second run was ready after " + Duration.between(again, Instant.now()).toSeconds() + " s");
            assertTrue(run.output().contains("Kept from the last run"), "the second run keeps the first one's state:\n" + run.tail());
            assertEquals(firstPool, poolOf(run), "the same pool");
            assertEquals(Optional.of(aliceSub), poolSubOfAlice(firstPool), "alice's pool user is still there");
            signInSignOut();
            assertEquals(aliceSub, aliceLinkedSub(), "and she stays linked to it after signing in again");
            assertEquals(Optional.of(aliceSub), poolSubOfAlice(firstPool), "the pool still holds alice");
            stop(run);
        }
        System.out.println("Smoke test took " + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    private void stop(RunCommand run) throws Exception {
        assertTrue(run.terminate(STOP_TIMEOUT), "the run command did not end within " + STOP_TIMEOUT.toSeconds()
                + " s of SIGTERM:\n" + run.tail());
        assertEverythingStopped(run.session());
    }

    /** The pool the welcome names ("Cognito (local) ... (user pool ID)"). */
    private static String poolOf(RunCommand run) throws IOException {
        Matcher pool = POOL.matcher(run.output());
        String last = null;
        while (pool.find()) {
            last = pool.group(1);
        }
        assertNotNull(last, "the welcome names the user pool:\n" + run.tail());
        return last;
    }

    /** The pool user alice's account is linked to, once the mirror is done (her first sign-in links her). */
    private String aliceLinkedSub() {
        RealmAdmin admin = new RealmAdmin(keycloak, DemoApp.REALM);
        return Await.value("alice linked to a pool user", MIRROR_WAIT, () -> admin.cognitoSub(admin.userIdByEmail(ALICE)));
    }

    private Optional<String> poolSubOfAlice(String poolId) {
        try (PoolUsers pool = PoolUsers.at(URI.create("http://localhost:" + ports.cognito()), poolId)) {
            return pool.withEmail(ALICE).map(attributes -> attributes.get("sub"));
        }
    }

    private void signInSignOut() {
        LoginBrowser browser = new LoginBrowser(URI.create("http://localhost:" + ports.keycloak()), DemoApp.REALM);
        assertTrue(browser.open(app.resolve("/")).shows("Sign in"));

        browser.submit("/login", Map.of());
        Page keycloak = browser.follow();
        assertEquals(200, keycloak.status(), keycloak.html());
        assertTrue(keycloak.uri().toString().startsWith("http://localhost:" + ports.keycloak() + "/realms/demo/"));

        browser.submitEmail(ALICE);
        browser.submitCode(codeFromInbox());
        browser.follow(); // the app's callback
        Page signedIn = browser.follow();
        assertEquals(app.resolve("/me"), signedIn.uri());
        assertTrue(signedIn.shows("Signed in as " + ALICE), signedIn.html());
        for (String claim : List.of("sub", "name", "acr", "auth_time")) {
            assertTrue(signedIn.shows("<th>" + claim + "</th>"), "the ID token's " + claim + " is shown:\n" + signedIn.html());
        }

        browser.submit("/call-api", Map.of());
        Page apiAnswer = browser.follow();
        assertTrue(apiAnswer.shows("GET /api/whoami -&gt; HTTP 200"), apiAnswer.html());
        assertTrue(apiAnswer.shows("&quot;email&quot; : &quot;" + ALICE + "&quot;"), apiAnswer.html());
        assertEquals(401, apiStatus(null));
        assertEquals(401, apiStatus("not-a-token"));

        browser.submit("/refresh", Map.of());
        assertTrue(browser.follow().shows("Tokens refreshed."));

        browser.submit("/logout", Map.of());
        Page endSession = browser.follow();
        assertTrue(endSession.location() != null && endSession.location().startsWith(app.toString()),
                "Keycloak should send the browser back to the app: " + endSession.status() + " " + endSession.location());
        assertTrue(browser.follow().shows("Sign in"));

        browser.submit("/login", Map.of());
        Page again = browser.follow();
        assertEquals(200, again.status(), "after sign-out Keycloak asks for the address again, no silent sign-in");
        assertTrue(again.shows("name=\"username\""), again.html());
    }

    private String codeFromInbox() {
        String text = new SesInbox(URI.create("http://localhost:" + ports.ses())).awaitEmailTo(ALICE, Duration.ofSeconds(15)).text();
        Matcher m = CODE.matcher(text);
        assertTrue(m.find(), "no code in the email");
        return m.group(1);
    }

    private int apiStatus(String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.resolve("/api/whoami")).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError("GET /api/whoami failed", e);
        }
    }

    /** Nothing the command started can be reached from another machine (checked where Linux lists its sockets). */
    private void assertListeningOnLoopbackOnly() {
        if (ListeningSockets.readable()) {
            assertEquals(demoPorts, ListeningSockets.listenedOn(demoPorts), "every port of the stack is listened on");
            assertEquals(Map.of(), ListeningSockets.beyondLoopback(demoPorts), "ports listened on beyond loopback");
        }
    }

    private void assertEverythingStopped(ProcessSession session) throws InterruptedException {
        // Generous for a loaded machine: a quiet one stops everything in about 2 s.
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)
                && (!session.alive().isEmpty() || demoPorts.stream().anyMatch(ManagedProcess::isListening))) {
            Thread.sleep(250);
        }
        assertEquals(List.of(), session.alive(), "processes of the run command still alive after SIGTERM");
        for (int port : demoPorts) {
            assertTrue(!ManagedProcess.isListening(port), "port " + port + " is still in use after SIGTERM");
        }
    }
}
