package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The admin REST API of one realm, as an administrator with the bootstrap admin account uses it. */
final class RealmAdmin {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String COGNITO_PROVIDER_TYPE = "org.keycloak.storage.UserStorageProvider";
    static final String COGNITO_PROVIDER_ID = io.emailcode.keycloak.spi.ProviderIds.COGNITO_FEDERATION;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private final URI keycloak;
    private final String realm;
    private final AdminApi api;

    RealmAdmin(URI keycloak, String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
        this.api = AdminApi.of(keycloak);
    }

    String createUser(String email, String password) {
        return createUser(email, password, null);
    }

    /** @param locale the language the person chose for Keycloak (their profile's {@code locale}); null for none */
    String createUser(String email, String password, String locale) {
        ObjectNode user = JSON.createObjectNode().put("username", email).put("email", email)
                .put("emailVerified", true).put("enabled", true).put("firstName", "Test").put("lastName", "Person");
        if (locale != null) {
            user.putObject("attributes").putArray("locale").add(locale);
        }
        if (password != null) {
            user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        }
        HttpResponse<String> response = call("POST", "/users", user.toString());
        assertTrue(response.statusCode() == 201, "user not created: " + response.body());
        return userIdByEmail(email);
    }

    /** An account whose username is not its address (realms that do not use emails as usernames). */
    String createUserNamed(String username, String email) {
        ObjectNode user = JSON.createObjectNode().put("username", username).put("email", email)
                .put("emailVerified", true).put("enabled", true).put("firstName", "Test").put("lastName", "Person");
        HttpResponse<String> response = call("POST", "/users", user.toString());
        assertTrue(response.statusCode() == 201, "user not created: " + response.body());
        return userIdByEmail(email);
    }

