package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static final int SAMPLES = AttackReport.scaled(200, 1_000);
    private static final Duration SES_DELAY = Duration.ofMillis(300);

    private final LocalStack stack;
    private final DemoRealm realm;

    EnumerationTimingIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
    }

    @Test
    void knownAndUnknownAddressesTakeTheSameTimeWithASlowEmailServiceRightAfterARestart() {
        List<String> known = new ArrayList<>();
        for (int i = 0; i < SAMPLES / 2; i++) {
            known.add(realm.newUser());
        }
        stack.sesProxy().setLatency(SES_DELAY);
        try {
            Duration restart = stack.restartKeycloak();
            System.out.println("EnumerationTimingIT: Keycloak restarted in " + restart.toMillis() + " ms");
            double[] knownMillis = new double[SAMPLES / 2];
            double[] unknownMillis = new double[SAMPLES / 2];
            for (int i = 0; i < SAMPLES / 2; i++) {
                knownMillis[i] = realm.millisToCodePage(known.get(i));
                unknownMillis[i] = realm.millisToCodePage(DemoRealm.newAddress("nobody"));
            }
            double p = MannWhitney.pValue(knownMillis, unknownMillis);
            double knownMedian = MannWhitney.median(knownMillis);
            double unknownMedian = MannWhitney.median(unknownMillis);
            double gap = Math.abs(knownMedian - unknownMedian) / Math.max(knownMedian, unknownMedian);
            double[] interval = Bootstrap.medianDifference(knownMillis, unknownMillis, 0.99, 20261201L);
            double bound = Math.max(5.0, 0.05 * Math.max(knownMedian, unknownMedian));
            System.out.printf("EnumerationTimingIT: %d alternating first requests, SES +%d ms: median known %.1f ms, "
                            + "unknown %.1f ms (%.1f%% apart), Mann-Whitney U two-sided p = %.3f, 99%% bootstrap interval "
                            + "of the difference of medians [%.1f, %.1f] ms (bound +-%.1f)%n", SAMPLES,
                    SES_DELAY.toMillis(), knownMedian, unknownMedian, gap * 100, p, interval[0], interval[1], bound);
            AttackReport.record("enumeration", "known vs unknown, SES +" + SES_DELAY.toMillis() + " ms, right after a restart: "
                    + "medians (ms), Mann-Whitney p, 99% bootstrap interval of the difference (ms)",
                    String.format("%.1f vs %.1f, %.3f, [%.1f, %.1f]", knownMedian, unknownMedian, p, interval[0], interval[1]));
            assertTrue(p >= 0.01, "the test separates known from unknown addresses: p = " + p);
            assertTrue(gap < 0.10, "medians " + knownMedian + " and " + unknownMedian + " ms differ by " + gap * 100 + "%");
            // At CI's 200 requests on 2 shared cores the interval is some 30 ms wide, wider than the bound for any
            // difference: it is reported there and required in the full-length run (1,000 requests).
            if (AttackReport.fullLength()) {
                assertTrue(interval[0] >= -bound && interval[1] <= bound, String.format(
                        "the 99%% interval of the difference of medians [%.1f, %.1f] ms is not within +-%.1f ms",
                        interval[0], interval[1], bound));
            }
        } finally {
            stack.sesProxy().setLatency(Duration.ZERO);
        }
    }
}
