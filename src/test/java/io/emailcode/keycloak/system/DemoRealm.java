package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ReceivedEmail;
import io.emailcode.stack.SesEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo realm as the system tests use it: its administrator, browsers that sign in to its demo client, new
 * people, and the codes the SES emulator received for them (each one remembered for the secrets check).
 */
public final class DemoRealm {

    public static final String NAME = "demo";
    /** The realm's browser flow and its second-factor flow, as the realm export names them. */
    public static final String FLOW = "email code browser";
    public static final String SECOND_FACTOR_FLOW = "email code second factor";
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");
    private static final Duration MAIL_WAIT = Duration.ofSeconds(15);
    /** How often a timed request looks whether earlier emails are out: short, so the wait adds little to a run. */
    private static final Duration TIMING_POLL = Duration.ofMillis(10);

    private final URI keycloak;
    private final SesEmulator ses;
    private final SeenCodes codes;
    private final RealmAdmin admin;
    private final List<Integer> managementPorts;

    DemoRealm(LocalStack stack, SeenCodes codes) {
        this(stack.keycloak().baseUrl(), stack.ses(), codes, List.of(stack.ports().keycloak() + 1000));
    }

    /**
     * @param keycloak        where browsers reach Keycloak: one server, or the proxy in front of a cluster
     * @param managementPorts every node's management port, for the metrics
     */
    DemoRealm(URI keycloak, SesEmulator ses, SeenCodes codes, List<Integer> managementPorts) {
        this.keycloak = keycloak;
        this.ses = ses;
        this.codes = codes;
        this.admin = new RealmAdmin(keycloak, NAME);
        this.managementPorts = List.copyOf(managementPorts);
    }

    /**
     * People do not type two codes within a second; tests do. Keeps Keycloak's quick-login lockout out of the way
     * so each test sees the behaviour it is about.
     */
    public void allowQuickRetries() {
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("quickLoginCheckMilliSeconds", 0));
    }

    /** The tests' Keycloak clock (of a single server). */
    public KeycloakTime time() {
        return new KeycloakTime(keycloak, NAME);
    }

    /** Keycloak's metrics endpoints, summed over the nodes. */
    KeycloakMetrics metrics() {
        return new KeycloakMetrics(managementPorts);
    }

    public RealmAdmin admin() {
        return admin;
    }

    public SeenCodes seenCodes() {
        return codes;
    }

    public LoginBrowser browser() {
        return new LoginBrowser(keycloak, NAME);
    }

    /** A browser that opened the demo client's sign-in and submitted {@code email}: it shows the code page. */
    public LoginBrowser atCodePage(String email) {
        LoginBrowser browser = browser();
        browser.openLogin();
        browser.submitEmail(email);
        return browser;
    }

    /**
     * Milliseconds from submitting the address to the code page (checked to be one), in a new browser, once every
     * earlier code email is out: an email task still running would land in this request's time.
     */
    public double millisToCodePage(String email) {
        LoginBrowser browser = browser();
        browser.openLogin();
        metrics().awaitCodeEmailsOut(MAIL_WAIT, TIMING_POLL);
        long started = System.nanoTime();
        LoginBrowser.Page page = browser.submitEmail(email);
        double millis = (System.nanoTime() - started) / 1e6;
        assertTrue(page.status() == 200 && page.shows("one-time-code"), page.html());
        return millis;
    }

    /** A new enabled account with a verified address and no password. */
    public String newUser() {
        String email = newAddress("person");
        admin.createUser(email, null);
        return email;
    }

    /** A person signs in to the demo app with a code, answering the profile page a new account is first asked for. */
    public void signIn(String email) {
        LoginBrowser login = browser();
        login.openLogin();
        login.submitEmail(email);
        finishSignIn(login, login.submitCode(codeFor(email)));
    }

    /** After a right code: the profile page of a new account if it comes, then the app's authorization code. */
    static void finishSignIn(LoginBrowser login, LoginBrowser.Page afterCode) {
        if (afterCode.location() != null && afterCode.location().contains("VERIFY_PROFILE")) {
            login.follow();
            login.submitProfile("New", "Person");
        }
        login.authorizationCode();
    }

    /**
     * Another realm set up as the demo realm is (the step in its browser flow, the mirror, its event listener, admin
     * events, {@code cognito_sub} editable by admins only), mirroring into {@code poolId}, without the demo's people
     * and without a scheduled drift repair, whose first run would start at once and mirror nobody a test needs.
     */
    static com.fasterxml.jackson.databind.node.ObjectNode copy(String name, String poolId) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode realm = (com.fasterxml.jackson.databind.node.ObjectNode)
                    RealmAdmin.JSON.readTree(io.emailcode.keycloak.deploy.ProjectFiles.read("realm-export/demo-realm.json"));
            realm.put("realm", name).put("displayName", name);
            realm.remove("users");
            com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode) realm
                    .withObject("components").withArray(RealmAdmin.COGNITO_PROVIDER_TYPE).get(0).get("config");
            config.putArray("mirror.pool.id").add(poolId);
            config.putArray("mirror.repair.hours").add("0");
            return realm;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newAddress(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }

    /** Waits until every code email handed over was sent, failed or found to have nobody to go to. */
    public void awaitCodeEmailsOut() {
        metrics().awaitCodeEmailsOut(MAIL_WAIT);
    }

    /** The newest email the SES emulator received for the address, once every code email handed over is out. */
    public ReceivedEmail lastEmailTo(String email) {
        awaitCodeEmailsOut();
        return ses.awaitEmailTo(email, MAIL_WAIT);
    }

    /** The newest six-digit code the SES emulator received for the address, once every email handed over is out. */
    public String codeFor(String email) {
        ReceivedEmail mail = lastEmailTo(email);
        Matcher m = SIX_DIGITS.matcher(mail.text());
        assertTrue(m.find(), "no code in the email text");
        return codes.add(m.group(1));
    }

    /** Keycloak records brute-force failures off the request thread. */
    public void awaitFailures(String userId, int expected) {
        try {
            Await.condition("brute-force failures of the user to reach " + expected, Duration.ofSeconds(10),
                    () -> admin.bruteForceStatus(userId).get("numFailures").asInt() == expected);
        } catch (AssertionError e) {
            assertEquals(expected, admin.bruteForceStatus(userId).get("numFailures").asInt(), "brute-force failures of the user");
        }
    }

    /** A code of the same shape that is certainly not {@code code}. */
    public static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    /** How the code page shows an address: {@code a***@example.com}. */
    public static String masked(String email) {
        return email.charAt(0) + "***@" + email.substring(email.indexOf('@') + 1);
    }
}
