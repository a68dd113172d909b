package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.testing.Concurrently;
import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many requests at once for one login or one address, over HTTP: exactly one sign-in, one email, a bounded burst. */
@ExtendWith({RealStack.class, AttackReport.class})
class RaceAttackIT {

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    RaceAttackIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void twentyParallelSubmissionsOfTheRightCodeSignInOnce() throws Exception {
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String code = realm.codeFor(email);
        List<LoginBrowser.Page> pages = Concurrently.run(20, () -> browser.postToCurrentForm(Map.of("code", code)));
        long signedIn = pages.stream().filter(RaceAttackIT::redirectsToTheApp).count();
        assertEquals(1, signedIn, "exactly one sign-in");
        assertTrue(pages.stream().noneMatch(p -> p.status() >= 500), "no error 500");
        AttackReport.record("races", "sign-ins from 20 parallel submissions of the right code", signedIn);
    }

    @Test
    void twentyParallelResendsSendAtMostOneEmail() throws Exception {
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        realm.codeFor(email);
        realm.time().set(Duration.ofSeconds(31));
        List<LoginBrowser.Page> pages = Concurrently.run(20, () -> browser.postToCurrentForm(Map.of("resend", "true")));
        realm.metrics().awaitCodeEmailsOut(Duration.ofSeconds(15));
        long emails = stack.ses().inbox().stream().filter(m -> m.isAddressedTo(email)).count() - 1;
        assertTrue(emails <= 1, emails + " emails");
        assertTrue(pages.stream().noneMatch(p -> p.status() >= 500));
        AttackReport.record("races", "emails from 20 parallel resends", emails);
    }

    @Test
    void aBurstOfFiftyWrongGuessesAtOneLoginGetsNoMoreComparedThanTheCodeAllows() throws Exception {
        String email = realm.newUser();
        String userId = admin.userIdByEmail(email);
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 1000));
        try {
            LoginBrowser browser = realm.atCodePage(email);
            String code = realm.codeFor(email);
            String wrong = DemoRealm.wrong(code);
            List<LoginBrowser.Page> pages = Concurrently.run(50, () -> browser.postToCurrentForm(Map.of("code", wrong)));
            assertTrue(pages.stream().noneMatch(p -> p.status() >= 500));
            long compared = pages.stream().filter(p -> p.shows("That code is not right")).count()
                    + Math.min(1, pages.stream().filter(p -> p.shows("Too many wrong attempts")).count());
            assertTrue(compared <= 5, compared + " pages said a guess was compared");
            // Keycloak lets one request of a login through at a time and answers the rest with the current page.
            int inBurst = failuresCounted(userId);
            assertTrue(inBurst >= 1 && inBurst <= 5, inBurst + " failures counted by Keycloak after the burst");
            // Then wrong guesses one at a time until the code dies: the burst and these together got exactly five.
            // The burst's form is stale now: Keycloak redirects it to the login's current page, which is followed.
            LoginBrowser.Page page = browser.page();
            for (int request = 0; request < 12 && !page.shows("Too many wrong attempts"); request++) {
                page = browser.submitCode(wrong);
                if (page.location() != null) {
                    page = browser.follow();
                }
            }
            assertTrue(page.shows("Too many wrong attempts"), page.status() + " " + page.html());
            assertEquals(5, failuresCounted(userId), "wrong guesses compared before the code died, burst included");
            assertTrue(browser.postToCurrentForm(Map.of("code", code)).shows("Too many wrong attempts"),
                    "the right code after the burst is refused");
            AttackReport.record("races", "guesses compared of 50 concurrent wrong ones (limit 5)", inBurst);
        } finally {
            admin.clearBruteForce(userId);
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 10));
        }
    }

    /** Keycloak records brute-force failures after the response: give it a moment. */
    private int failuresCounted(String userId) {
        Await.pause(Duration.ofSeconds(2));
        return admin.bruteForceStatus(userId).get("numFailures").asInt();
    }

    /**
     * The policy for one person in two browsers: one live code per address. The second browser within the cooldown
     * gets no new code and is told when it may ask; the first browser's code works only in the first; once the
     * second asks after the cooldown, its new code replaces the first one.
     */
    @Test
    void onePersonInTwoBrowsersHasOneLiveCodeAndTheNewestLoginWins() {
        String email = realm.newUser();
        LoginBrowser first = realm.atCodePage(email);
        String firstCode = realm.codeFor(email);
        LoginBrowser second = realm.atCodePage(email);
        assertTrue(second.page().shows("before requesting another code"), "within the cooldown: told when to ask");
        assertFalse(second.submitCode(firstCode).location() != null, "the first browser's code does not work in the second");
        realm.time().set(Duration.ofSeconds(31));
        LoginBrowser.Page resent = second.resend();
        assertTrue(resent.shows("We sent you a new code"), "after the cooldown the second browser gets a new code: "
                + resent.status() + " " + resent.html());
        String secondCode = realm.codeFor(email);
        assertNotEquals(firstCode, secondCode, "the newest email carries the new code");
        assertTrue(first.submitCode(firstCode).shows("There is no valid code"), "the newer login's code replaced it");
        second.submitCode(secondCode);
        assertTrue(redirectsToTheApp(second.page()), second.page().status() + " " + second.page().html());
    }

    private static boolean redirectsToTheApp(LoginBrowser.Page page) {
        return page.status() == 302 && page.location() != null && page.location().contains("code=");
    }

}
