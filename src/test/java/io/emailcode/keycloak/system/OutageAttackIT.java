package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.MannWhitney;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.TimingGate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.CognitoLocal;
import io.emailcode.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Dependencies falling over in the middle of sign-ins: a clear page, never a 5xx, Keycloak stays healthy, nobody gets
 * in without a valid code, everything works again without a restart, and no Cognito change is lost. A slow DynamoDB
 * holds only its share of Keycloak's worker threads.
 */
@ExtendWith({RealStack.class, AttackReport.class})
class OutageAttackIT {

    private static final String RETRY = "We could not send or check your code right now";

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OutageAttackIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void dynamoDbGoingDownBetweenTheCodeAndItsEntryLetsNobodyInAndTheSameCodeWorksOnceItIsBack() {
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String code = realm.codeFor(email);
        stack.dynamodbProxy().setDown(true);
        LoginBrowser.Page page = browser.submitCode(code);
        assertEquals(200, page.status());
        assertTrue(page.shows(RETRY), page.html());
        assertNull(page.location(), "nobody gets in while the store cannot check the code");
        assertEquals("UP", health(), "Keycloak stays healthy");
        stack.dynamodbProxy().setDown(false);
        browser.submitCode(code);
        assertTrue(browser.page().location().contains("code="), "the same code works once DynamoDB is back");
        AttackReport.record("outages", "DynamoDB down mid sign-in: status, health, signed in while down", "200, UP, no");
    }

    @Test
    void sesGoingDownShowsTheUsualPageAndTheNextCodeArrivesOnceItIsBack() {
        String email = realm.newUser();
        stack.sesProxy().setDown(true);
        LoginBrowser browser = realm.atCodePage(email);
        assertEquals(200, browser.page().status());
        assertTrue(browser.page().shows("one-time-code"), "the code page; the email leaves after it");
        assertEquals("UP", health());
        realm.metrics().awaitCodeEmailsOut(Duration.ofSeconds(20));
        assertTrue(stack.ses().inbox().stream().noneMatch(m -> m.isAddressedTo(email)));
        stack.sesProxy().setDown(false);
        realm.time().set(Duration.ofSeconds(31));
        browser.resend();
        browser.submitCode(realm.codeFor(email));
        assertTrue(browser.page().location().contains("code="));
        AttackReport.record("outages", "SES down mid sign-in: status, health, works after recovery", "200, UP, yes");
    }

    @Test
    void cognitoGoingDownLosesNoChange() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("auto.register", "true"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true));
        admin.updateRealmSettings(Map.of("mirror.mode", "BEST_EFFORT"));
        try (CognitoIdentityProviderClient cognito = CognitoLocal.client(stack.cognito().endpoint())) {
            stack.cognitoProxy().setDown(true);
            List<String> during = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String email = DemoRealm.newAddress("outage");
                LoginBrowser browser = realm.atCodePage(email);
                LoginBrowser.Page afterCode = browser.submitCode(realm.codeFor(email));
                assertTrue(afterCode.status() < 500);
                during.add(email);
            }
            assertEquals("UP", health());
            stack.cognitoProxy().setDown(false);
            for (String email : during) {
                Await.condition("the change of " + email + " to reach the pool", Duration.ofSeconds(60), () -> !cognito
                        .listUsers(b -> b.userPoolId(stack.cognito().userPoolId()).filter("email = \"" + email + "\""))
                        .users().isEmpty());
            }
            AttackReport.record("outages", "Cognito down during 3 registrations: changes in the pool after recovery",
                    during.size() + " of " + during.size());
        }
    }

    @Test
    void aSlowDynamoDbCannotTakeTheWorkerThreadsFromOtherSignIns() {
        TimingGate.assertPasses("password sign-ins while email-code requests hang", this::measureWhileRequestsHang)
                .report("outages");
    }

    /**
     * Master-realm password sign-ins before and while 50 email-code requests hang on a DynamoDB 8 s slow: the median
     * during may be at most twice the one before plus 250 ms. Every hanging request must get the retry page.
     */
    private TimingGate.Verdict measureWhileRequestsHang() {
        double[] before = passwordSignIns(10);
        stack.dynamodbProxy().setLatency(Duration.ofSeconds(8));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<LoginBrowser.Page>> hanging = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String email = DemoRealm.newAddress("slow");
                hanging.add(pool.submit(() -> {
                    LoginBrowser browser = realm.browser();
                    browser.openLogin();
                    return browser.submitEmail(email);
                }));
            }
            Await.pause(Duration.ofSeconds(1));
            double[] during = passwordSignIns(10);
            int retryPages = 0;
            for (Future<LoginBrowser.Page> request : hanging) {
                LoginBrowser.Page page = request.get(60, TimeUnit.SECONDS);
                assertTrue(page.status() < 500, "no error 500");
                if (page.shows(RETRY)) {
                    retryPages++;
                }
            }
            assertEquals(50, retryPages, "every request against a DynamoDB that does not answer in time gets the retry page");
            double normal = MannWhitney.median(before);
            double slow = MannWhitney.median(during);
            return new TimingGate.Verdict(List.of(new TimingGate.Check("password sign-in median during - 2 x before (ms)",
                    slow - 2 * normal, 250, TimingGate.Side.AT_MOST)), List.of(
                    new TimingGate.Figure("master-realm password sign-in median, normal vs while 50 email-code requests "
                            + "hang on a DynamoDB 8 s slow (ms)", String.format("%.0f vs %.0f", normal, slow)),
                    new TimingGate.Figure("email-code requests of the 50 answered with the retry page", String.valueOf(retryPages))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a hanging email-code request did not end", e);
        } finally {
            stack.dynamodbProxy().setLatency(Duration.ZERO);
            pool.shutdownNow();
        }
    }

    /** Milliseconds of direct-grant password sign-ins to the master realm, one after another. */
    private double[] passwordSignIns(int count) {
        double[] millis = new double[count];
        URI token = stack.keycloak().baseUrl().resolve("/realms/master/protocol/openid-connect/token");
        try {
            for (int i = 0; i < count; i++) {
                long started = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(token).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(LoginBrowser.form(Map.of("grant_type", "password",
                                "client_id", "admin-cli", "username", "admin", "password", "admin")))).build(),
                        HttpResponse.BodyHandlers.ofString());
                millis[i] = (System.nanoTime() - started) / 1e6;
                assertEquals(200, response.statusCode(), response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Arrays.sort(millis);
        return millis;
    }

    private String health() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + (stack.ports().keycloak() + 1000) + "/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = RealmAdmin.JSON.readTree(response.body());
            return body.path("status").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
