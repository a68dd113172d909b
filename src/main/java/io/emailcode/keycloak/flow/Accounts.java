package io.emailcode.keycloak.flow;

import java.util.Optional;

/** The engine's view of the directory of accounts: who has an address. Keycloak implements it. */
public interface Accounts {

    /**
     * The one account with the address, if exactly one has it.
     *
     * @param readLockout whether the brute-force detector's lockout is read (it holds only in a lockable lane)
     */
    Optional<AccountFacts> withAddress(String address, boolean readLockout);
}
