package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.ClusterView;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealCluster;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.RestartLosses;
import io.emailcode.keycloak.system.fixture.ServerErrorLog;
import io.emailcode.keycloak.system.fixture.SignInStream;
import io.emailcode.keycloak.system.fixture.TableDump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.ClusterStack;
import io.emailcode.stack.CountingProxy;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.RoundRobinProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nodes that die or restart: a sign-in in progress and a mirror change a node had queued survive that node,
 * the mirror's retry task runs on one node at a time, and a rolling restart loses no sign-in to the product.
 * Each test leaves both nodes running.
 */
@ExtendWith(RealCluster.class)
class ClusterFailoverIT {

    /** A node that died holding the retry task's cluster lock keeps it for at most 60 s. */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(120);
    private static final Duration QUEUED_WAIT = Duration.ofSeconds(30);
    private static final int QUEUED_CHANGES = 6;

    private static PoolUsers pool;
    private final ClusterStack cluster;
    private final DemoRealm realm;
    private final RealmAdmin admin;
    private final ClusterView view;

    ClusterFailoverIT(ClusterStack cluster, DemoRealm realm) {
        this.cluster = cluster;
        this.realm = realm;
        this.admin = realm.admin();
        this.view = new ClusterView(cluster);
    }

    @BeforeAll
    static void readThePool(ClusterStack cluster) {
        pool = new PoolUsers(cluster.cognito());
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @AfterEach
    void bothNodesRunAgain() {
        view.restore();
    }

    @Test
    void aKilledNodeLosesNeitherTheSignInItStartedNorTheMirrorChangeItQueued() {
        String email = realm.newUser();
        cognito("a").setDown(true);
        cognito("b").setDown(true);
        LoginBrowser browser = realm.atCodePage(email);
        String victim = view.lastServedBy();
        String survivor = victim.equals("a") ? "b" : "a";
        String queuedEmail = DemoRealm.newAddress("queued");
        String queuedUser = view.adminOf(victim).createUser(queuedEmail, null);
        Await.condition("the change queued by node " + victim, QUEUED_WAIT, () -> queue().contains(queuedUser));
        String code = realm.codeFor(email);

        view.kill(victim);
        browser.submitCode(code);
        String checkedBy = view.lastServedBy();
        String tokens = browser.exchangeCode(browser.authorizationCode());
        cognito(survivor).resetCounts();
        cognito(survivor).setDown(false);
        Map<String, String> pooled = Await.value("the queued user in the pool", DELIVERY_WAIT, () -> pool.withEmail(queuedEmail));

        assertEquals(survivor, checkedBy, "the code was checked by the node that is left");
        assertTrue(tokens.contains("\"access_token\""), tokens);
        assertEquals("true", pooled.get("email_verified"));
        assertTrue(cognito(survivor).calls().getOrDefault("AdminCreateUser", 0) >= 1, cognito(survivor).calls()::toString);
        System.out.println("Node " + victim + " killed: sign-in finished on node " + survivor + "; Cognito calls of node "
                + survivor + " delivering the change node " + victim + " had queued: " + cognito(survivor).calls());
    }

    @Test
    void theMirrorsRetryTaskRunsOnOneNodeAtATime() {
        // Only this test's changes may be pending while its calls are counted.
        Await.condition("earlier mirror changes delivered", DELIVERY_WAIT, () -> queue().isBlank());
        cognito("a").setDown(true);
        cognito("b").setDown(true);
        List<String> emails = new ArrayList<>();
        List<String> userIds = new ArrayList<>();
        for (int i = 0; i < QUEUED_CHANGES; i++) {
            String email = DemoRealm.newAddress("retried");
            emails.add(email);
            userIds.add(admin.createUser(email, null)); // through the proxy: the changes are queued by both nodes
        }
        Await.condition("all changes queued", QUEUED_WAIT, () -> userIds.stream().allMatch(queue()::contains));
        for (String node : List.of("a", "b")) {
            // Each call takes a while, so two nodes draining the queue at once could not miss each other.
            cognito(node).setLatency(Duration.ofMillis(300));
            cognito(node).resetCounts();
        }
        cluster.cognitoCalls().reset();
        cognito("a").setDown(false);
        cognito("b").setDown(false);

        for (String email : emails) {
            Await.value("retried user " + email + " in the pool", DELIVERY_WAIT, () -> pool.withEmail(email));
        }
        Await.condition("the queue drained", QUEUED_WAIT, () -> userIds.stream().noneMatch(queue()::contains));

        Map<String, Integer> callsA = cognito("a").calls();
        Map<String, Integer> callsB = cognito("b").calls();
        System.out.println("Mirror retries after the outage: node a " + callsA + ", node b " + callsB
                + "; most Cognito calls in flight at once: " + cluster.cognitoCalls().most());
        assertEquals(1, cluster.cognitoCalls().most(), "never two retry calls at the same time, from any node");
        assertEquals(QUEUED_CHANGES, callsA.getOrDefault("AdminCreateUser", 0) + callsB.getOrDefault("AdminCreateUser", 0),
                "each queued change delivered exactly once");
    }

    /**
     * Every sign-in of the stream succeeds or ends on a page that explains why, with one exception that is
     * Keycloak's and not the product's ({@link RestartLosses}): a write of Keycloak's own authentication session
     * that the stopping node refused (one sign-in in some ten runs of about 150).
     */
    @Test
    void aRollingRestartLosesNoSignInButToKeycloaksStoppingNode() {
        Map<String, String> saved = view.changeStepSettings(admin, Map.of("resend.cooldown.seconds", "0", "sends.per.hour", "100"));
        // Each of the eight addresses signs in about 40 times, each time in a new browser: its mailbox's budget too.
        Map<String, String> savedRealm = view.changeRealmSettings(admin, Map.of("limits.mailbox.sends.per.hour", "100"));
        List<List<String>> addresses = List.of(newUsers(4), newUsers(4));
        Instant started = Instant.now();
        SignInStream.Figures figures;
        try (SignInStream stream = new SignInStream(realm, cluster.ses(), addresses)) {
            Await.pause(Duration.ofSeconds(3));
            for (String node : List.of("a", "b")) {
                view.stop(node);
                view.start(node);
                Await.pause(Duration.ofSeconds(2));
            }
            figures = stream.stop();
        } finally {
            view.changeStepSettings(admin, saved);
            view.changeRealmSettings(admin, savedRealm);
        }
        List<RoundRobinProxy.Exchange> serverErrors = cluster.proxy().history().stream()
                .filter(e -> e.at().isAfter(started) && e.status() >= 500).toList();
        List<ServerErrorLog.Entry> uncaught = view.uncaughtServerErrorsSince(started);
        long refusedWrites = uncaught.stream().filter(ServerErrorLog.Entry::isWriteRefusedByStoppingPeer).count();
        System.out.println("Rolling restart (" + Duration.between(started, Instant.now()).toSeconds() + " s): sign-ins "
                + figures + "; 5xx answers through the proxy: " + serverErrors.size() + ", of them writes Keycloak's "
                + "stopping node refused: " + refusedWrites + "; restarts took "
                + cluster.keycloak().node("a").lastStartTime().toSeconds() + " s (a) and "
                + cluster.keycloak().node("b").lastStartTime().toSeconds() + " s (b)");
        figures.losses().forEach(loss -> System.out.println("Lost: " + loss.at() + " " + loss.email() + " HTTP "
                + loss.status() + (figures.signedInAfter(loss) ? ", signed in again" : ", did not sign in again")));
        assertEquals(List.of(), RestartLosses.problems(serverErrors, uncaught, figures));
        assertEquals(figures.attempted(), figures.succeeded() + figures.failedWithPage() + figures.losses().size());
        assertTrue(figures.succeeded() > 0, figures::toString);
    }

    private List<String> newUsers(int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add(realm.newUser());
        }
        return emails;
    }

    private CountingProxy cognito(String node) {
        return cluster.cognitoProxy(node);
    }

    /**
     * The pending mirror changes; the drift repair's progress items ({@code repair#<realm>}) and the pool links
     * ({@code link#<pool>#<sub>}) share the table.
     */
    private String queue() {
        return TableDump.of(cluster.dynamodb().endpoint(), LocalStack.MIRROR_QUEUE_TABLE).lines()
                .filter(item -> !item.contains("S=repair#") && !item.contains("S=link#")).collect(java.util.stream.Collectors.joining("\n"));
    }
}
