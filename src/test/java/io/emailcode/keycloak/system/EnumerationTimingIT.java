package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.FirstRequestTimings;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.TimingGate;
import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Timing tells nothing about which addresses have accounts: with SES answering 300 ms late, and starting right
 * after a Keycloak restart (when nothing has been learnt), first requests for fresh known and fresh unknown
 * addresses, alternating, take the same time. Known and unknown addresses do the same work on the request path;
 * the email goes out afterwards, off the request thread.
 */
@ExtendWith({RealStack.class, AttackReport.class})
class EnumerationTimingIT {

    /** 60 pairs in CI: a leak of the slow SES's 300 ms would give p far below 1e-10 (500 pairs in the full run). */
    private static final int SAMPLES = AttackReport.scaled(120, 1_000);
    private static final Duration SES_DELAY = Duration.ofMillis(300);
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final DemoRealm realm;

    EnumerationTimingIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
    }

    @Test
    void knownAndUnknownAddressesTakeTheSameTimeWithASlowEmailServiceRightAfterARestart() {
        stack.sesProxy().setLatency(SES_DELAY);
        try {
            TimingGate.assertPasses("enumeration timing, SES +" + SES_DELAY.toMillis() + " ms, after a restart",
                    this::measureRightAfterARestart).report("enumeration");
        } finally {
            stack.sesProxy().setLatency(Duration.ZERO);
        }
    }

    /**
     * The new accounts' mirror into the pool done before the restart: a change the stop cuts off stays queued and is
     * retried by the new server a while later, in whatever test then counts Cognito calls.
     */
    private void awaitMirrored(List<String> known) {
        RealmAdmin admin = realm.admin();
        for (String email : known) {
            Await.value("the new account mirrored", MIRROR_WAIT, () -> admin.cognitoSub(admin.userIdByEmail(email)));
        }
    }

    /** Fresh known and unknown addresses, prepared before a restart, then timed from the server's first request on. */
    private TimingGate.Verdict measureRightAfterARestart() {
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < SAMPLES / 2; i++) {
            known.add(realm.newUser());
            unknown.add(DemoRealm.newAddress("nobody"));
        }
        awaitMirrored(known);
        Duration restart = stack.restartKeycloak();
        System.out.println("EnumerationTimingIT: Keycloak restarted in " + restart.toMillis() + " ms");
        FirstRequestTimings.Comparison c = FirstRequestTimings.compare("known vs unknown, SES +" + SES_DELAY.toMillis()
                + " ms, right after a restart", realm, known, unknown);
        System.out.printf("EnumerationTimingIT: %d first requests in pairs, SES +%d ms: %s (medians known and unknown "
                + "in ms, Mann-Whitney U two-sided p, 99%% bootstrap interval of the difference of medians in ms, bound "
                + "+-%.1f)%n", SAMPLES, SES_DELAY.toMillis(), c.figures(), c.bound());
        return new TimingGate.Verdict(c.checks(c.p()), List.of(new TimingGate.Figure(c.name() + ": medians (ms), "
                + "Mann-Whitney p, 99% bootstrap interval of the difference (ms)", c.figures())));
    }
}
