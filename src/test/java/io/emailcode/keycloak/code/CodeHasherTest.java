package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CodeHasherTest {

    private final CodeHasher hasher = new CodeHasher(key("server secret one"));
    private final CodeSlot slot = new CodeSlot("realm-1", "address-key");

    @Test
    void sameInputsGiveTheSameHash() {
        assertEquals(hasher.codeHash(slot, "login-a", "123456"), hasher.codeHash(slot, "login-a", "123456"));
    }

    @Test
    void hashNeverContainsTheCode() {
        assertFalse(hasher.codeHash(slot, "login-a", "123456").contains("123456"));
    }

    @Test
    void anotherLoginAnotherSlotOrAnotherKeyGiveAnotherHash() {
        String hash = hasher.codeHash(slot, "login-a", "123456");
        assertNotEquals(hash, hasher.codeHash(slot, "login-b", "123456"));
        assertNotEquals(hash, hasher.codeHash(new CodeSlot("realm-2", "address-key"), "login-a", "123456"));
        assertNotEquals(hash, new CodeHasher(key("server secret two")).codeHash(slot, "login-a", "123456"));
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertNotEquals(hasher.codeHash(slot, "login-a1", "23456"), hasher.codeHash(slot, "login-a", "123456"));
    }

    @Test
    void addressKeyHidesTheAddress() {
        String key = hasher.addressKey("alice@example.com");
        assertFalse(key.contains("alice"));
        assertEquals(key, hasher.addressKey("alice@example.com"));
        assertNotEquals(key, hasher.addressKey("bob@example.com"));
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
