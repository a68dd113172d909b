package io.emailcode.keycloak.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * Who receives a code issued for a typed address, decided off the request thread once the address was looked up.
 *
 * @param kind     whom the code goes to
 * @param account  the account it goes to, or the account that is refused it
 * @param withheld why an account gets nothing (locked or disabled), for the event
 * @param lockout  the brute-force detector's event error of a locked account
 */
public record Recipient(Kind kind, Optional<String> account, Optional<Reason> withheld, Optional<String> lockout) {

    public enum Kind {
        /** The account with the address. */
        ACCOUNT,
        /** The address itself: it has no account and may register one. */
        ADDRESS,
        /** The address itself, only if exactly one enabled pool user has it (import on proof). */
        ADDRESS_IF_IN_POOL,
        /** Nobody: the address is not entitled to codes. */
        NOBODY
    }

    public Recipient {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(withheld, "withheld");
        Objects.requireNonNull(lockout, "lockout");
    }
}
