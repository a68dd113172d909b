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
    VERIFY_EMAIL("verify-email");

    private final String purpose;

    Door(String purpose) {
        this.purpose = purpose;
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
