package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.flow.Door;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.OAuth2Code;
import org.keycloak.protocol.oidc.utils.OAuth2CodeParser;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * The authorization challenge endpoint of OAuth 2.0 for First-Party Applications (draft-ietf-oauth-first-party-apps-04)
 * for an app's own sign-in screen: the first request names the client, the address ({@code login_hint}) and a PKCE
 * challenge, and gets {@code 403 insufficient_authorization} with an {@code auth_session}; the next brings the code
 * ({@code email_code}) and gets an {@code authorization_code}, which the app redeems at Keycloak's token endpoint with
 * its {@code code_verifier}. Every request runs Keycloak's authentication over the realm's flow {@value #FLOW}, whose
 * "Email code" step answers the app ({@link AppAnswers}); only clients with the default client scope {@value #SCOPE}
 * may use it.
 */
public final class AuthorizationChallengeEndpoint {

    private static final Logger LOG = Logger.getLogger(AuthorizationChallengeEndpoint.class);

    /** A client's default client scope that lets it use the endpoint: assigning it in the console is the switch. */
    static final String SCOPE = "email-code-challenge";
    /** The realm's flow the endpoint runs. */
    static final String FLOW = "email code app";

    private final KeycloakSession session;

    AuthorizationChallengeEndpoint(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response challenge() {
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGIN)
                .detail(StepEvents.DETAIL_DOOR, Door.APP_SIGN_IN.purpose());
        String clientId = form.getFirst("client_id");
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled() || !client.isPublicClient() && !client.validateSecret(form.getFirst("client_secret"))) {
            return refuse(event, Response.Status.BAD_REQUEST, "invalid_client", Errors.INVALID_CLIENT);
        }
        session.getContext().setClient(client);
        event.client(client);
        if (!client.getClientScopes(true).containsKey(SCOPE)) {
            return refuse(event, Response.Status.BAD_REQUEST, "unauthorized_client", Errors.NOT_ALLOWED);
        }
        AuthenticationFlowModel flow = realm.getFlowByAlias(FLOW);
        if (flow == null) {
            LOG.warnf("Realm %s has no flow named \"%s\": its authorization challenge endpoint cannot sign anyone in",
                    realm.getName(), FLOW);
            return refuse(event, Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable", Errors.INVALID_CONFIG);
        }
        String handle = form.getFirst("auth_session");
        Optional<AuthenticationSessionModel> login = handle == null ? start(realm, client, form) : resume(realm, client, handle);
        if (login.isEmpty()) {
            return handle == null ? refuse(event, Response.Status.BAD_REQUEST, "invalid_request", Errors.INVALID_REQUEST)
                    : refuse(event, Response.Status.BAD_REQUEST, "invalid_session", Errors.SESSION_EXPIRED);
        }
        return authenticate(realm, flow, login.get(), event);
    }

    private Response authenticate(RealmModel realm, AuthenticationFlowModel flow, AuthenticationSessionModel login,
                                  EventBuilder event) {
        session.getContext().setAuthenticationSession(login);
        AuthenticationProcessor processor = new AuthenticationProcessor();
        processor.setAuthenticationSession(login)
                .setFlowId(flow.getId())
                .setFlowPath("authorization-challenge")
                .setConnection(session.getContext().getConnection())
                .setEventBuilder(event)
                .setRealm(realm)
                .setSession(session)
                .setUriInfo(session.getContext().getUri())
                .setRequest(session.getContext().getHttpRequest());
        Response challenge;
        try {
            challenge = processor.authenticateOnly();
        } catch (AuthenticationFlowException e) {
            return flowEnded(realm, login, event, e.getError());
        }
        if (challenge != null) {
            return challenge;
        }
        processor.evaluateRequiredActionTriggers();
        UserModel user = login.getAuthenticatedUser();
        if (user.getRequiredActionsStream().findAny().isPresent() || !login.getRequiredActions().isEmpty()) {
            // Only ever after a right code: what the app cannot show, a browser can.
            new AuthenticationSessionManager(session).removeAuthenticationSession(realm, login, false);
            return error(Response.Status.FORBIDDEN, "redirect_to_web");
        }
        AuthenticationManager.setClientScopesInSession(session, login);
        ClientSessionContext clientSession = processor.attachSession();
        // What Keycloak notes after a browser flow's sign-in, for the tokens' auth_time.
        clientSession.getClientSession().getUserSession().setNote(AuthenticationManager.AUTH_TIME,
                String.valueOf(Time.currentTime()));
        String code = authorizationCode(realm, login, clientSession.getClientSession());
        event.user(user).session(processor.getUserSession()).success();
        AuthenticationManager.logSuccess(session, login);
        // An auth_session gives one authorization code: a replay is invalid_session.
        new AuthenticationSessionManager(session).removeAuthenticationSession(realm, login, false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authorization_code", code);
        return AppAnswers.json(Response.Status.OK, body);
    }

    /** A first request: a new login for the client, bound to its PKCE challenge, for the typed address. */
    private Optional<AuthenticationSessionModel> start(RealmModel realm, ClientModel client, MultivaluedMap<String, String> form) {
        String challenge = form.getFirst(OIDCLoginProtocol.CODE_CHALLENGE_PARAM);
        Optional<String> address = EmailAddresses.normalise(form.getFirst(OIDCLoginProtocol.LOGIN_HINT_PARAM));
        if (!"code".equals(form.getFirst(OIDCLoginProtocol.RESPONSE_TYPE_PARAM)) || challenge == null || challenge.isBlank()
                || !"S256".equals(form.getFirst(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM)) || address.isEmpty()) {
            return Optional.empty();
        }
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
        AuthenticationSessionModel login = root.createAuthenticationSession(client);
        login.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        login.setAction(AuthenticatedClientSessionModel.Action.AUTHENTICATE.name());
        login.setClientNote(OIDCLoginProtocol.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        login.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, "code");
        String scope = form.getFirst(OIDCLoginProtocol.SCOPE_PARAM);
        login.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, scope == null ? "openid" : scope);
        login.setClientNote(OIDCLoginProtocol.CODE_CHALLENGE_PARAM, challenge);
        login.setClientNote(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM, "S256");
        // Where Keycloak's authorization endpoint puts ui_locales: its locale selector reads it there (the email's language).
        Optional.ofNullable(form.getFirst(OIDCLoginProtocol.UI_LOCALES_PARAM))
                .ifPresent(locales -> login.setClientNote(LocaleSelectorProvider.CLIENT_REQUEST_LOCALE, locales));
        login.setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, address.get());
        login.setAuthNote(AppAnswers.NOTE_AUTH_SESSION, root.getId() + "." + login.getTabId());
        return Optional.of(login);
    }

    /** A next request: the login the app's {@code auth_session} names, for the same client. */
    private Optional<AuthenticationSessionModel> resume(RealmModel realm, ClientModel client, String handle) {
        int dot = handle.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        RootAuthenticationSessionModel root = session.authenticationSessions()
                .getRootAuthenticationSession(realm, handle.substring(0, dot));
        AuthenticationSessionModel login = root == null ? null : root.getAuthenticationSession(client, handle.substring(dot + 1));
        return Optional.ofNullable(login).filter(found -> handle.equals(found.getAuthNote(AppAnswers.NOTE_AUTH_SESSION)));
    }

    /**
     * Keycloak's authorization code for the client session, bound to the PKCE challenge and no redirect URI (the
     * token request has none, draft-04 §6). Built from its stored form: its constructor differs between versions.
     */
    private String authorizationCode(RealmModel realm, AuthenticationSessionModel login, AuthenticatedClientSessionModel clientSession) {
        Map<String, String> code = new HashMap<>();
        code.put("id", UUID.randomUUID().toString());
        code.put("client_uuid", login.getClient().getId());
        code.put("exp", Integer.toString(Time.currentTime() + realm.getAccessCodeLifespan()));
        code.put("scope", login.getClientNote(OIDCLoginProtocol.SCOPE_PARAM));
        code.put("code_challenge", login.getClientNote(OIDCLoginProtocol.CODE_CHALLENGE_PARAM));
        code.put("code_challenge_method", login.getClientNote(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM));
        code.put("user_session_id", clientSession.getUserSession().getId());
        return OAuth2CodeParser.persistCode(session, clientSession, OAuth2Code.deserializeCode(code));
    }

    /**
     * Keycloak ended the login instead of running the flow: it outlived the realm's login timeout since its last
     * request (or is no longer at authentication), which the app hears as an unusable {@code auth_session}; any
     * other end of the flow is a refusal.
     */
    private Response flowEnded(RealmModel realm, AuthenticationSessionModel login, EventBuilder event,
                               AuthenticationFlowError error) {
        new AuthenticationSessionManager(session).removeAuthenticationSession(realm, login, false);
        if (error == AuthenticationFlowError.EXPIRED_CODE || error == AuthenticationFlowError.INVALID_CLIENT_SESSION) {
            return refuse(event, Response.Status.BAD_REQUEST, "invalid_session", Errors.SESSION_EXPIRED);
        }
        LOG.warnf("The authorization challenge flow of realm %s ended with %s", realm.getName(), error);
        return refuse(event, Response.Status.BAD_REQUEST, "access_denied", Errors.GENERIC_AUTHENTICATION_ERROR);
    }

    /** A refusal the endpoint answers itself: Keycloak's error in a LOGIN_ERROR event, the draft's in the answer. */
    private static Response refuse(EventBuilder event, Response.Status status, String error, String keycloakError) {
        event.error(keycloakError);
        return error(status, error);
    }

    private static Response error(Response.Status status, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return AppAnswers.json(status, body);
    }
}
