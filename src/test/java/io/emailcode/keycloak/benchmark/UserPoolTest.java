package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserPoolTest {

    @Test
    void anAddressWhoseSignInIsUnderWayIsSkippedUntilItIsReleased() {
        Iterator<Map<String, Object>> feeder = UserPool.cycling(List.of("a", "b", "c"), "").feeder();
        Map<String, Object> a = feeder.next();
        Map<String, Object> b = feeder.next();
        feeder.next(); // c
        release(b);

        assertEquals("b", feeder.next().get("email"), "a is still signing in, b is free again");
        assertThrows(IllegalStateException.class, feeder::next, "every address is signing in");
        release(a);
        assertEquals("a", feeder.next().get("email"));
    }

    @Test
    void goesRoundThePoolInTurnWhenEverySignInIsOver() {
        Iterator<Map<String, Object>> feeder = UserPool.cycling(List.of("a", "b"), "secret").feeder();
        List<Object> handedOut = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> record = feeder.next();
            assertEquals("secret", record.get("password"));
            handedOut.add(record.get("email"));
            release(record);
        }
        assertEquals(List.of("a", "b", "a", "b", "a"), handedOut);
    }

    @Test
    void aReleaseAfterItsLeaseWasTakenOverLeavesTheNewLease() {
        UserPool pool = UserPool.cycling(List.of("a"), "");
        Map<String, Object> first = pool.feeder().next();
        release(first);
        Map<String, Object> second = pool.feeder().next();
        release(first);
        assertEquals(1, pool.inFlight(), "the first sign-in's late release does not end the second one's lease");
        release(second);
        assertEquals(0, pool.inFlight());
    }

    @Test
    void aPoolOfFirstSignInsHandsOutEachAccountOnce() {
        Iterator<Map<String, Object>> feeder = UserPool.once(List.of("a")).feeder();
        release(feeder.next());
        assertThrows(IllegalStateException.class, feeder::next);
    }

    private static void release(Map<String, Object> record) {
        ((Runnable) record.get(UserPool.RELEASE)).run();
    }
}
