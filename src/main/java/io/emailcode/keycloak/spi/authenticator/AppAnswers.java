package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.MessageKeys;
import io.emailcode.keycloak.flow.Notice;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the "Email code" step answers an app's own screen (the authorization challenge endpoint of OAuth 2.0 for
 * First-Party Applications, draft-ietf-oauth-first-party-apps-04) instead of a code page: JSON. Until a right code,
 * every answer is {@code 403 insufficient_authorization} with the {@code auth_session} to send the code with, and the
 * same for every address; what went wrong with a typed code is in {@code email_code_error}. Refusals that no code can
 * mend are {@code 400} ({@code slow_down}, {@code access_denied}); an outage is {@code 503}.
 */
final class AppAnswers implements DoorPage {

    /** Set by the endpoint on the authentication session it serves: the {@code auth_session} the app holds. */
    static final String NOTE_AUTH_SESSION = "email-code.app.auth-session";
    static final String FIELD_CODE = "email_code";
    static final String FIELD_RESEND = "resend";

    private final AuthenticationSessionModel login;

    AppAnswers(AuthenticationSessionModel login) {
        this.login = login;
    }

    /** The step serves an app's authorization challenge, not a browser. */
    static boolean servesAnApp(AuthenticationSessionModel login) {
        return login.getAuthNote(NOTE_AUTH_SESSION) != null;
    }

    @Override
    public void codeIssued() {
        // The app is told nothing about sending: every address gets the same answer.
    }

    @Override
    public Response show(Optional<Notice> notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        Response.Status status = Response.Status.FORBIDDEN;
        String error = "insufficient_authorization";
        String key = notice.map(Notice::key).orElse(MessageKeys.SENT);
        switch (key) {
            case MessageKeys.INVALID -> body.put("email_code_error", "invalid_code");
            case MessageKeys.EXPIRED -> body.put("email_code_error", "expired_code");
            case MessageKeys.MISSING -> body.put("email_code_error", "no_code");
            case MessageKeys.ATTEMPTS_EXHAUSTED -> body.put("email_code_error", "attempts_exhausted");
            case MessageKeys.REQUIRED -> {
                status = Response.Status.BAD_REQUEST;
                error = "invalid_request";
            }
            case MessageKeys.RESEND_COOLDOWN -> {
                if (notice.get().kind() == Notice.Kind.ERROR) {
                    body.put("email_code_error", "resend_cooldown");
                }
            }
            case MessageKeys.BUDGET_SPENT, MessageKeys.NETWORK_BUDGET_SPENT, MessageKeys.REALM_CEILING -> {
                status = Response.Status.BAD_REQUEST;
                error = "slow_down";
            }
            case MessageKeys.SERVICE_UNAVAILABLE, MessageKeys.MIRROR_UNAVAILABLE -> {
                status = Response.Status.SERVICE_UNAVAILABLE;
                error = "temporarily_unavailable";
            }
            case MessageKeys.SENT -> { }
            default -> {
                status = Response.Status.BAD_REQUEST;
                error = "access_denied";
            }
        }
        notice.flatMap(n -> n.parameters().stream().filter(Duration.class::isInstance).map(Duration.class::cast).findFirst())
                .ifPresent(wait -> body.put("retry_after", wait.toSeconds()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error);
        if (status == Response.Status.FORBIDDEN) {
            answer.put("auth_session", login.getAuthNote(NOTE_AUTH_SESSION));
        }
        answer.putAll(body);
        return json(status, answer);
    }

    static Response json(Response.Status status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .entity(body).build();
    }
}
