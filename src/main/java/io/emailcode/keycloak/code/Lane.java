package io.emailcode.keycloak.code;

/**
 * Whose requests a slot serves. Everything an attacker who knows only an address can do (spend its send budget,
 * replace its code, run into its failure cap) happens in the open lane; a browser that already signed in with the
 * address proves it with a signed cookie and gets a lane of its own, so the owner is never locked out by strangers.
 */
public enum Lane {
    /** Anyone who typed the address. */
    OPEN,
    /** A browser holding a valid "signed in here before" cookie for the address. */
    KNOWN_BROWSER;

    /**
     * Whether Keycloak's temporary lockout of the account holds in this lane. Strangers' wrong codes cause it, so it
     * holds in the open lane; the owner's own browser is not theirs to lock.
     */
    public boolean lockable() {
        return this == OPEN;
    }
}
