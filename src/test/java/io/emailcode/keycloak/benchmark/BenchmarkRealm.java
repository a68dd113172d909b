package io.emailcode.keycloak.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emailcode.keycloak.system.fixture.AdminApi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo realm prepared for a load test through Keycloak's admin REST API: accounts made in bulk before the
 * measurement, and a second client of the demo app that signs in with Keycloak's own default browser flow (username
 * and password), so both ways of signing in run in one realm with the same settings, events and theme.
 */
public final class BenchmarkRealm {

    public static final String REALM = "demo";
    public static final String EMAIL_CLIENT = "demo-app";
    public static final String PASSWORD_CLIENT = "demo-app-password";
    /** A copy of the client whose flow is Keycloak's Username Form alone: what Keycloak itself costs for a sign-in. */
    public static final String FLOOR_CLIENT = "demo-app-floor";
    /** A copy of the client whose flow is Keycloak's Username Form, then its OTP Form: Keycloak's own two-page sign-in. */
    public static final String TWO_PAGES_CLIENT = "demo-app-two-pages";
    /** The demo realm's native app, which signs in on its own screen through {@link #APP_FLOW}. */
    public static final String APP_CLIENT = "demo-native";
    public static final String APP_FLOW = "email code app";
    public static final String PASSWORD = "a long passphrase for the load test";
    /** Keycloak's built-in browser flow: cookie, identity provider redirector, username and password, conditional OTP. */
    private static final String PASSWORD_FLOW = "browser";
    private static final String FLOOR_FLOW = "benchmark floor";
    private static final String TWO_PAGES_FLOW = "benchmark two pages";
    /** Keycloak's own Username Form ({@code UsernameFormFactory.PROVIDER_ID}). */
    private static final String USERNAME_FORM = "auth-username-form";
    /** Keycloak's own OTP Form ({@code OTPFormAuthenticatorFactory.PROVIDER_ID}). */
    private static final String OTP_FORM = "auth-otp-form";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMPORT_BATCH = 250;

    private final AdminApi admin;

    public BenchmarkRealm(URI keycloak) {
        this.admin = AdminApi.of(keycloak);
    }

    /**
     * Creates enabled accounts with verified addresses {@code <prefix>-<n>@example.com} in batches (Keycloak's partial
     * import), with the password when one is given (hashed by Keycloak as its password policy says).
     */
    public List<String> createUsers(String prefix, int count, String password) {
        return createUsers(prefix, count, password == null ? null
                : JSON.createObjectNode().put("type", "password").put("value", password).put("temporary", false));
    }

    /**
     * As {@link #createUsers(String, int, String)}, each account with a TOTP credential of Keycloak's default kind
     * (HMAC-SHA1, 6 digits, 30 s) whose secret is {@code secret}, imported as Keycloak stores it.
     */
    public List<String> createUsersWithTotp(String prefix, int count, String secret) {
        ObjectNode totp = JSON.createObjectNode().put("type", "otp").put("userLabel", "benchmark")
                .put("secretData", JSON.createObjectNode().put("value", secret).toString())
                .put("credentialData", JSON.createObjectNode().put("subType", "totp").put("digits", 6).put("counter", 0)
                        .put("period", 30).put("algorithm", "HmacSHA1").toString());
        return createUsers(prefix, count, totp);
    }

    private List<String> createUsers(String prefix, int count, ObjectNode credential) {
        List<String> addresses = new ArrayList<>();
        for (int first = 0; first < count; first += IMPORT_BATCH) {
            ObjectNode request = JSON.createObjectNode().put("ifResourceExists", "FAIL");
            ArrayNode users = request.putArray("users");
            for (int n = first; n < Math.min(count, first + IMPORT_BATCH); n++) {
                String email = prefix + "-" + n + "@example.com";
                addresses.add(email);
                ObjectNode user = users.addObject().put("username", email).put("email", email).put("emailVerified", true)
                        .put("enabled", true).put("firstName", "Load").put("lastName", "Test " + n);
                if (credential != null) {
                    user.putArray("credentials").add(credential.deepCopy());
                }
            }
            expect(2, call("POST", "/partialImport", request.toString()));
        }
        return addresses;
    }

    /** A copy of the email-code client that Keycloak's default browser flow signs in: username and password. */
    public void addPasswordClient() {
        addClientCopy(PASSWORD_CLIENT, "Demo app, password sign-in", PASSWORD_FLOW);
    }

    /**
     * A copy of the email-code client whose browser flow (bound to this client only, so no other way changes) is one
     * step, Keycloak's own Username Form: the same OIDC sign-in with the address form and nothing after it, the
     * floor the email-code sign-in is measured against. Not a flow for a real realm: it signs in whoever types an
     * address.
     */
    public void addFloorClient() {
        addFlow(FLOOR_FLOW, "Username Form alone (benchmark floor)", USERNAME_FORM);
        addClientCopy(FLOOR_CLIENT, "Demo app, Username Form alone", FLOOR_FLOW);
    }

    /**
     * A copy of the email-code client whose browser flow is Keycloak's own two pages: the Username Form, then the OTP
     * Form (a TOTP code, checked by an HMAC: no AWS call, no email, no slow hashing). What a second page costs in
     * Keycloak itself, the email-code sign-in's other yardstick. Its people sign in again and again within one 30 s
     * step, so the realm lets a TOTP code be used more than once (the OTP policy's "reusable code"; a benchmark
     * realm's setting, not one for a real realm).
     */
    public void addTwoPagesClient() {
        addFlow(TWO_PAGES_FLOW, "Username Form, then OTP Form (benchmark: Keycloak's own two pages)", USERNAME_FORM, OTP_FORM);
        // Keycloak changes a realm's OTP policy only as a whole: the policy as it is, with reusable codes.
        ObjectNode policy = JSON.createObjectNode();
        json("GET", "").properties().stream().filter(field -> field.getKey().startsWith("otpPolicy"))
                .forEach(field -> policy.set(field.getKey(), field.getValue()));
        expect(2, call("PUT", "", policy.put("otpPolicyCodeReusable", true).toString()));
        addClientCopy(TWO_PAGES_CLIENT, "Demo app, Keycloak's own two pages", TWO_PAGES_FLOW);
    }

