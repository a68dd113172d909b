package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AppScreen;
import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.FirstRequestTimings;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.Pages;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.TimingGate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Telling addresses apart from the outside: known, unknown, locked, disabled and capped addresses give the same HTML
 * (after per-request tokens), the same status and no email where none is due; and response times that a
 * Mann-Whitney U test, corrected for the several comparisons (Holm), does not separate (with a slow SES right after
 * a restart: {@link EnumerationTimingIT}).
 */
@ExtendWith({RealStack.class, AttackReport.class})
class EnumerationAttackIT {

    private static final int SAMPLES = AttackReport.scaled(200, 1_000);
    /** The app's screen: fewer in CI, where its time is short; the test's false-failure rate does not depend on it. */
    private static final int APP_SAMPLES = AttackReport.scaled(120, 1_000);
    private static final int WARM_UP_PAIRS = 50;

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    EnumerationAttackIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void everyKindOfAddressGetsTheUnknownAddressesPageAndStatus() {
        String unknown = DemoRealm.newAddress("nobody");
        LoginBrowser.Page reference = realm.atCodePage(unknown).page();
        Map<String, LoginBrowser.Page> pages = new LinkedHashMap<>();
        String known = realm.newUser();
        pages.put(known, realm.atCodePage(known).page());
        String disabled = disabledUser();
        pages.put(disabled, realm.atCodePage(disabled).page());
        String locked = lockedUser();
        realm.metrics().awaitCodeEmailsOut(Duration.ofSeconds(20));
        long beforeTheLock = emailsTo(locked);
        pages.put(locked, realm.atCodePage(locked).page());
        pages.forEach((address, page) -> assertEquals(Pages.normalised(reference, unknown), Pages.normalised(page, address),
                "the page for " + address));
        assertNoEmailWhereNoneIsDue(unknown, disabled, locked, beforeTheLock);

        // Capped: the same page as a spent budget, for a known and an unknown address alike.
        admin.updateRealmSettings(Map.of("limits.failures.cap", "3"));
        try {
            String cappedKnownAddress = realm.newUser();
            LoginBrowser.Page cappedKnown = cap(cappedKnownAddress);
            String cappedUnknownAddress = DemoRealm.newAddress("nobody");
            LoginBrowser.Page cappedUnknown = cap(cappedUnknownAddress);
            assertTrue(cappedKnown.shows("Too many codes were requested"), cappedKnown.html());
            assertEquals(Pages.normalisedWithoutCountdown(cappedUnknown, cappedUnknownAddress),
                    Pages.normalisedWithoutCountdown(cappedKnown, cappedKnownAddress),
                    "capped known and capped unknown");
        } finally {
            admin.updateRealmSettings(Map.of("limits.failures.cap", ""));
        }
        AttackReport.record("enumeration", "pages of known, disabled, locked (and capped known) vs unknown", "identical");
    }

    /**
     * An app's own screen: the first answer and a wrong code's answer have the same status and members for known,
     * disabled, locked and unknown addresses, with no email where none is due; a capped known address answers as a
     * capped unknown one.
     */
    @Test
    void everyKindOfAddressGetsTheSameAnswersOnAnAppsOwnScreen() {
        AppScreen app = realm.appScreen();
        String unknown = DemoRealm.newAddress("nobody");
        String known = realm.newUser();
        String disabled = disabledUser();
        String locked = lockedUser();
        realm.metrics().awaitCodeEmailsOut(Duration.ofSeconds(20));
        long beforeTheLock = emailsTo(locked);
        Map<String, String> shapes = new LinkedHashMap<>();
        for (String address : List.of(unknown, known, disabled, locked)) {
            String authSession = app.startedFor(address);
            shapes.put(address, app.start(address).shape() + " then " + app.code(authSession, "999999").shape());
        }
        shapes.forEach((address, shape) -> assertEquals(shapes.get(unknown), shape, "the answers for " + address));
        // The second first request for an address within the resend cooldown says how long it lasts, for every address.
        assertEquals("403 insufficient_authorization  [error, auth_session, retry_after] then "
                + "403 insufficient_authorization invalid_code [error, auth_session, email_code_error]", shapes.get(unknown));
        assertNoEmailWhereNoneIsDue(unknown, disabled, locked, beforeTheLock);

        admin.updateRealmSettings(Map.of("limits.failures.cap", "3")); // the stack puts the setting back after the test
        String cappedKnown = capOnTheAppsScreen(app, realm.newUser());
        String cappedUnknown = capOnTheAppsScreen(app, DemoRealm.newAddress("nobody"));
        assertEquals(cappedUnknown, cappedKnown, "capped known and capped unknown");
        assertEquals("400 slow_down  [error]", cappedKnown, "a spent budget and the cap look alike and name no time");
        AttackReport.record("enumeration", "app's screen: answers for known, disabled, locked (and capped known) vs unknown",
                "identical");
    }

    @Test
    void responseTimesDoNotTellKnownOrDisabledAddressesFromUnknownOnes() {
        warmUp();
        TimingGate.assertPasses("enumeration timing, SES normal", this::measureResponseTimes).report("enumeration");
    }

