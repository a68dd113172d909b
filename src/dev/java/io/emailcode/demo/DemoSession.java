package io.emailcode.demo;

import java.time.Instant;

/** One browser's state in the demo app, found by its session cookie. Kept in memory only. */
final class DemoSession {

    private final String id;
    private final String csrfToken = RandomTokens.next();
    private volatile Instant lastUsed;
    private volatile LoginAttempt pendingLogin;
    private volatile AppSignIn pendingAppSignIn;
    private volatile TokenSet tokens;
    private volatile OidcClient signedInWith;
    private volatile String notice;
    private volatile String apiResult;

    DemoSession(String id, Instant now) {
        this.id = id;
        this.lastUsed = now;
    }

    String id() {
        return id;
    }

    /** Goes into every form that changes something; a cross-site form cannot know it. */
    String csrfToken() {
        return csrfToken;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    LoginAttempt pendingLogin() {
        return pendingLogin;
    }

    void startLogin(LoginAttempt attempt) {
        pendingLogin = attempt;
    }

    /** A sign-in on the app's own screen waiting for its code. */
    AppSignIn pendingAppSignIn() {
        return pendingAppSignIn;
    }

    void startAppSignIn(AppSignIn signIn) {
        pendingAppSignIn = signIn;
    }

    TokenSet tokens() {
        return tokens;
    }

    /** The client the tokens were issued to: it refreshes them and signs out. */
    OidcClient signedInWith() {
        return signedInWith;
    }

    boolean signedIn() {
        return tokens != null;
    }

    void signedIn(TokenSet newTokens, OidcClient client) {
        pendingLogin = null;
        pendingAppSignIn = null;
        tokens = newTokens;
        signedInWith = client;
    }

    String notice() {
        return notice;
    }

    String apiResult() {
        return apiResult;
    }

    void show(String newNotice, String newApiResult) {
        notice = newNotice;
        apiResult = newApiResult;
    }
}