    /** A top-level flow of the given steps in order, each required; nothing when the realm has it already. */
    private void addFlow(String alias, String description, String... authenticators) {
        if (json("GET", "/authentication/flows").findValues("alias").stream().anyMatch(existing -> alias.equals(existing.asText()))) {
            return;
        }
        ObjectNode flow = JSON.createObjectNode().put("alias", alias).put("providerId", "basic-flow")
                .put("topLevel", true).put("builtIn", false).put("description", description);
        expect(2, call("POST", "/authentication/flows", flow.toString()));
        for (String authenticator : authenticators) {
            expect(2, call("POST", "/authentication/flows/" + encode(alias) + "/executions/execution",
                    JSON.createObjectNode().put("provider", authenticator).toString()));
        }
        for (JsonNode execution : json("GET", "/authentication/flows/" + encode(alias) + "/executions")) {
            ((ObjectNode) execution).put("requirement", "REQUIRED");
            expect(2, call("PUT", "/authentication/flows/" + encode(alias) + "/executions", execution.toString()));
        }
    }

    private void addClientCopy(String clientId, String name, String browserFlow) {
        if (!json("GET", "/clients?clientId=" + clientId).isEmpty()) {
            return;
        }
        ObjectNode client = (ObjectNode) json("GET", "/clients?clientId=" + EMAIL_CLIENT).get(0).deepCopy();
        client.remove("id");
        client.put("clientId", clientId).put("name", name);
        client.putObject("authenticationFlowBindingOverrides").put("browser", flowId(browserFlow));
        client.remove("protocolMappers");
        expect(2, call("POST", "/clients", client.toString()));
    }

    /** How Keycloak stored a user's password: the hashing algorithm and its parameters, as the credential shows them. */
    public String passwordHashing(String email) {
        String id = json("GET", "/users?exact=true&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).get(0).get("id").asText();
        for (JsonNode credential : json("GET", "/users/" + id + "/credentials")) {
            if ("password".equals(credential.path("type").asText())) {
                return credential.path("credentialData").asText();
            }
        }
        throw new IllegalStateException(email + " has no password");
    }

    /**
     * Thousands of sign-ins an hour from one machine: the realm's and the network's hourly budgets are raised, and each
     * address may get 100 codes an hour (its mailbox too; the benchmark's pools are large enough that no address meets
     * its cooldown). The drift repair is off: its calls follow the pool's size and its schedule, not the sign-ins
     * (docs/cognito-mirror.md).
     */
    public void prepareForLoad() {
        updateProductSettings(Map.of("limits.realm.sends.per.hour", "10000000", "limits.network.sends.per.hour", "1000000",
                "limits.mailbox.sends.per.hour", "100", "mirror.repair.every.seconds", "-1"));
        updateStepSettings("email code browser", Map.of("sends.per.hour", "100"));
        updateStepSettings(APP_FLOW, Map.of("sends.per.hour", "100"));
    }

    /** Changes realm-level settings of the product ({@code /email-code/settings}). */
    public void updateProductSettings(Map<String, String> changes) {
        expect(2, call("PUT", "/email-code/settings", JSON.valueToTree(changes).toString()));
    }

    /** Changes settings of the Email code step of a flow; returns the previous ones. */
    public Map<String, String> updateStepSettings(String flowAlias, Map<String, String> changes) {
        for (JsonNode execution : json("GET", "/authentication/flows/" + encode(flowAlias) + "/executions")) {
            if ("email-code".equals(execution.path("providerId").asText())) {
                ObjectNode config = (ObjectNode) json("GET", "/authentication/config/" + execution.get("authenticationConfig").asText());
                @SuppressWarnings("unchecked")
                Map<String, String> previous = JSON.convertValue(config.get("config"), Map.class);
                changes.forEach(((ObjectNode) config.get("config"))::put);
                expect(2, call("PUT", "/authentication/config/" + config.get("id").asText(), config.toString()));
                return previous;
            }
        }
        throw new IllegalStateException("no Email code step in flow " + flowAlias);
    }

    /** Whether every given account is linked to its Cognito pool user (the mirror stored its {@code cognito_sub}). */
    public long linkedToCognito(List<String> addresses) {
        long linked = 0;
        for (String email : addresses) {
            JsonNode user = json("GET", "/users?exact=true&briefRepresentation=false&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).get(0);
            linked += user.path("attributes").has("cognito_sub") ? 1 : 0;
        }
        return linked;
    }

    private String flowId(String alias) {
        for (JsonNode flow : json("GET", "/authentication/flows")) {
            if (alias.equals(flow.path("alias").asText())) {
                return flow.get("id").asText();
            }
        }
        throw new IllegalStateException("the realm has no flow " + alias);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode json(String method, String path) {
        HttpResponse<String> response = expect(2, call(method, path, null));
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(int statusClass, HttpResponse<String> response) {
        if (response.statusCode() / 100 != statusClass) {
            throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return admin.call(method, "/admin/realms/" + REALM + path, body, Duration.ofMinutes(5));
    }
}
