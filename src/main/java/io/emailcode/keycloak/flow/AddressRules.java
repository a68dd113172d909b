package io.emailcode.keycloak.flow;

import java.util.Objects;

/**
 * What a realm lets a proved address become when it has no account, and what it does for an account that never
 * verified it.
 *
 * @param registers       a right code for an address without an account registers it
 * @param importsFromPool an address without an account may be one only the Cognito pool has (import on proof)
 * @param unverified      what a right code does for an account that never verified the address
 */
public record AddressRules(boolean registers, boolean importsFromPool, UnverifiedAccounts unverified) {

    public AddressRules {
        Objects.requireNonNull(unverified, "unverified");
    }
}
