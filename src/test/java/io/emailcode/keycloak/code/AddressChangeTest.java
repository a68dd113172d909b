package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressChangeTest {

    @Test
    void aChangedAddressRevokesTheKnownBrowsersOfTheOldAndTheNewAddress() {
        assertEquals(List.of("old@example.com", "new@example.com"),
                List.copyOf(new AddressChange(Optional.of("Old@Example.com"), Optional.of("new@example.com")).revoked()));
    }

    @Test
    void theSameAddressInAnotherSpellingRevokesNothing() {
        assertEquals(List.of(), List.copyOf(new AddressChange(Optional.of("Alice@Example.COM"),
                Optional.of("alice@example.com")).revoked()));
    }

    @Test
    void anAddressAddedOrRemovedRevokesTheOneThatExists() {
        assertEquals(List.of("new@example.com"),
                List.copyOf(new AddressChange(Optional.empty(), Optional.of("new@example.com")).revoked()));
        assertEquals(List.of("old@example.com"),
                List.copyOf(new AddressChange(Optional.of("old@example.com"), Optional.of("not an address")).revoked()));
    }
}