    /**
     * Known and disabled addresses, each against unknown ones, and known against unknown on an app's own screen;
     * p-values adjusted for the three comparisons (Holm).
     */
    private TimingGate.Verdict measureResponseTimes() {
        List<FirstRequestTimings.Comparison> comparisons = new ArrayList<>();
        // With a slow SES, right after a restart, EnumerationTimingIT compares known and unknown addresses.
        comparisons.add(compare("known vs unknown, SES normal", realm::newUser));
        comparisons.add(compare("disabled vs unknown, SES normal", this::disabledUser));
        comparisons.add(compare("known vs unknown, app's screen", realm::millisToAppAnswer, APP_SAMPLES, realm::newUser));
        List<Double> adjusted = holm(comparisons.stream().map(FirstRequestTimings.Comparison::p).toList());
        List<TimingGate.Check> checks = new ArrayList<>();
        List<TimingGate.Figure> figures = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            FirstRequestTimings.Comparison c = comparisons.get(i);
            checks.addAll(c.checks(adjusted.get(i)));
            figures.add(new TimingGate.Figure(c.name() + ": medians (ms), Mann-Whitney p, Holm-adjusted p, 99% bootstrap "
                    + "interval of the difference (ms)", c.figures(adjusted.get(i))));
        }
        return new TimingGate.Verdict(checks, figures);
    }

    /**
     * Requests that are not measured: this class may be the first to use a just-started stack, whose first hundred
     * requests are several times slower than later ones while the JIT compiles the path (a cold server is what
     * {@link EnumerationTimingIT} measures).
     */
    private void warmUp() {
        for (int i = 0; i < WARM_UP_PAIRS; i++) {
            realm.millisToCodePage(realm.newUser());
            realm.millisToCodePage(DemoRealm.newAddress("nobody"));
        }
        // The app's screen shares the step's path, warm by now; its endpoint needs a few requests of its own.
        for (int i = 0; i < WARM_UP_PAIRS / 5; i++) {
            realm.millisToAppAnswer(realm.newUser());
            realm.millisToAppAnswer(DemoRealm.newAddress("nobody"));
        }
    }

    /** Fresh addresses of one kind against fresh unknown ones at the browser's sign-in. */
    private FirstRequestTimings.Comparison compare(String name, Supplier<String> kind) {
        return compare(name, realm::millisToCodePage, SAMPLES, kind);
    }

    /** Fresh addresses of one kind against fresh unknown ones, all prepared before the measurement. */
    private FirstRequestTimings.Comparison compare(String name, ToDoubleFunction<String> firstRequest, int samples,
            Supplier<String> kind) {
        List<String> a = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < samples / 2; i++) {
            a.add(kind.get());
            unknown.add(DemoRealm.newAddress("nobody"));
        }
        return FirstRequestTimings.compare(name, firstRequest, a, unknown);
    }

    /** Holm's step-down adjustment of p-values, in the order given. */
    static List<Double> holm(List<Double> pValues) {
        int m = pValues.size();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(pValues.get(x), pValues.get(y)));
        Double[] adjusted = new Double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            running = Math.max(running, Math.min(1, (m - rank) * pValues.get(order[rank])));
            adjusted[order[rank]] = running;
        }
        return Arrays.asList(adjusted);
    }

    private void assertNoEmailWhereNoneIsDue(String unknown, String disabled, String locked, long lockedBefore) {
        realm.metrics().awaitCodeEmailsOut(Duration.ofSeconds(20));
        assertEquals(0, emailsTo(unknown), "no email to an unknown address");
        assertEquals(0, emailsTo(disabled), "no email to a disabled account");
        assertEquals(lockedBefore, emailsTo(locked), "no email to a locked account");
    }

    private long emailsTo(String address) {
        return stack.ses().inbox().stream().filter(m -> m.isAddressedTo(address)).count();
    }

    private String disabledUser() {
        String email = realm.newUser();
        JsonNode off = RealmAdmin.JSON.createObjectNode().put("enabled", false);
        admin.updateUser(admin.userIdByEmail(email), off);
        return email;
    }

    /** An account Keycloak's brute-force detection has locked (failure factor 2). */
    private String lockedUser() {
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 2));
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String code = realm.codeFor(email);
        browser.submitCode(DemoRealm.wrong(code));
        browser.submitCode(DemoRealm.wrong(code));
        String userId = admin.userIdByEmail(email);
        Await.condition("Keycloak to lock " + email, Duration.ofSeconds(10),
                () -> admin.bruteForceStatus(userId).get("disabled").asBoolean());
        realm.time().set(Duration.ofSeconds(31));
        return email;
    }

    /** Wrong codes up to the cap on the app's screen; then the shape of a new first request for the address. */
    private static String capOnTheAppsScreen(AppScreen app, String email) {
        String authSession = app.startedFor(email);
        for (int i = 0; i < 3; i++) {
            app.code(authSession, "999999");
        }
        return app.start(email).shape();
    }

    private LoginBrowser.Page cap(String email) {
        LoginBrowser browser = realm.atCodePage(email);
        for (int i = 0; i < 3; i++) {
            browser.submitCode("999999");
        }
        return browser.page();
    }
}
