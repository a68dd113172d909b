package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.ClusterView;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealCluster;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.ClusterStack;
import io.emailcode.stack.ListeningSockets;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in on a two-node cluster through the round-robin proxy, which sends consecutive requests of one browser
 * to different nodes: what one node decided, the other one knows, because codes, cooldowns and send budgets live
 * in the one DynamoDB table and authentication sessions and brute-force counts in the cluster's caches.
 *
 * <p>Where a cluster test of the failure cap goes ({@code failureCapAcrossCodesHoldsAcrossNodes}; the cap on
 * consecutive failures across codes is the realm setting {@code limits.failures.cap}, docs/configuration.md): wrong
 * codes for one address, spread over new codes and over both nodes, stop at the realm's cap, and the next code is
 * refused on either node.
 */
@ExtendWith(RealCluster.class)
class ClusterSignInIT {

    private final ClusterStack cluster;
    private final DemoRealm realm;
    private final RealmAdmin admin;
    private final ClusterView view;
    private Map<String, String> savedStepSettings;

    ClusterSignInIT(ClusterStack cluster, DemoRealm realm) {
        this.cluster = cluster;
        this.realm = realm;
        this.admin = realm.admin();
        this.view = new ClusterView(cluster);
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        // People do not type two codes within a second; these tests do.
        realm.admin().updateRealm(RealmAdmin.JSON.createObjectNode().put("quickLoginCheckMilliSeconds", 0));
    }

    @BeforeEach
    void rememberStepSettings() {
        savedStepSettings = admin.stepConfig(DemoRealm.FLOW);
    }

    @AfterEach
    void restoreStepSettings() {
        view.changeStepSettings(admin, savedStepSettings);
    }

    /** Nothing the cluster runs (nodes, their caches' transport, PostgreSQL, the proxy, emulators) is reachable from elsewhere. */
    @Test
    void everyPortOfTheClusterListensOnLoopbackOnly() {
        assumeTrue(ListeningSockets.readable(), "only where Linux lists its sockets");
        List<Integer> ports = cluster.listeningPorts();
        assertTrue(ListeningSockets.listenedOn(ports).size() >= 5, "the nodes, their transport and the proxy: " + ports);
        assertEquals(Map.of(), ListeningSockets.beyondLoopback(ports), "ports listened on beyond loopback");
    }

    @Test
    void aCodeRequestedFromOneNodeSignsInOnTheOther() throws IOException {
        String email = realm.newUser();
        LoginBrowser browser = realm.browser();
        browser.openLogin();
        assertTrue(browser.submitEmail(email).shows(email), "the code page shows the address as typed");
        String issuedBy = view.lastServedBy();

        browser.submitCode(realm.codeFor(email));
        String checkedBy = view.lastServedBy();
        String authorizationCode = browser.authorizationCode();
        JsonNode tokens = RealmAdmin.JSON.readTree(browser.exchangeCode(authorizationCode));

        assertNotEquals(issuedBy, checkedBy, "the proxy sent the code to the other node");
        assertTrue(tokens.hasNonNull("access_token"), tokens.toString());
        System.out.println("Code issued by node " + issuedBy + ", accepted by node " + checkedBy);
    }

    @Test
    void theResendCooldownHoldsOnBothNodes() {
        view.changeStepSettings(admin, Map.of("resend.cooldown.seconds", "60"));
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String issuedBy = view.lastServedBy();
        realm.codeFor(email);

        LoginBrowser.Page early = browser.resend();
        String refusedBy = view.lastServedBy();

        assertNotEquals(issuedBy, refusedBy);
        // Waits are shown as a clock (0:59).
        assertTrue(early.html().matches("(?s).*Please wait [0-9]+:[0-9]{2} before requesting another code.*"), early.html());
        assertEquals(1, emailsTo(email), "the other node sent no second code within the cooldown");
    }

    @Test
    void theHourlySendBudgetHoldsOnBothNodes() {
        view.changeStepSettings(admin, Map.of("sends.per.hour", "2", "resend.cooldown.seconds", "0"));
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String firstBy = view.lastServedBy();
        assertTrue(browser.resend().shows("We sent you a new code"));
        String secondBy = view.lastServedBy();
        realm.seenCodes().add(realm.codeFor(email));

        LoginBrowser.Page third = browser.resend();

        assertNotEquals(firstBy, secondBy, "the two codes were sent by different nodes");
        assertTrue(third.shows("Too many codes were requested"), third.html());
        assertEquals(2, emailsTo(email), "two codes in all, from two nodes, then none");
    }

    @Test
    void wrongCodesOnEitherNodeCountTowardTheSameLockout() {
        String email = realm.newUser();
        String userId = admin.userIdByEmail(email);
        LoginBrowser browser = realm.atCodePage(email);
        String right = realm.codeFor(email);

        // The proxy alternates, but a node that briefly reports not ready is skipped: guess until both have served one
        // (within the code's five attempts).
        Set<String> servedBy = new HashSet<>();
        int guesses = 0;
        while (servedBy.size() < 2 && guesses < 4) {
            assertTrue(browser.submitCode(DemoRealm.wrong(right)).shows("That code is not right"));
            servedBy.add(view.lastServedBy());
            guesses++;
        }

        assertEquals(2, servedBy.size(), "both nodes took a wrong code");
        realm.awaitFailures(userId, guesses);
        admin.clearBruteForce(userId);
    }

    private long emailsTo(String email) {
        return cluster.ses().inbox().stream().filter(m -> m.isAddressedTo(email)).count();
    }
}
