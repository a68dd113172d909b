package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AppScreen;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.VersionServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ReceivedEmail;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provider on each tested Keycloak version ({@code stack.keycloakVersions}, see pom.xml): a sign-in with a code
 * sent through the SES sender, a wrong code counted by Keycloak's brute-force detector and cleared by the sign-in
 * (Keycloak 26.6 began counting only some authenticator categories; the step's "otp" is one of them, and before
 * 26.6 every failure counted), Keycloak's own email through the SES sender, the user mirrored into Cognito, and a
 * sign-in at an internationalised domain (the JAR's relocated ICU4J and its data), and Keycloak's "Verify email"
 * and "Update email" delivered by code (the provider's actions in Keycloak's actions' places, with their settings).
 * The project's version runs against the test stack's Keycloak; every other version starts next to it.
 */
@ExtendWith(RealStack.class)
class KeycloakVersionsIT {

    /** HTTP ports of the other versions: 470 above the tests' port base (management ports 10 higher). */
    private static final int PORT_OFFSET = 470;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static PoolUsers pool;
    private final LocalStack stack;
    private final DemoRealm stackRealm;

    KeycloakVersionsIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.stackRealm = realm;
    }

    static List<String> versions() {
        String listed = System.getProperty("stack.keycloakVersions", System.getProperty("stack.keycloakVersion", ""));
        return Arrays.stream(listed.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    @BeforeAll
    static void readThePool(LocalStack stack) {
        pool = new PoolUsers(stack.cognito());
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @ParameterizedTest(name = "Keycloak {0}")
    @MethodSource("versions")
    void signInBruteForceSesSenderAndMirrorWork(String version) throws IOException {
        if (version.equals(System.getProperty("stack.keycloakVersion"))) {
            checkVersion(version, stackRealm);
            return;
        }
        int port = Integer.getInteger("stack.portBase", 18000) + PORT_OFFSET + versions().indexOf(version);
        try (VersionServer server = VersionServer.start(stack, version, port)) {
            checkVersion(version, server.realm());
            server.assertNothingLeaked(stack);
        }
    }

    private void checkVersion(String version, DemoRealm realm) throws IOException {
        RealmAdmin admin = realm.admin();
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("quickLoginCheckMilliSeconds", 0));
        String email = realm.newUser();
        String userId = admin.userIdByEmail(email);
        LoginBrowser browser = realm.atCodePage(email);
        String code = realm.codeFor(email);

        assertTrue(browser.submitCode(DemoRealm.wrong(code)).shows("That code is not right"), version);
        realm.awaitFailures(userId, 1);
        browser.submitCode(code);
        JsonNode tokens = RealmAdmin.JSON.readTree(browser.exchangeCode(browser.authorizationCode()));
        realm.awaitFailures(userId, 0);

        admin.sendRequiredActionsEmail(userId, "UPDATE_PROFILE");
        ReceivedEmail actions = Await.value("Keycloak's own email through the SES sender", WAIT, () -> newestEmailTo(email)
                .filter(mail -> mail.text() == null || !mail.text().contains(code)));
        Map<String, String> pooled = Await.value("the user mirrored into the pool", WAIT, () -> pool.withEmail(email));

        assertTrue(tokens.hasNonNull("id_token"), version + ": " + tokens);
        assertNotEquals("", actions.subject(), version);
        assertEquals("true", pooled.get("email_verified"), version);
        signsInWithASharpSDomain(version, realm);
        verifiesAnAddressByCode(version, realm);
        changesAnAddressByCode(version, realm);
        signsInOnAnAppsOwnScreen(version, realm);
        System.out.println("Keycloak " + version + ": sign-in, brute-force count (1 after a wrong code, 0 after the"
                + " sign-in), SES sender (\"" + actions.subject() + "\"), Cognito mirror, Verify email and Update email by"
                + " code, and an app's own screen work");
    }

    /**
     * UTS #46 inside the provider JAR (ICU4J, shaded and relocated, with only the data it reads): {@code faß} is its
     * own domain ({@code xn--fa-hia}), not {@code fass}.
     */
    private static void signsInWithASharpSDomain(String version, DemoRealm realm) throws IOException {
        String unique = "x-" + UUID.randomUUID().toString().substring(0, 8);
        String ascii = unique + "@xn--fa-hia.example.com";
        String userId = realm.admin().createUser(ascii, null);
        LoginBrowser browser = realm.atCodePage(unique + "@fa\u00df.example.com");
        browser.submitCode(realm.codeFor(ascii));
        JsonNode tokens = RealmAdmin.JSON.readTree(browser.exchangeCode(browser.authorizationCode()));
        JsonNode user = RealmAdmin.JSON.readTree(browser.userInfo(tokens.path("access_token").asText()));
        assertEquals(userId, user.path("sub").asText(), version + ": x@fa\u00df. signs in to its own account");
    }

    /** A password sign-in with Keycloak's "Verify email" pending, which the realm delivers by code. */
    private static void verifiesAnAddressByCode(String version, DemoRealm realm) {
        RealmAdmin admin = realm.admin();
        assertEquals(204, admin.replaceRequiredActionConfig("VERIFY_EMAIL", Map.of("email-code.deliver", "CODE")).statusCode(),
                version);
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", "browser"));
        try {
            String email = DemoRealm.newAddress("verify");
            String password = "Versions-Passw0rd!";
            String userId = admin.createUser(email, password);
            admin.updateUser(userId, RealmAdmin.JSON.createObjectNode().put("emailVerified", false)
                    .set("requiredActions", RealmAdmin.JSON.createArrayNode().add("VERIFY_EMAIL")));
            LoginBrowser browser = realm.browser();
            browser.openLogin();
            LoginBrowser.Page page = browser.submitPassword(email, password);
            if (page.location() != null) {
                page = browser.follow();
            }
            assertTrue(page.shows("Verify your email address"), version + ": " + page.html());
            browser.submitCode(realm.codeFor(email));
            browser.authorizationCode();
            assertTrue(admin.user(userId).get("emailVerified").asBoolean(), version);
        } finally {
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.FLOW));
            admin.replaceRequiredActionConfig("VERIFY_EMAIL", Map.of());
        }
    }

    /** A sign-in by code with Keycloak's "Update email" pending, which the demo realm delivers by code. */
    private void changesAnAddressByCode(String version, DemoRealm realm) {
        RealmAdmin admin = realm.admin();
        String previous = DemoRealm.newAddress("change");
        String next = DemoRealm.newAddress("changed");
        String userId = admin.createUser(previous, null);
        admin.updateUser(userId, RealmAdmin.JSON.createObjectNode()
                .set("requiredActions", RealmAdmin.JSON.createArrayNode().add("UPDATE_EMAIL")));
        LoginBrowser browser = realm.atCodePage(previous);
        browser.submitCode(realm.codeFor(previous));
        LoginBrowser.Page form = browser.follow();
        assertTrue(form.shows("kc-update-email-form"), version + ": " + form.html());
        assertTrue(browser.submitForm(Map.of("email", next)).shows("We sent a code to"), version + ": " + browser.page().html());
        assertEquals(previous, admin.user(userId).get("email").asText(), version + ": nothing changes before the proof");
        browser.submitCode(realm.codeFor(next));
        browser.authorizationCode();
        JsonNode changed = admin.user(userId);
        assertEquals(next, changed.get("email").asText(), version);
        assertTrue(changed.get("emailVerified").asBoolean(), version);
        Await.value("the notice to the previous address", WAIT, () -> newestEmailTo(previous)
                .filter(mail -> mail.subject().startsWith("Your email address for")));
    }

    /**
     * The authorization challenge endpoint: its answers, the authorization code it makes with Keycloak's own code
     * format, and Keycloak's token endpoint redeeming it with the PKCE verifier and no redirect URI.
     */
    private static void signsInOnAnAppsOwnScreen(String version, DemoRealm realm) throws IOException {
        AppScreen app = realm.appScreen();
        String email = realm.newUser();
        String authSession = app.startedFor(email);
        assertEquals("invalid_code", app.code(authSession, DemoRealm.wrong(realm.codeFor(email))).codeError(), version);
        String authorizationCode = app.code(authSession, realm.codeFor(email)).authorizationCode();
        AppScreen.Answer tokens = app.token(authorizationCode, AppScreen.VERIFIER);
        assertEquals(200, tokens.status(), version + ": " + tokens.body());
        JsonNode user = RealmAdmin.JSON.readTree(realm.browser().userInfo(tokens.json().path("access_token").asText()));
        assertEquals(realm.admin().userIdByEmail(email), user.path("sub").asText(), version);
    }

    private Optional<ReceivedEmail> newestEmailTo(String email) {
        return stack.ses().inbox().stream().filter(m -> m.isAddressedTo(email)).reduce((first, second) -> second);
    }
}
