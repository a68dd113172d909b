package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.TrustedProxy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ReceivedEmail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Budgets counted at the width an attacker controls, and addresses as their owners mean them, over HTTP against the
 * real stack: a client spreading over the /64s of its IPv6 /56 or /48, one inbox behind many sub-addresses, a spent
 * realm ceiling, and a domain with a sharp s. Client addresses arrive as a proxy reports them ({@code X-Forwarded-*},
 * which the tests' Keycloak trusts from {@link TrustedProxy} only); each test uses a domain of its own, so the events it checks are its own.
 */
@ExtendWith(RealStack.class)
class SpreadBudgetsIT {

    private static final String TOO_MANY = "Too many codes were requested";
    private static final String FROM_YOUR_NETWORK = "from your network";
    private static final String NETWORK_BUDGET = "email_code_network_budget_spent";
    /** The defaults of {@code limits.ipv6.56.sends.per.hour} and {@code limits.mailbox.sends.per.hour}. */
    private static final int SLASH56_DEFAULT = 250;
    private static final int MAILBOX_DEFAULT = 20;
    private static final int SLASH56_BUDGET = 40;
    private static final int SLASH64S = 64;

    private static TrustedProxy proxy;
    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    SpreadBudgetsIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void startTheProxy(LocalStack stack) {
        proxy = TrustedProxy.start(stack.keycloak().baseUrl());
    }

    @AfterAll
    static void stopTheProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void requestsFromEverySlash64OfOneSlash56StopAtTheSlash56BudgetWellBeforeTheRealmCeiling() {
        assertEquals("10000", admin.realmSettings().get("limits.realm.sends.per.hour"), "the default ceiling");
        assertEquals(Integer.toString(SLASH56_DEFAULT), admin.realmSettings().get("limits.ipv6.56.sends.per.hour"),
                "the default /56 budget: 250 of its 256 /64s");
        // The same walk with a smaller budget, over a quarter of the /56's /64s (the default's would take five times as long)
        admin.updateRealmSettings(Map.of("limits.ipv6.56.sends.per.hour", Integer.toString(SLASH56_BUDGET)));
        String domain = uniqueDomain("slash56");
        String slash56 = randomSlash56();
        LoginBrowser browser = new LoginBrowser(proxy.uri(), DemoRealm.NAME);
        int issued = 0;
        int refused = 0;
        for (int network = 0; network < SLASH64S; network++) {
            // One request from each /64: far under the /64's own budget.
            String client = String.format("%s%02x::%x", slash56, network, 1 + network);
            LoginBrowser.Page page = requestFrom(browser, client, "n" + network + "@" + domain);
            if (page.shows(FROM_YOUR_NETWORK)) {
                refused++;
            } else {
                assertTrue(page.shows("one-time-code"), page.html());
                assertEquals(0, refused, "once the /56 budget is spent, it stays spent for the hour");
                issued++;
            }
        }
        assertEquals(SLASH56_BUDGET, issued, "each /64 alone is far under its own budget of 50");
        assertEquals(SLASH64S - SLASH56_BUDGET, refused);
        assertEquals(SLASH64S - SLASH56_BUDGET, errorsFor(domain, NETWORK_BUDGET));
        System.out.printf("SpreadBudgetsIT: codes for %d /64s of one /56 with its budget at %d: %d, refused: %d "
                + "(realm ceiling 10,000)%n", SLASH64S, SLASH56_BUDGET, issued, refused);
    }

    @Test
    void theSlash56sOfOneSlash48ShareItsBudget() {
        admin.updateRealmSettings(Map.of("limits.ipv6.48.sends.per.hour", "3"));
        String domain = uniqueDomain("slash48");
        String slash48 = randomSlash56().substring(0, "2001:db8:xxxx:".length());
        LoginBrowser browser = new LoginBrowser(proxy.uri(), DemoRealm.NAME);
        for (int site = 0; site < 3; site++) {
            assertTrue(requestFrom(browser, slash48 + String.format("%x00::1", site + 1), "s" + site + "@" + domain)
                    .shows("one-time-code"));
        }
        LoginBrowser.Page fourth = requestFrom(browser, slash48 + "ff00::1", "s4@" + domain);
        assertTrue(fourth.shows(FROM_YOUR_NETWORK), fourth.html());
        assertEquals(1, errorsFor(domain, NETWORK_BUDGET));
    }

    @Test
    void plusTaggedAddressesShareOneMailboxBudgetAndEachCodeGoesToTheAddressAsTyped() {
        int mailboxBudget = MAILBOX_DEFAULT;
        registerUnknownAddresses();
        String domain = uniqueDomain("mailbox");
        stack.ses().clear();
        int refused = 0;
        for (int tag = 1; tag <= mailboxBudget + 5; tag++) {
            LoginBrowser.Page page = realm.atCodePage("box+" + tag + "@" + domain).page();
            refused += page.shows(TOO_MANY) ? 1 : 0;
        }
        realm.awaitCodeEmailsOut();
        List<ReceivedEmail> sent = stack.ses().inbox().stream().filter(m -> m.to().get(0).endsWith("@" + domain)).toList();
        assertEquals(mailboxBudget, sent.size(), "one inbox gets the mailbox's budget, however many tags");
        assertEquals(5, refused);
        for (int tag = 1; tag <= mailboxBudget; tag++) {
            String typed = "box+" + tag + "@" + domain;
            assertTrue(sent.stream().anyMatch(m -> m.isAddressedTo(typed)), "sent to the address as typed: " + typed);
        }
        assertEquals(5, errorsFor(domain, "email_code_mailbox_budget_spent"));
        assertFalse(realm.atCodePage("other+1@" + domain).page().shows(TOO_MANY), "another mailbox of the domain");
    }

    @Test
    void aSharpSDomainAndItsDoubleSDomainAreTwoAddressesWithTwoInboxes() throws Exception {
        registerUnknownAddresses();
        String domain = uniqueDomain("idna");
        String fass = "x@fass." + domain;
        String faß = "x@fa\u00df." + domain;
        String fassAccount = admin.createUser(fass, null);

        JsonNode sharp = signIn(faß, "x@xn--fa-hia." + domain, true);
        JsonNode doubleS = signIn(fass, fass, false);
        assertEquals(fassAccount, doubleS.path("sub").asText(), "the account registered as fass keeps working");
        assertNotEquals(fassAccount, sharp.path("sub").asText(), "a proof of the sharp-s address is another account");
        assertEquals("x@xn--fa-hia." + domain, sharp.path("email").asText());
    }

    @Test
    void aSpentRealmCeilingKeepsANewBrowserOutUntilTheNextClockHourAndABrowserThatSignedInBeforeNotAtAll() {
        String owner = realm.newUser();
        LoginBrowser ownersBrowser = realm.atCodePage(owner);
        ownersBrowser.submitCode(realm.codeFor(owner));
        ownersBrowser.authorizationCode();

        // An hour far from the ones other tests move the clock to, so its counters are this test's alone.
        realm.time().set(Duration.ofHours(30));
        admin.updateRealmSettings(Map.of("limits.realm.sends.per.hour", "3"));
        String domain = uniqueDomain("ceiling");
        LoginBrowser.Page spray = null;
        for (int i = 0; i < 4 && (spray == null || !spray.shows("paused")); i++) {
            spray = realm.atCodePage("spray" + i + "@" + domain).page();
        }
        assertTrue(spray.shows("paused"), "the ceiling is spent: " + spray.html());
        String newcomer = realm.newUser();
        assertTrue(realm.atCodePage(newcomer).page().shows("paused"), "a new browser gets no code this hour");

        stack.ses().clear();
        ownersBrowser.signOutKeeping("KC_EMAIL_CODE_KNOWN_");
        ownersBrowser.openLogin();
        assertFalse(ownersBrowser.submitEmail(owner).shows("paused"), "the owner's browser keeps its lane");
        ownersBrowser.submitCode(realm.codeFor(owner));
        ownersBrowser.authorizationCode();

        realm.time().set(Duration.ofHours(31));
        LoginBrowser nextHour = realm.atCodePage(newcomer);
        assertFalse(nextHour.page().shows("paused"), "the next clock hour has a new ceiling: " + nextHour.page().html());
        nextHour.submitCode(realm.codeFor(newcomer));
        nextHour.authorizationCode();
        System.out.println("SpreadBudgetsIT: minutes a spent realm ceiling keeps a new browser out, at most: 60;"
                + " a browser that signed in before: 0");
    }

    /**
     * Signs in with the typed address and returns the user info; the code arrives at {@code inbox}.
     *
     * @param registers the proof registers a new account, which the realm asks for its required profile fields
     */
    private JsonNode signIn(String typed, String inbox, boolean registers) throws Exception {
        LoginBrowser browser = realm.atCodePage(typed);
        LoginBrowser.Page afterCode = browser.submitCode(realm.codeFor(inbox));
        if (registers) {
            assertTrue(afterCode.location().contains("VERIFY_PROFILE"), "a new account is asked for its profile");
            browser.follow();
            browser.submitProfile("New", "Person");
        }
        JsonNode tokens = RealmAdmin.JSON.readTree(browser.exchangeCode(browser.authorizationCode()));
        return RealmAdmin.JSON.readTree(browser.userInfo(tokens.path("access_token").asText()));
    }

    private void registerUnknownAddresses() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("auto.register", "true"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true));
    }

    /**
     * Opens the sign-in and submits the address through the proxy Keycloak trusts, as the client it names (a
     * TLS-terminating proxy: the realm requires TLS for clients that are not local, as Keycloak does by default).
     */
    private static LoginBrowser.Page requestFrom(LoginBrowser throughProxy, String clientAddress, String email) {
        throughProxy.openLogin();
        return throughProxy.postCrafted(Map.of("username", email), Map.of(),
                Map.of("X-Forwarded-For", clientAddress, "X-Forwarded-Proto", "https"));
    }

    /** LOGIN_ERROR events with this reason for addresses of this test's domain. */
    private long errorsFor(String domain, String reason) {
        return admin.errors("slow_down", reason).stream()
                .filter(e -> e.path("details").path("email_masked").asText().endsWith("@" + domain)).count();
    }

    private static String uniqueDomain(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    }

    /** {@code 2001:db8:xxxx:yy}: a random /56 of the documentation prefix, to be completed by the /64's byte. */
    private static String randomSlash56() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("2001:db8:%04x:%02x", random.nextInt(0x10000), random.nextInt(0x100));
    }
}
