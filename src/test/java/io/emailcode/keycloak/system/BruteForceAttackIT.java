package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AppScreen;
import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guessing codes over HTTP, as an attacker who knows an address would: new codes as the limits allow, wrong guesses
 * until each code dies, locks waited out by moving Keycloak's clock. Nobody gets in; the failure cap holds.
 */
@ExtendWith({RealStack.class, AttackReport.class})
class BruteForceAttackIT {

    /** Per address: 250 in CI (two locks and more each, about 45 s for both campaigns); 10,000 in the full-length run. */
    private static final int GUESSES = AttackReport.scaled(250, 10_000);
    /** Raised limits, so that 1,000 guesses take minutes, not days; the cap is NIST's maximum. */
    private static final int ATTEMPTS = 10;
    private static final int CAP = 100;
    private static final String TOO_MANY = "Too many codes were requested";
    private static final String DEAD = "Too many wrong attempts for this code";

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;
    /** How far Keycloak's clock has moved in this test; it only moves forward, or locks set later would still hold. */
    private Duration moved = Duration.ZERO;

    BruteForceAttackIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void aCampaignOfWrongGuessesAgainstAKnownAndAnUnknownAddressGetsNobodyIn() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("code.max.attempts", Integer.toString(ATTEMPTS),
                "resend.cooldown.seconds", "0", "sends.per.hour", "100"));
        admin.updateRealmSettings(Map.of("limits.failures.cap", Integer.toString(CAP), "limits.failures.lock.minutes", "1",
                "limits.failures.lock.max.minutes", "1", "limits.network.sends.per.hour", "1000000"));
        String domain = "attack-" + UUID.randomUUID() + ".example.com";
        String known = "known@" + domain;
        admin.createUser(known, null);
        // Keycloak's own lockout would stop the known address early; the product's limits are what is tested here.
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("bruteForceProtected", false));
        try {
            Campaign knownCampaign = attack(known, true);
            Campaign unknownCampaign = attack("unknown@" + domain, false);
            for (Campaign campaign : new Campaign[]{knownCampaign, unknownCampaign}) {
                assertEquals(0, campaign.successes, campaign.address + ": nobody got in");
                assertTrue(campaign.longestRun <= CAP, campaign.address + ": " + campaign.longestRun + " failures in a row");
                assertTrue(campaign.events >= campaign.compared, campaign.address + ": every compared wrong guess is an event ("
                        + campaign.events + " events for " + campaign.compared + " guesses)");
            }
            AttackReport.record("brute force", "wrong guesses per address (known, unknown), attempts " + ATTEMPTS
                    + " per code, cap " + CAP, GUESSES + ", " + GUESSES);
            AttackReport.record("brute force", "successful sign-ins", knownCampaign.successes + unknownCampaign.successes);
            AttackReport.record("brute force", "longest run of failures before a lock (known, unknown)",
                    knownCampaign.longestRun + ", " + unknownCampaign.longestRun);
            AttackReport.record("brute force", "codes requested (known, unknown)", knownCampaign.codes + ", " + unknownCampaign.codes);
            AttackReport.record("brute force", "locks reached (known, unknown)", knownCampaign.locks + ", " + unknownCampaign.locks);
            AttackReport.record("brute force", "LOGIN_ERROR events for the two addresses", knownCampaign.events + ", "
                    + unknownCampaign.events);
        } finally {
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("bruteForceProtected", true));
        }
    }

    @Test
    void atTheDefaultLimitsTheCapHoldsAndTheRightCodeAfterItIsRefused() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("resend.cooldown.seconds", "0"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 1000));
        try {
            String email = realm.newUser();
            LoginBrowser browser = realm.atCodePage(email);
            int compared = 0;
            LoginBrowser.Page page = browser.page();
            for (int code = 1; code <= 5 && !page.shows(TOO_MANY); code++) {
                for (int guess = 0; guess < 5 && !page.shows(TOO_MANY); guess++) {
                    page = browser.submitCode(wrong(realm.codeFor(email)));
                    compared++;
                }
                if (!page.shows(TOO_MANY)) {
                    page = browser.resend();
                }
            }
            assertEquals(20, compared, "the default cap: 20 wrong codes in a row");
            assertTrue(page.shows(TOO_MANY), page.html());
            assertTrue(browser.submitCode(realm.codeFor(email)).shows(TOO_MANY), "the right code after the cap is refused");
            assertNull(browser.page().location());
            AttackReport.record("brute force", "wrong codes compared at the default limits before the address locked", compared);
        } finally {
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 10));
        }
    }

    /**
     * The failure cap is the address's, whichever door the guesses come through: ten wrong codes on an app's own
     * screen and ten in a browser reach the default cap of twenty, and then neither door sends or accepts a code.
     */
    @Test
    void wrongCodesOnAnAppsOwnScreenAndInABrowserCountTowardOneCap() {
        admin.updateEveryStepConfig(Map.of("resend.cooldown.seconds", "0", "sends.per.hour", "100"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 1000));
        try {
            String email = realm.newUser();
            AppScreen app = realm.appScreen();
            String authSession = app.startedFor(email);
            for (int code = 0; code < 2; code++) {
                for (int guess = 0; guess < 5; guess++) {
                    AppScreen.Answer answer = app.code(authSession, wrong(realm.codeFor(email)));
                    assertEquals(403, answer.status(), answer.body());
                }
                assertEquals(403, app.resend(authSession).status());
            }
            LoginBrowser browser = realm.atCodePage(email);
            LoginBrowser.Page page = browser.page();
            int inTheBrowser = 0;
            while (!page.shows(TOO_MANY)) {
                assertTrue(++inTheBrowser <= 10, "the cap of 20 after 10 wrong codes on the app's screen: " + page.html());
                page = browser.submitCode(wrong(realm.codeFor(email)));
                if (inTheBrowser % 5 == 0 && !page.shows(TOO_MANY)) {
                    page = browser.resend();
                }
            }
            assertEquals(10, inTheBrowser, "wrong codes in the browser after ten on the app's screen");
            AppScreen.Answer capped = app.start(email);
            assertEquals("400 slow_down", capped.status() + " " + capped.error(), capped.body());
            assertTrue(browser.submitCode(realm.codeFor(email)).shows(TOO_MANY), "the right code after the cap is refused");
            AttackReport.record("brute force", "wrong codes before the cap, app's screen + browser (default cap 20)",
                    "10 + " + inTheBrowser);
        } finally {
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 10));
        }
    }

    /** What one address saw. */
    private static final class Campaign {
        final String address;
        int compared;
        int successes;
        int codes;
        int locks;
        int longestRun;
        long events;

        Campaign(String address) {
            this.address = address;
        }
    }

    private Campaign attack(String address, boolean known) {
        Campaign campaign = new Campaign(address);
        int run = 0;
        int requests = 0;
        LoginBrowser browser = realm.atCodePage(address);
        String live = issued(address, known, campaign);
        while (campaign.compared < GUESSES) {
            assertTrue(++requests <= 2 * GUESSES, address + ": " + requests + " requests for " + campaign.compared
                    + " compared guesses; the campaign is stuck at:\n" + browser.page().html());
            LoginBrowser.Page page = browser.submitCode(guessOtherThan(live));
            if (page.location() != null && page.location().contains("code=")) {
                campaign.successes++;
            }
            if (page.shows("There is no valid code")) {
                // A lucky guess of a code that was never sent consumed it without signing anyone in.
                browser.resend();
                live = issued(address, known, campaign);
                continue;
            }
            campaign.compared++;
            campaign.longestRun = Math.max(campaign.longestRun, ++run);
            if (page.shows(TOO_MANY)) {
                campaign.locks++;
                run = 0;
                // Past the lock (a minute), and into the next clock hour, so that the hourly budget never answers first.
                moved = moved.plusHours(1);
                realm.time().set(moved);
                browser = realm.atCodePage(address);
                live = issued(address, known, campaign);
            } else if (page.shows(DEAD)) {
                assertTrue(browser.submitCode(guessOtherThan(live)).shows(DEAD), "a dead code stays dead");
                browser.resend();
                live = issued(address, known, campaign);
            } else {
                assertTrue(page.shows("That code is not right"), page.html());
            }
        }
        campaign.events = admin.errorsWithMaskedAddress(DemoRealm.masked(address));
        return campaign;
    }

    /** Counts a new code; for a known address, reads it from the inbox so that no guess is the right one by luck. */
    private String issued(String address, boolean known, Campaign campaign) {
        campaign.codes++;
        return known ? realm.codeFor(address) : "";
    }

    private static String guessOtherThan(String code) {
        String guess;
        do {
            guess = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        } while (guess.equals(code));
        return guess;
    }

    private static String wrong(String code) {
        return DemoRealm.wrong(code);
    }
}
