package io.emailcode.keycloak.benchmark;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.flushCookieJar;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * One complete sign-in to an OIDC client of the realm, as a browser without JavaScript and then the app do it: the
 * authorization request with PKCE (S256), the forms, and the token request. Each sign-in starts with no cookies (a
 * new browser), so every email-code sign-in takes the open lane. The times of the steps of a successful sign-in go to
 * the {@link LoadRecorder}; a failed step fails the sign-in, which is counted with the step and the load goes on.
 */
public final class SignInChains {

    public static final String LOGIN_PAGE = "login page";
    public static final String ADDRESS_FORM = "address form";
    public static final String CODE_FORM = "code form";
    public static final String PASSWORD_FORM = "password form";
    public static final String USERNAME_FORM = "username form";
    public static final String OTP_FORM = "otp form";
    public static final String TOKEN = "token request";
    /** An app's own screen: the address to the authorization challenge endpoint, then the code. */
    public static final String APP_ADDRESS = "app address";
    public static final String APP_CODE = "app code";
    /** From the address form's answer until the code is in the inbox: what a person waits for their email. */
    public static final String CODE_EMAIL = "code email";
    /** The steps each way records for a successful sign-in, in order. */
    public static final List<String> EMAIL_CODE_STEPS = List.of(LOGIN_PAGE, ADDRESS_FORM, CODE_EMAIL, CODE_FORM, TOKEN);
    public static final List<String> PASSWORD_STEPS = List.of(LOGIN_PAGE, PASSWORD_FORM, TOKEN);
    public static final List<String> FLOOR_STEPS = List.of(LOGIN_PAGE, USERNAME_FORM, TOKEN);
    public static final List<String> TWO_PAGES_STEPS = List.of(LOGIN_PAGE, USERNAME_FORM, OTP_FORM, TOKEN);
    public static final List<String> APP_STEPS = List.of(APP_ADDRESS, CODE_EMAIL, APP_CODE, TOKEN);
    static final String REDIRECT_URI = "http://localhost:8090/callback";
    private static final Duration CODE_WAIT = Duration.ofSeconds(30);
    private static final Duration INBOX_POLL = Duration.ofMillis(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String realm;
    private final LoadRecorder recorder;
    private final CodeInbox inbox;

    public SignInChains(String realm, LoadRecorder recorder, CodeInbox inbox) {
        this.realm = realm;
        this.recorder = recorder;
        this.inbox = inbox;
    }

    /** Address, then the code from the inbox. {@code scenario} names the figures, e.g. "email" or "email first". */
    public ChainBuilder emailCode(String scenario, String clientId) {
        return signIn(scenario, EMAIL_CODE_STEPS, exec(authorization(clientId))
                .exec(session -> {
                    inbox.forget(session.getString("email"));
                    return session;
                })
                .exec(timed(ADDRESS_FORM, http(ADDRESS_FORM).post("#{action}").formParam("username", "#{email}")
                        .check(notice(), status().is(200), css("#kc-email-code-form", "action").saveAs("action"))))
                .exec(codeFromTheInbox())
                .exec(timed(CODE_FORM, http(CODE_FORM).post("#{action}").formParam("code", "#{code}")
                        .check(notice(), status().is(302), header("Location").transform(SignInChains::authorizationCode).saveAs("authCode"))))
                .exec(token(clientId, true)));
    }

    /**
     * An app's own screen (the authorization challenge endpoint): the address with the PKCE challenge, the code from
     * the inbox, and the authorization code redeemed without a redirect URI.
     */
    public ChainBuilder appScreen(String scenario, String clientId) {
        String endpoint = "/realms/" + realm + "/authorization-challenge";
        return signIn(scenario, APP_STEPS, exec(session -> {
                    inbox.forget(session.getString("email"));
                    return session;
                })
                .exec(timed(APP_ADDRESS, http(APP_ADDRESS).post(endpoint).formParam("client_id", clientId)
                        .formParam("response_type", "code").formParam("scope", "openid")
                        .formParam("code_challenge", session -> challenge(session.getString("verifier")))
                        .formParam("code_challenge_method", "S256").formParam("login_hint", "#{email}")
                        .check(status().is(403), jsonPath("$.auth_session").saveAs("authSession"))))
                .exec(codeFromTheInbox())
                .exec(timed(APP_CODE, http(APP_CODE).post(endpoint).formParam("client_id", clientId)
                        .formParam("auth_session", "#{authSession}").formParam("email_code", "#{code}")
                        .check(status().is(200), jsonPath("$.authorization_code").saveAs("authCode"))))
                .exec(token(clientId, false)));
    }

    /** Waits for the address's code in the inbox: the time a person waits for their email. */
    private ChainBuilder codeFromTheInbox() {
        return exec(session -> session.set("emailWaitFrom", System.nanoTime()))
                .exec(asLongAsDuring(session -> inbox.code(session.getString("email")).isEmpty(), CODE_WAIT)
                        .on(pause(INBOX_POLL)))
                .exec(session -> inbox.code(session.getString("email"))
                        .map(code -> session.set("code", code).set(key(CODE_EMAIL), (System.nanoTime() - session.getLong("emailWaitFrom")) / 1_000_000))
                        .orElseGet(() -> session.set("step", "no email within " + CODE_WAIT.toSeconds() + " s").markAsFailed()));
    }

    /** Keycloak's own username and password form, as the realm's default browser flow shows it. */
    public ChainBuilder password(String scenario, String clientId) {
        return signIn(scenario, PASSWORD_STEPS, exec(authorization(clientId))
                .exec(timed(PASSWORD_FORM, http(PASSWORD_FORM).post("#{action}")
                        .formParam("username", "#{email}").formParam("password", "#{password}")
                        .check(status().is(302), header("Location").transform(SignInChains::authorizationCode).saveAs("authCode"))))
                .exec(token(clientId, true)));
    }

    /** Keycloak's own Username Form as the flow's only step: the address, and the user is signed in (the floor). */
    public ChainBuilder usernameOnly(String scenario, String clientId) {
        return signIn(scenario, FLOOR_STEPS, exec(authorization(clientId))
                .exec(timed(USERNAME_FORM, http(USERNAME_FORM).post("#{action}").formParam("username", "#{email}")
                        .check(notice(), status().is(302), header("Location").transform(SignInChains::authorizationCode).saveAs("authCode"))))
                .exec(token(clientId, true)));
    }

    /**
     * Keycloak's own two pages: the Username Form, then the OTP Form with the TOTP code of the people's shared
     * {@code totpSecret} (Keycloak's second page, without the product).
     */
    public ChainBuilder twoPages(String scenario, String clientId, byte[] totpSecret) {
        return signIn(scenario, TWO_PAGES_STEPS, exec(authorization(clientId))
                .exec(timed(USERNAME_FORM, http(USERNAME_FORM).post("#{action}").formParam("username", "#{email}")
                        .check(notice(), status().is(200), css("#kc-otp-login-form", "action").saveAs("action"))))
                .exec(timed(OTP_FORM, http(OTP_FORM).post("#{action}")
                        .formParam("otp", session -> Totp.code(totpSecret, System.currentTimeMillis() / 1000))
                        .check(notice(), status().is(302), header("Location").transform(SignInChains::authorizationCode).saveAs("authCode"))))
                .exec(token(clientId, true)));
    }

    /** What the page said, if it said anything (a failed sign-in's sample names it). First, so a failed check after it still saves it. */
    private static CheckBuilder notice() {
        return css("#kc-email-code-message .kc-feedback-text, [id^=input-error]").optional().saveAs("notice");
    }

    private ChainBuilder signIn(String scenario, List<String> steps, ChainBuilder chain) {
        return exec(flushCookieJar())
                .exec(session -> session.remove("step").remove("notice").set("verifier", randomToken()))
                .exec(exitBlockOnFail().on(chain))
                .exec(session -> finish(scenario, steps, session));
    }

    private Session finish(String scenario, List<String> steps, Session session) {
        if (session.contains(UserPool.RELEASE)) {
            session.<Runnable>get(UserPool.RELEASE).run();
        }
        if (session.isFailed()) {
            String step = session.contains("step") ? session.getString("step") : "before the first step";
            String notice = session.contains("notice") ? ", the page said \"" + session.getString("notice").strip() + "\"" : "";
            recorder.failure(scenario, step + " (" + session.getString("email") + notice + ")");
            return session.markAsSucceeded();
        }
        for (String step : steps) {
            recorder.step(scenario, step, session.getLong(key(step)));
        }
        recorder.success(scenario);
        return session;
    }

    private ChainBuilder authorization(String clientId) {
        return timed(LOGIN_PAGE, http(LOGIN_PAGE).get("/realms/" + realm + "/protocol/openid-connect/auth")
                .queryParam("client_id", clientId).queryParam("redirect_uri", REDIRECT_URI)
                .queryParam("response_type", "code").queryParam("scope", "openid email profile")
                .queryParam("state", session -> randomToken()).queryParam("nonce", session -> randomToken())
                .queryParam("code_challenge", session -> challenge(session.getString("verifier")))
                .queryParam("code_challenge_method", "S256")
                .check(status().is(200), css("#kc-form-login", "action").saveAs("action")));
    }

    /** @param redirected whether the authorization code came through a redirect (an app's own screen has none) */
    private ChainBuilder token(String clientId, boolean redirected) {
        HttpRequestActionBuilder request = http(TOKEN).post("/realms/" + realm + "/protocol/openid-connect/token")
                .formParam("grant_type", "authorization_code").formParam("code", "#{authCode}")
                .formParam("client_id", clientId).formParam("code_verifier", "#{verifier}");
        return timed(TOKEN, (redirected ? request.formParam("redirect_uri", REDIRECT_URI) : request)
                .check(status().is(200), jsonPath("$.access_token").exists()));
    }

    /** Saves the request's response time under the step's key, and remembers the step for a failure. */
    private static ChainBuilder timed(String step, HttpRequestActionBuilder request) {
        return exec(session -> session.set("step", step)).exec(request.check(responseTimeInMillis().saveAs(key(step))));
    }

    private static String key(String step) {
        return "t_" + step.replace(' ', '_');
    }

    static String authorizationCode(String location) {
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no authorization code in the redirect");
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
