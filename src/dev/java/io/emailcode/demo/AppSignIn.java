package io.emailcode.demo;

/**
 * What the app's own sign-in screen remembers on its server between the address and the code: the address, the PKCE
 * verifier (never sent before the token request) and the {@code auth_session} the authorization challenge endpoint
 * gave for this sign-in.
 */
record AppSignIn(String email, String verifier, String authSession) {

    static AppSignIn start(String email) {
        return new AppSignIn(email, RandomTokens.next(), null);
    }

    String challenge() {
        return LoginAttempt.s256(verifier);
    }

    /** The newest {@code auth_session}: every answer that carries one is the one to continue with. */
    AppSignIn continuedAs(String newAuthSession) {
        return newAuthSession == null ? this : new AppSignIn(email, verifier, newAuthSession);
    }
}
