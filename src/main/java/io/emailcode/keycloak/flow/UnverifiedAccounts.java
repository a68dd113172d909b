package io.emailcode.keycloak.flow;

/**
 * What a right code for a typed address does when the account with that address never verified it (registered
 * with a password on Keycloak's own page, an address changed in the account console or by an administrator, an
 * import). Whoever set that account up may not own the address, and the person who just proved it does.
 */
public enum UnverifiedAccounts {
    /**
     * The prover claims the account: every credential and identity-provider link it has is removed (Keycloak
     * records no time of verification, so ones set before the proof cannot be told apart), its sessions end, the
     * address becomes verified, and the prover is signed in.
     */
    CLAIM,
    /** The prover is not signed in; the page says the account must be verified another way. */
    REFUSE
}
