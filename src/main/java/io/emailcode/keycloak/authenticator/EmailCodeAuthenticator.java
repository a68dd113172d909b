package io.emailcode.keycloak.authenticator;

import io.emailcode.keycloak.code.CodeGenerator;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.config.EmailCodeSettingsParser;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import io.emailcode.keycloak.mirror.RealmMirrorSettings;
import io.emailcode.keycloak.mirror.keycloak.MirrorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The "Email code" flow step. Flow glue only: it finds the recipient and the settings, refuses what must be
 * refused (misconfiguration, lockout, no address), and leaves sending and checking to {@link CodeStep}.
 */
public final class EmailCodeAuthenticator extends CredentialFreeAuthenticator {

    private static final Logger LOG = Logger.getLogger(EmailCodeAuthenticator.class);

    private final CodeStore store;
    private final CodeGenerator generator;
    private final SendTiming timing;
    private final MirrorProvider mirror;

    EmailCodeAuthenticator(CodeStore store, CodeGenerator generator, SendTiming timing, MirrorProvider mirror) {
        this.store = store;
        this.generator = generator;
        this.timing = timing;
        this.mirror = mirror;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        open(context).ifPresent(step -> step.send(false));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Optional<CodeStep> step = open(context);
        if (step.isEmpty()) {
            return;
        }
        if (form.containsKey(CodePage.FIELD_RESEND)) {
            step.get().send(true);
        } else {
            step.get().verify(form.getFirst(CodePage.FIELD_CODE));
        }
    }

    private Optional<CodeStep> open(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        Map<String, String> saved = config == null ? Map.of() : config.getConfig();
        EmailCodeSettingsParser.Result parsed = EmailCodeSettingsParser.parse(saved);
        RealmMirrorSettings.Parsed mirrorSettings = RealmMirrorSettings.parse(saved);
        Optional<SecretKey> key = hmacKey(context.getSession(), realm);
        if (!parsed.valid() || !mirrorSettings.valid() || key.isEmpty()) {
            List<String> problems = new ArrayList<>(parsed.problems());
            problems.addAll(mirrorSettings.problems());
            LOG.errorf("Email code step in realm %s cannot run: %s", realm.getName(),
                    problems.isEmpty() ? "the realm has no active HMAC key" : String.join("; ", problems));
            context.getEvent().error(CodeEvents.ERROR_MISCONFIGURED);
            // A plain challenge: a broken configuration must not count as the user's failure.
            context.challenge(context.form().setError(CodeMessages.MISCONFIGURED).createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
            return Optional.empty();
        }
        Optional<CodeRecipient> recipient = recipient(context);
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        OneTimeCodes codes = new OneTimeCodes(store, generator, new CodeHasher(key.get()));
        CodeStep step = new CodeStep(context, parsed.settings(), recipient.get(), codes, new CodeMailer(context.getSession()), timing,
                new SignInMirror(mirror, mirrorSettings.settings()));
        return step.refusedByLockout() ? Optional.empty() : Optional.of(step);
    }

    /** The signed-in user's address, or the address typed on the previous page when it has no account. */
    private static Optional<CodeRecipient> recipient(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user != null) {
            Optional<String> address = EmailAddresses.normalise(user.getEmail());
            if (address.isEmpty()) {
                context.getEvent().user(user).error(CodeEvents.ERROR_NO_EMAIL);
                context.challenge(context.form().setError(CodeMessages.NO_EMAIL).createErrorPage(Response.Status.BAD_REQUEST));
            }
            return address.map(a -> new CodeRecipient(a, user));
        }
        String typed = context.getAuthenticationSession().getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        Optional<String> address = EmailAddresses.normalise(typed);
        if (address.isEmpty()) {
            // Nothing to send to: go back to the start of the login rather than leave a dead end.
            context.getEvent().error(CodeEvents.ERROR_NO_EMAIL);
            context.resetFlow();
        }
        return address.map(a -> new CodeRecipient(a, null));
    }

    private static Optional<SecretKey> hmacKey(KeycloakSession session, RealmModel realm) {
        KeyManager.ActiveHmacKey active = session.keys().getActiveHmacKey(realm);
        return Optional.ofNullable(active).map(KeyManager.ActiveHmacKey::getSecretKey);
    }
}
