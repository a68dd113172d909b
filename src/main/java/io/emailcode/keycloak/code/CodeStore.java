package io.emailcode.keycloak.code;

import java.util.Optional;

/**
 * Where issued codes and their limits live, shared by every node of a Keycloak cluster. Implementations store only
 * keyed hashes and decide every limit atomically on the store side, so no two nodes can both accept one code, both
 * exceed a budget, or evaluate more guesses than a code allows. Every method throws
 * {@link CodeStoreUnavailableException} when the store cannot be reached: callers fail closed.
 */
public interface CodeStore {

    /** How long a revocation of known browsers is remembered: the longest a known-browser cookie can live. */
    java.time.Duration BROWSER_REVOCATION_KEPT = java.time.Duration.ofDays(400);

    /**
     * Replaces the slot's code with a new one if the cooldown has passed, the slot is not locked and every budget of
     * the request has room; all of it, or nothing. Attempts on the new code start at zero; failures are kept.
     */
    IssueOutcome issue(IssueRequest request);

    /**
     * Checks a typed code. Each check first reserves one of the code's attempts (and one step toward the failure
     * cap), so a burst of guesses never gets more compared than the limits allow. A right code is consumed and
     * resets the slot's failures and locks.
     */
    VerifyOutcome verify(VerifyRequest request);

    /**
     * Forgets an address in a realm, in every lane: its live code, its failures and locks, its cooldown and this
     * hour's send budget; and revokes every known-browser cookie for it issued until now, which from then on gets no
     * lane of its own ({@link IssueOutcome.Refusal#BROWSER_REVOKED}), for at least {@link #BROWSER_REVOCATION_KEPT}.
     * For an administrator's reset, and for an account that was deleted.
     *
     * @param mailboxKey {@link CodeHasher#mailboxKey} of the address's mailbox, whose send budget of this hour (shared
     *                   by its {@code +tag} addresses) is forgotten too; an administrator's reset gives it, a deleted
     *                   account does not (a mailbox's other addresses keep counting)
     */
    void forget(String realmId, String addressKey, Optional<String> mailboxKey);

    /**
     * Revokes every known-browser cookie for an address issued until now, and nothing else: for a change of the
     * address. Kept for at least {@link #BROWSER_REVOCATION_KEPT}.
     */
    void revokeBrowsers(String realmId, String addressKey);

    /**
     * Revokes every known-browser cookie issued to an account until now, whatever its address: for "sign out
     * everywhere" and an administrator's change of the account. Kept for at least {@link #BROWSER_REVOCATION_KEPT}.
     *
     * @param accountKey {@link CodeHasher#accountKey}
     */
    void revokeAccountBrowsers(String realmId, String accountKey);

    /**
     * What is held about an address in a realm now, in one consistent read that changes nothing: for support staff.
     *
     * @param mailboxKey {@link CodeHasher#mailboxKey} of the address's mailbox
     * @param accountKey {@link CodeHasher#accountKey} of the account that holds the address, if one does: its
     *                   revocation of known browsers is read too
     */
    AddressStanding standing(String realmId, String addressKey, String mailboxKey, Optional<String> accountKey);
}
