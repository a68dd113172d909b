package io.emailcode.keycloak.flow;

/**
 * Where a request for a code comes in. Every door shares the engine's rules (budgets, cooldown, failure cap, lanes),
 * and a code is bound to its door's purpose as well as to the login or action that asked for it: a code issued at
 * one door completes nothing at another.
 */
public enum Door {
    /** The "Email code" step of a browser flow: a right code signs the person in. */
    BROWSER_SIGN_IN("sign-in"),
    /**
     * Keycloak's "Verify email" required action, delivered by code: a right code verifies the signed-in account's
     * address and signs nobody in.
     */
    VERIFY_EMAIL("verify-email"),
    /**
     * Keycloak's "Update email" required action, delivered by code: the code goes to the new address the signed-in
     * person typed, and a right code makes it the account's address. It signs nobody in and verifies nothing else.
     * A browser known for the new address was known to whoever held it: every request is in the open lane.
     */
    UPDATE_EMAIL("update-email", false),
    /**
     * An app's own sign-in screen (the authorization challenge endpoint of OAuth 2.0 for First-Party Applications):
     * the typed address's rules are the browser step's; there is no browser, so no known-browser lane.
     */
    APP_SIGN_IN("app-sign-in", false);

    private final String purpose;
    private final boolean knownBrowserLane;

    Door(String purpose) {
        this(purpose, true);
    }

    Door(String purpose, boolean knownBrowserLane) {
        this.purpose = purpose;
        this.knownBrowserLane = knownBrowserLane;
    }

    /** A browser that signed in with the address before is served in its own lane at this door. */
    public boolean knownBrowserLane() {
        return knownBrowserLane;
    }

    /** What a code of this door is for, as it is bound into the code's hash. */
    public String purpose() {
        return purpose;
    }

    /** The binding a code of this door is issued and checked under: the door's purpose and the login's binding. */
    String bind(String loginBinding) {
        return purpose + "/" + loginBinding;
    }
}
