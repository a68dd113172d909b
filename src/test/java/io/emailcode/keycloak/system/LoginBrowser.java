package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser reduced to HTTP: its own cookies, no JavaScript, redirects followed by hand so
 * the test sees each step. Drives a real OIDC authorization-code flow with PKCE against Keycloak, either
 * itself ({@link #openLogin}) or through an app's pages ({@link #open}, {@link #submit}).
 */
public final class LoginBrowser {

    static final String CLIENT_ID = "demo-app";
    static final String REDIRECT_URI = "http://localhost:8090/callback";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HIDDEN_INPUT = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>", Pattern.CASE_INSENSITIVE);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI keycloak;
    private final String realm;
    private final PlainCookieJar cookies = new PlainCookieJar();
    // HTTP/1.1, as browsers speak to a plain-http server (Java's client would otherwise try an h2c upgrade).
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String verifier = randomToken();
    private Page page;

    public LoginBrowser(URI keycloak, String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /** What the browser shows at {@code uri}: status, HTML, and where a redirect points. */
    public record Page(URI uri, int status, String html, String location) {
        String formAction() {
            Matcher m = FORM_ACTION.matcher(html);
            assertTrue(m.find(), "no form on the page:\n" + html);
            return uri.resolve(unescape(m.group(1))).toString();
        }

        public boolean shows(String text) {
            return html.contains(text);
        }
    }

    public Page page() {
        return page;
    }

    /** Types an address into the address bar. */
    public Page open(URI uri) {
        page = get(uri);
        return page;
    }

    /** Submits the page's form whose action is {@code action}, with its hidden fields and {@code fields}. */
    public Page submit(String action, Map<String, String> fields) {
        Matcher form = FORM.matcher(page.html());
        while (form.find()) {
            if (unescape(form.group(1)).equals(action)) {
                Map<String, String> values = new LinkedHashMap<>();
                Matcher input = HIDDEN_INPUT.matcher(form.group(2));
                while (input.find()) {
                    values.put(attribute(input.group(), "name"), attribute(input.group(), "value"));
                }
                values.putAll(fields);
                page = post(page.uri().resolve(unescape(action)).toString(), values);
                return page;
            }
        }
        throw new AssertionError("no form with action " + action + " on " + page.uri() + ":\n" + page.html());
    }

    /** Opens the app's sign-in: the authorization endpoint with PKCE S256. */
    /** Signed out and the browser reopened: Keycloak's cookies are gone; cookies starting with {@code prefix} stay. */
    void signOutKeeping(String prefix) {
        cookies.keepOnly(prefix);
    }

    /** The browser's cookies whose names start with {@code prefix}, as someone who copies them gets them. */
    Map<String, String> cookiesStartingWith(String prefix) {
        return cookies.startingWith(prefix);
    }

    /** Cookies copied from another browser. */
    void addCookies(Map<String, String> copied) {
        cookies.add(copied);
    }

    java.util.Set<String> cookieNames() {
        return cookies.names();
    }

    Page openLogin() {
        return openLogin(Map.of());
    }

    public Page submitEmail(String email) {
        page = post(page.formAction(), Map.of("username", email));
        return page;
    }

    public Page submitCode(String code) {
        page = post(page.formAction(), Map.of("code", code));
        return page;
    }

    /** Posts {@code fields} to the current page's form and moves on to the answer. */
    Page submitForm(Map<String, String> fields) {
        page = post(page.formAction(), fields);
        return page;
    }

    Page resend() {
        page = post(page.formAction(), Map.of("resend", "true"));
        return page;
    }

    /**
     * Posts fields to the current page's form without moving the browser on: for many submissions of one page at once
     * (a double click, an attacker's burst). Safe to call from several threads.
     */
    Page postToCurrentForm(Map<String, String> fields) {
        return post(page.formAction(), fields);
    }

    /** Follows the redirect the last page pointed to. */
    public Page follow() {
        assertTrue(page.location() != null, "expected a redirect from " + page.uri() + ", got " + page.status());
        page = get(page.uri().resolve(page.location()));
        return page;
    }

    Page submitProfile(String firstName, String lastName) {
        page = post(page.formAction(), Map.of("firstName", firstName, "lastName", lastName));
        return page;
    }

    /** The profile page of a realm that does not use emails as usernames, where the address is a field of its own. */
    Page submitProfile(String firstName, String lastName, String email) {
        page = post(page.formAction(), Map.of("firstName", firstName, "lastName", lastName, "email", email));
        return page;
    }

    /** Fills in Keycloak's registration page (a realm that uses the address as username asks for no username). */
    Page submitRegistration(String email, String password) {
        page = post(page.formAction(), Map.of("email", email, "firstName", "Someone", "lastName", "Else",
                "password", password, "password-confirm", password));
        return page;
    }

    Page submitPassword(String username, String password) {
        page = post(page.formAction(), Map.of("username", username, "password", password));
        return page;
    }

    /** The authorization code from the redirect to the app, after a successful sign-in. */
    String authorizationCode() {
        assertEquals(302, page.status(), "expected the redirect back to the app, got:\n" + page.html());
        assertTrue(page.location().startsWith(REDIRECT_URI), page.location());
        return queryParameter(URI.create(page.location()), "code");
    }

    /** Exchanges the authorization code at the token endpoint, as the app would. */
    String exchangeCode(String authorizationCode) {
        return postForJson(tokenEndpoint(), Map.of("grant_type", "authorization_code", "code", authorizationCode,
                "redirect_uri", REDIRECT_URI, "client_id", CLIENT_ID, "code_verifier", verifier));
    }

    String refresh(String refreshToken) {
        return postForJson(tokenEndpoint(), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", CLIENT_ID));
    }

    String userInfo(String accessToken) {
        HttpResponse<String> response = send(newRequest(
                keycloak.resolve("/realms/" + realm + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private URI tokenEndpoint() {
        return keycloak.resolve("/realms/" + realm + "/protocol/openid-connect/token");
    }

    private String postForJson(URI uri, Map<String, String> fields) {
        HttpResponse<String> response = send(newRequest(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private Page get(URI uri) {
        return toPage(send(newRequest(uri).GET().build()));
    }

    private Page post(String action, Map<String, String> fields) {
        return post(URI.create(action), fields, Map.of());
    }

    private Page post(URI action, Map<String, String> fields, Map<String, String> headers) {
        HttpRequest.Builder request = newRequest(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        headers.forEach(request::header);
        return toPage(send(request.build()));
    }

    /**
     * Posts hostile input as an attacker crafts it: any fields, to the current form's action with query parameters
     * replaced, with extra headers. The browser moves on to the answer.
     */
    Page postCrafted(Map<String, String> fields, Map<String, String> queryChanges, Map<String, String> headers) {
        URI action = URI.create(page.formAction());
        String query = action.getRawQuery() == null ? "" : action.getRawQuery();
        StringBuilder rebuilt = new StringBuilder();
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            String value = queryChanges.containsKey(name)
                    ? java.net.URLEncoder.encode(queryChanges.get(name), java.nio.charset.StandardCharsets.UTF_8)
                    : pair.substring(Math.min(pair.length(), name.length() + 1));
            rebuilt.append(rebuilt.length() == 0 ? "" : "&").append(name).append('=').append(value);
        }
        page = post(URI.create(action.getScheme() + "://" + action.getRawAuthority() + action.getRawPath() + "?" + rebuilt),
                fields, headers);
        return page;
    }

    /** Opens the demo client's sign-in with extra query parameters (e.g. {@code kc_locale}). */
    Page openLogin(Map<String, String> extraQuery) {
        return openEndpoint("auth", extraQuery);
    }

    /**
     * A call to the account console's REST API ({@code /realms/{realm}/account/...}) as the person the access token
     * belongs to, as the account console makes it.
     */
    HttpResponse<String> accountApi(String method, String path, String accessToken) {
        return send(newRequest(keycloak.resolve("/realms/" + realm + "/account" + path))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Opens Keycloak's own registration page for the demo client, as anyone can reach it by its address. */
    Page openRegistration() {
        return openEndpoint("registrations", Map.of());
    }

    private Page openEndpoint(String endpoint, Map<String, String> extraQuery) {
        String query = form(Map.of(
                "client_id", CLIENT_ID, "redirect_uri", REDIRECT_URI, "response_type", "code",
                "scope", "openid email profile", "state", randomToken(), "nonce", randomToken(),
                "code_challenge", challenge(verifier), "code_challenge_method", "S256"))
                + (extraQuery.isEmpty() ? "" : "&" + form(extraQuery));
        page = get(keycloak.resolve("/realms/" + realm + "/protocol/openid-connect/" + endpoint + "?" + query));
        return page;
    }

    /** A request that gives up rather than hang a test when a server stops answering. */
    private static HttpRequest.Builder newRequest(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Page toPage(HttpResponse<String> response) {
        return new Page(response.request().uri(), response.statusCode(), response.body(),
                response.headers().firstValue("Location").orElse(null));
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? unescape(m.group(1)) : "";
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String queryParameter(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