    String userIdByEmail(String email) {
        JsonNode users = json("GET", "/users?exact=true&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), null);
        return users.isEmpty() ? null : users.get(0).get("id").asText();
    }

    int usersWithEmail(String email) {
        return json("GET", "/users?exact=true&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), null).size();
    }

    /** The pool user the mirror linked the user to ({@code cognito_sub}, which admins may view), if any. */
    java.util.Optional<String> cognitoSub(String userId) {
        JsonNode sub = user(userId).path("attributes").path("cognito_sub");
        return sub.isArray() && !sub.isEmpty() ? java.util.Optional.of(sub.get(0).asText()) : java.util.Optional.empty();
    }

    JsonNode user(String id) {
        return json("GET", "/users/" + id, null);
    }

    /** The user's stored credentials (password, OTP...), as the admin console lists them. */
    JsonNode credentials(String userId) {
        return json("GET", "/users/" + userId + "/credentials", null);
    }

    /** The ids of the user's active (online) sessions. */
    List<String> sessionIds(String userId) {
        List<String> ids = new ArrayList<>();
        json("GET", "/users/" + userId + "/sessions", null).forEach(session -> ids.add(session.get("id").asText()));
        return ids;
    }

    /**
     * Every stored event of the type, latest timestamp first, as Keycloak returns them. All of them, page by page:
     * tests that move Keycloak's clock leave events stamped in the future, ahead of any newer ones.
     */
    List<JsonNode> events(String type) {
        return everyPage("/events?type=" + type);
    }

    /** Every admin event of a resource type (also one of a provider's own), latest timestamp first, as above. */
    List<JsonNode> adminEvents(String resourceType) {
        return everyPage("/admin-events?").stream()
                .filter(event -> resourceType.equals(event.path("resourceType").asText())).toList();
    }

    private List<JsonNode> everyPage(String query) {
        List<JsonNode> items = new ArrayList<>();
        for (int first = 0; ; first += EVENTS_PAGE) {
            JsonNode page = json("GET", query + "&first=" + first + "&max=" + EVENTS_PAGE, null);
            page.forEach(items::add);
            if (page.size() < EVENTS_PAGE) {
                return items;
            }
        }
    }

    private static final int EVENTS_PAGE = 1_000;

    /** The realm's scheduled drift repair, as {@code GET .../email-code/cognito-mirror/repair} shows it. */
    JsonNode repairStatus() {
        return json("GET", "/email-code/cognito-mirror/repair", null);
    }

    /** Keycloak's "send email to update account" action, which goes through the realm's email sender. */
    void sendRequiredActionsEmail(String userId, String action) {
        HttpResponse<String> response = call("PUT", "/users/" + userId + "/execute-actions-email", "[\"" + action + "\"]");
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    JsonNode bruteForceStatus(String userId) {
        return json("GET", "/attack-detection/brute-force/users/" + userId, null);
    }

    void clearBruteForce(String userId) {
        call("DELETE", "/attack-detection/brute-force/users/" + userId, null);
    }

    /** Replaces settings of the "Email code" step in the given flow, returning the previous ones. */
    Map<String, String> updateStepConfig(String flowAlias, Map<String, String> changes) {
        ObjectNode config = stepConfigRepresentation(flowAlias);
        Map<String, String> previous = JSON.convertValue(config.get("config"), Map.class);
        ObjectNode values = (ObjectNode) config.get("config");
        changes.forEach(values::put);
        call("PUT", "/authentication/config/" + config.get("id").asText(), config.toString());
        return previous;
    }

    /** Sets the "Email code" step's settings in the given flow to exactly {@code config}. */
    void replaceStepConfig(String flowAlias, Map<String, String> config) {
        ObjectNode representation = stepConfigRepresentation(flowAlias);
        representation.set("config", JSON.valueToTree(config));
        HttpResponse<String> response = call("PUT", "/authentication/config/" + representation.get("id").asText(),
                representation.toString());
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    /** The settings of the "Email code" step in the given flow, as this server's realm cache has them. */
    Map<String, String> stepConfig(String flowAlias) {
        return JSON.convertValue(stepConfigRepresentation(flowAlias).get("config"), Map.class);
    }

    private ObjectNode stepConfigRepresentation(String flowAlias) {
        JsonNode executions = json("GET", "/authentication/flows/" + URLEncoder.encode(flowAlias, StandardCharsets.UTF_8).replace("+", "%20") + "/executions", null);
        for (JsonNode execution : executions) {
            if ("email-code".equals(execution.path("providerId").asText())) {
                return (ObjectNode) json("GET", "/authentication/config/" + execution.get("authenticationConfig").asText(), null);
            }
        }
        throw new AssertionError("no email-code step in flow " + flowAlias);
    }

    /** The settings saved for a required action (Keycloak's required-action config); empty when none are saved. */
    Map<String, String> requiredActionConfig(String alias) {
        HttpResponse<String> response = call("GET", "/authentication/required-actions/" + alias + "/config", null);
        if (response.statusCode() == 404) {
            return Map.of();
        }
        assertTrue(response.statusCode() / 100 == 2, response.body());
        try {
            JsonNode config = JSON.readTree(response.body()).path("config");
            return config.isMissingNode() || config.isNull() ? Map.of() : JSON.convertValue(config, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves exactly {@code config} as a required action's settings (none at all when it is empty). */
    HttpResponse<String> replaceRequiredActionConfig(String alias, Map<String, String> config) {
        String path = "/authentication/required-actions/" + alias + "/config";
        HttpResponse<String> response = config.isEmpty() ? call("DELETE", path, null)
                : call("PUT", path, JSON.createObjectNode().set("config", JSON.valueToTree(config)).toString());
        return response;
    }

    void updateUser(String id, JsonNode changes) {
        HttpResponse<String> response = call("PUT", "/users/" + id, changes.toString());
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    void deleteUser(String id) {
        HttpResponse<String> response = call("DELETE", "/users/" + id, null);
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    /** The realm's user profile configuration (Realm settings, User profile), replaced by {@code change}. */
    void updateUserProfile(java.util.function.UnaryOperator<ObjectNode> change) {
        ObjectNode profile = (ObjectNode) json("GET", "/users/profile", null);
        HttpResponse<String> response = call("PUT", "/users/profile", change.apply(profile).toString());
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    /** The realm's event listeners (Realm settings, Events), replaced by {@code change}; returns the ones before. */
    JsonNode updateEventListeners(java.util.function.UnaryOperator<ArrayNode> change) {
        ObjectNode config = (ObjectNode) json("GET", "/events/config", null);
        JsonNode before = config.get("eventsListeners").deepCopy();
        config.set("eventsListeners", change.apply((ArrayNode) config.get("eventsListeners")));
        HttpResponse<String> response = call("PUT", "/events/config", config.toString());
        assertTrue(response.statusCode() / 100 == 2, response.body());
        return before;
    }

    /** The realm-level settings of the email-code product, as {@code GET .../email-code/settings} returns them. */
    Map<String, String> realmSettings() {
        return JSON.convertValue(json("GET", "/email-code/settings", null).get("settings"), Map.class);
    }

    /** Changes realm-level settings through the product's admin endpoint; returns the previous values. */
    Map<String, String> updateRealmSettings(Map<String, String> changes) {
        Map<String, String> previous = realmSettings();
        HttpResponse<String> response = putRealmSettings(JSON.valueToTree(changes).toString());
        assertTrue(response.statusCode() == 200, response.body());
        return previous;
    }

    HttpResponse<String> putRealmSettings(String json) {
        return call("PUT", "/email-code/settings", json);
    }

    /** LOGIN_ERROR events with the given detail {@code reason}, newest first. */
    List<JsonNode> errors(String keycloakError, String reason) {
        return errors("LOGIN_ERROR", keycloakError, reason);
    }

    /** Error events of a type (a sign-in's {@code LOGIN_ERROR}, a verification's {@code VERIFY_EMAIL_ERROR}). */
    List<JsonNode> errors(String type, String keycloakError, String reason) {
        return events(type).stream().filter(e -> keycloakError.equals(e.path("error").asText())
                && reason.equals(e.path("details").path("reason").asText())).toList();
    }

    /** The events stored until now, so that a test can look at the ones it caused: {@link #errorsSince}. */
    EventMark mark() {
        return new EventMark(everyPage("/events?").stream().map(event -> event.path("id").asText())
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** The ids of the events a realm had stored at one moment. */
    record EventMark(java.util.Set<String> ids) {
    }

    /**
     * The LOGIN_ERROR events stored since {@code mark} with Keycloak's error and the product's reason, for the
     * address (as the events carry it, masked), newest first: the events the test caused, as Keycloak's own tests
     * assert them.
     */
    List<JsonNode> errorsSince(EventMark mark, String keycloakError, String reason, String address) {
        String masked = io.emailcode.keycloak.code.EmailAddresses.mask(address);
        return errorsSince(mark, keycloakError, reason).stream()
                .filter(e -> masked.equals(e.path("details").path("email_masked").asText())).toList();
    }

    /** The same, for a refusal that names no address (a broken configuration). */
    List<JsonNode> errorsSince(EventMark mark, String keycloakError, String reason) {
        return errors(keycloakError, reason).stream().filter(e -> !mark.ids().contains(e.path("id").asText())).toList();
    }

    /** How many LOGIN_ERROR events the realm stored for a masked address ({@code email_masked}). */
    long errorsWithMaskedAddress(String masked) {
        return events("LOGIN_ERROR").stream().filter(e -> masked.equals(e.path("details").path("email_masked").asText()))
                .count();
    }

    /** Adds one of the product's code keys with the given priority, as an administrator rotates them; returns its id. */
    String addCodeKey(int priority) {
        ObjectNode component = JSON.createObjectNode().put("name", "email-code-code-key-" + priority)
                .put("providerId", "email-code-code-key").put("providerType", "org.keycloak.keys.KeyProvider")
                .put("parentId", realmRepresentation().get("id").asText());
        component.putObject("config").putArray("priority").add(Integer.toString(priority));
        HttpResponse<String> response = call("POST", "/components", component.toString());
        assertTrue(response.statusCode() == 201, response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Adds the realm's "Amazon Cognito" user federation provider to a realm representation, with these settings. */
    static ObjectNode withCognitoProvider(ObjectNode realmRepresentation, Map<String, String> settings) {
        ObjectNode component = realmRepresentation.withObject("components").withArray(COGNITO_PROVIDER_TYPE).addObject()
                .put("name", "Amazon Cognito").put("providerId", COGNITO_PROVIDER_ID);
        ObjectNode config = component.putObject("config");
        settings.forEach((key, value) -> config.putArray(key).add(value));
        return realmRepresentation;
    }

    /** The realm's "Amazon Cognito" user federation provider, as the admin console reads it. */
    JsonNode cognitoProvider() {
        for (JsonNode component : json("GET", "/components?type=" + COGNITO_PROVIDER_TYPE, null)) {
            if (COGNITO_PROVIDER_ID.equals(component.path("providerId").asText())) {
                return component;
            }
        }
        throw new AssertionError("the realm has no Amazon Cognito provider");
    }

    /** Saves a changed component as the admin console does; returns Keycloak's answer. */
    HttpResponse<String> updateComponent(JsonNode component) {
        return call("PUT", "/components/" + component.get("id").asText(), component.toString());
    }

    /** The console's "Sync all users" ({@code triggerFullSync}) or "Sync changed users" ({@code triggerChangedUsersSync}). */
    JsonNode syncUsers(String componentId, String action) {
        return json("POST", "/user-storage/" + componentId + "/sync?action=" + action, null);
    }

    /**
     * The realm's partial export, reduced to a new realm with the exported Cognito provider (the rest of an export,
     * with its ids and masked keys, is the exported realm's own business).
     */
    ObjectNode exportedCognitoProviderInANewRealm(String name) {
        JsonNode export = json("POST", "/partial-export?exportClients=false&exportGroupsAndRoles=false", null);
        ArrayNode providers = (ArrayNode) export.path("components").path(COGNITO_PROVIDER_TYPE);
        assertTrue(providers.size() == 1, "the export carries the Cognito provider: " + export.path("components"));
        ObjectNode provider = ((ObjectNode) providers.get(0)).deepCopy();
        provider.remove("id");
        ObjectNode newRealm = JSON.createObjectNode().put("realm", name).put("enabled", true);
        newRealm.putObject("components").putArray(COGNITO_PROVIDER_TYPE).add(provider);
        return newRealm;
    }

    /** Puts a component back as it was (created again if it was removed), changing nothing if it is unchanged. */
    void restoreComponent(JsonNode before) {
        HttpResponse<String> now = call("GET", "/components/" + before.get("id").asText(), null);
        if (now.statusCode() == 404) {
            // A realm has one provider of a kind such as Amazon Cognito: the one made in its place goes.
            for (JsonNode other : json("GET", "/components?type=" + before.get("providerType").asText(), null)) {
                if (before.get("providerId").equals(other.get("providerId"))) {
                    deleteComponent(other.get("id").asText());
                }
            }
            HttpResponse<String> created = call("POST", "/components", before.toString());
            assertTrue(created.statusCode() == 201, created.body());
            return;
        }
        try {
            if (!before.equals(JSON.readTree(now.body()))) {
                HttpResponse<String> updated = updateComponent(before);
                assertTrue(updated.statusCode() / 100 == 2, updated.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void deleteComponent(String id) {
        call("DELETE", "/components/" + id, null);
    }

    /** Lets a client redirect to {@code origin} too, e.g. the tests' own copy of the demo app on another port. */
    void allowRedirectsTo(String clientId, String origin) {
        JsonNode client = json("GET", "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null).get(0);
        ObjectNode changed = ((ObjectNode) client).deepCopy();
        String wanted = origin + "/*";
        boolean present = false;
        for (JsonNode uri : client.path("redirectUris")) {
            present |= wanted.equals(uri.asText());
        }
        if (!present) {
            changed.withArray("redirectUris").add(wanted);
            HttpResponse<String> response = call("PUT", "/clients/" + client.get("id").asText(), changed.toString());
            assertTrue(response.statusCode() / 100 == 2, response.body());
        }
    }

    /** POST to a realm admin path; the status and body, whatever they are. */
    HttpResponse<String> post(String path) {
        return call("POST", path, null);
    }

    /** POST a JSON body to a realm admin path; the status and body, whatever they are. */
    HttpResponse<String> post(String path, JsonNode body) {
        return call("POST", path, body.toString());
    }

    /** As {@link #post(String)}, for a call that may take long (a reconciliation of many users). */
    HttpResponse<String> post(String path, Duration timeout) {
        return callServer("POST", "/admin/realms/" + realm + path, null, timeout);
    }

    JsonNode realmRepresentation() {
        return json("GET", "", null);
    }

    /** The realm's representation, as {@code GET /admin/realms/{realm}} gives it. */
    JsonNode realm() {
        return json("GET", "", null);
    }

    /** The realm's user profile configuration. */
    JsonNode userProfile() {
        return json("GET", "/users/profile", null);
    }

    void replaceUserProfile(JsonNode profile) {
        HttpResponse<String> response = call("PUT", "/users/profile", profile.toString());
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    void updateRealm(JsonNode changes) {
        HttpResponse<String> response = call("PUT", "", changes.toString());
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    /** A JSON answer's body as a tree. */
    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(String method, String path, String body) {
        HttpResponse<String> response = call(method, path, body);
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + " -> " + response.statusCode() + " " + response.body());
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a realm from its representation (as the bootstrap admin); the returned admin works on it. */
    RealmAdmin createRealm(JsonNode representation) {
        HttpResponse<String> response = callServer("POST", "/admin/realms", representation.toString());
        assertTrue(response.statusCode() == 201, "realm not created: " + response.body());
        return new RealmAdmin(keycloak, representation.get("realm").asText());
    }

    void deleteRealm() {
        HttpResponse<String> response = call("DELETE", "", null);
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    /** Keycloak's partial import of users (and whatever else the representation holds) into this realm. */
    void partialImport(JsonNode representation) {
        HttpResponse<String> response = call("POST", "/partialImport", representation.toString());
        assertTrue(response.statusCode() / 100 == 2, response.body());
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return callServer(method, "/admin/realms/" + realm + path, body, CALL_TIMEOUT);
    }

    private HttpResponse<String> callServer(String method, String path, String body) {
        return callServer(method, path, body, CALL_TIMEOUT);
    }

    private HttpResponse<String> callServer(String method, String path, String body, Duration timeout) {
        return api.call(method, path, body, timeout);
    }
}
