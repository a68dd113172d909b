package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CodeHasherTest {

    private final CodeHasher hasher = new CodeHasher(key("address secret"));
    private final CodeKey codeKey = new CodeKey("kid-1", key("code key one"));
    private final CodeSlot slot = new CodeSlot("realm-1", "address-key", Lane.OPEN);

    @Test
    void sameInputsGiveTheSameHash() {
        assertEquals(hasher.codeHash(codeKey, slot, "login-a", "123456"), hasher.codeHash(codeKey, slot, "login-a", "123456"));
    }

    @Test
    void hashNeverContainsTheCode() {
        assertFalse(hasher.codeHash(codeKey, slot, "login-a", "123456").contains("123456"));
    }

    @Test
    void anotherLoginSlotLaneOrCodeKeyGivesAnotherHash() {
        String hash = hasher.codeHash(codeKey, slot, "login-a", "123456");
        assertNotEquals(hash, hasher.codeHash(codeKey, slot, "login-b", "123456"));
        assertNotEquals(hash, hasher.codeHash(codeKey, new CodeSlot("realm-2", "address-key", Lane.OPEN), "login-a", "123456"));
        assertNotEquals(hash, hasher.codeHash(codeKey, new CodeSlot("realm-1", "address-key", Lane.KNOWN_BROWSER), "login-a", "123456"));
        assertNotEquals(hash, hasher.codeHash(new CodeKey("kid-2", key("code key two")), slot, "login-a", "123456"));
    }

    @Test
    void theCodeKeyDoesNotChangeAddressKeys() {
        CodeHasher rotated = new CodeHasher(key("address secret"));
        assertEquals(hasher.addressKey("alice@example.com"), rotated.addressKey("alice@example.com"),
                "rotating code keys keeps every count: addresses are keyed by the stable address secret");
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertNotEquals(hasher.codeHash(codeKey, slot, "login-a1", "23456"), hasher.codeHash(codeKey, slot, "login-a", "123456"));
    }

    @Test
    void addressNetworkAndBrowserKeysAreDistinctKinds() {
        String key = hasher.addressKey("alice@example.com");
        assertFalse(key.contains("alice"));
        assertEquals(key, hasher.addressKey("alice@example.com"));
        assertNotEquals(key, hasher.addressKey("bob@example.com"));
        assertNotEquals(hasher.addressKey("10.0.0.1"), hasher.networkKey("10.0.0.1"));
        assertNotEquals(hasher.browserSignature("r", key, "a", 1), hasher.browserSignature("r", key, "a", 2));
        assertNotEquals(hasher.browserSignature("r", key, "a", 1), hasher.browserSignature("r", key, "b", 1));
        assertNotEquals(hasher.accountKey("r", "user-1"), hasher.accountKey("other", "user-1"));
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
