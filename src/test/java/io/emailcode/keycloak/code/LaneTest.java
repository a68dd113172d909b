package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaneTest {

    @Test
    void keycloaksLockoutHoldsInTheOpenLane() {
        assertTrue(Lane.OPEN.lockable());
    }

    @Test
    void theOwnersKnownBrowserIsNotLockedByStrangersWrongCodes() {
        assertFalse(Lane.KNOWN_BROWSER.lockable());
    }
}
