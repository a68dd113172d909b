package io.emailcode.keycloak.flow;

import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.code.Lane;
import java.util.Objects;
import java.util.Optional;

/**
 * A code's recipient that is decided only off the request thread: the typed address is looked up there, after the
 * response, so the request does the same work for every address and its timing says nothing about the address.
 *
 * @param address the typed address
 * @param lane    the lane the code was issued in: Keycloak's lockout holds only where it is lockable
 * @param rules   what the realm lets an address without an account become
 */
public record UnresolvedRecipient(String address, Lane lane, AddressRules rules) {

    public UnresolvedRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(rules, "rules");
    }

    /**
     * Looks the address up and decides: an enabled, unlocked account (verified or not: the code proves the address,
     * and a right one does what {@link AddressRules#unverified()} says), an address to register, or one that exactly
     * one enabled pool user has. Nobody else gets the code; only a locked or disabled account is named, for the event.
     */
    public Recipient decide(Accounts accounts) {
        Optional<AccountFacts> account = accounts.withAddress(address, lane.lockable());
        Optional<String> id = account.map(AccountFacts::id);
        return switch (Attempt.Standing.ofTyped(account, lane, rules)) {
            case KNOWN, UNVERIFIED -> new Recipient(Recipient.Kind.ACCOUNT, id, Optional.empty(), Optional.empty());
            case REGISTRABLE -> new Recipient(Recipient.Kind.ADDRESS, id, Optional.empty(), Optional.empty());
            case IMPORTABLE -> new Recipient(Recipient.Kind.ADDRESS_IF_IN_POOL, id, Optional.empty(), Optional.empty());
            case LOCKED -> new Recipient(Recipient.Kind.NOBODY, id, Optional.of(Reason.LOCKED), account.get().lockout());
            case DISABLED -> new Recipient(Recipient.Kind.NOBODY, id, Optional.of(Reason.DISABLED), Optional.empty());
            case UNKNOWN, UNRESOLVED -> new Recipient(Recipient.Kind.NOBODY, id, Optional.empty(), Optional.empty());
        };
    }

    @Override
    public String toString() {
        return "UnresolvedRecipient[" + EmailAddresses.mask(address) + ", " + lane + "]";
    }
}
