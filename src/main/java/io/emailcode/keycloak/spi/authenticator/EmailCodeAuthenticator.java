package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.CodeGenerator;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.EmailCodeStep;
import io.emailcode.keycloak.flow.MessageKeys;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.settings.Parsed;
import io.emailcode.keycloak.settings.RealmSettings;
import io.emailcode.keycloak.settings.StepOptions;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeyManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The "Email code" flow step. Keycloak glue only: it reads the settings, finds who the code is for, asks
 * {@link EmailCodeStep} what to do, and lets {@link OutcomeApplier} do it.
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
        open(context).ifPresent(run -> run.apply(run.step.request(run.attempt, run.settings, false)));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        open(context).ifPresent(run -> run.apply(form.containsKey(CodePage.FIELD_RESEND)
                ? run.step.request(run.attempt, run.settings, true)
                : run.step.verify(run.attempt, run.settings, form.getFirst(CodePage.FIELD_CODE))));
    }

    /** Everything one request of the step needs, once the settings and the recipient are known. */
    private record Run(EmailCodeStep step, Attempt attempt, StepSettings settings, OutcomeApplier applier) {
        void apply(io.emailcode.keycloak.flow.StepOutcome outcome) {
            applier.apply(outcome);
        }
    }

    private Optional<Run> open(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        Parsed<StepSettings> step = StepOptions.read(config == null ? Map.of() : config.getConfig());
        Parsed<RealmSettings> realmSettings = RealmSettingsStore.read(realm);
        Optional<SecretKey> key = Optional.ofNullable(context.getSession().keys().getActiveHmacKey(realm))
                .map(KeyManager.ActiveHmacKey::getSecretKey);
        if (!step.valid() || !realmSettings.valid() || key.isEmpty()) {
            misconfigured(context, step, realmSettings);
            return Optional.empty();
        }
        UserModel user = context.getUser();
        Optional<String> address = address(context, user);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> lockoutError = Optional.ofNullable(user)
                .map(u -> AuthenticatorUtils.getDisabledByBruteForceEventError(context, u));
        Attempt.Standing standing = user == null ? Attempt.Standing.UNKNOWN
                : lockoutError.isPresent() ? Attempt.Standing.LOCKED : Attempt.Standing.KNOWN;
        Attempt attempt = new Attempt(realm.getId(), address.get(), standing, LoginBinding.of(context.getAuthenticationSession()));
        context.getEvent().detail(StepEvents.DETAIL_MASKED_EMAIL, attempt.masked());
        if (user != null) {
            context.getEvent().user(user);
        }
        EmailCodeStep decisions = new EmailCodeStep(new OneTimeCodes(store, generator, new CodeHasher(key.get())));
        OutcomeApplier applier = new OutcomeApplier(context, decisions, attempt, user, lockoutError, step.value(),
                new CodeMailer(context.getSession()), timing, new SignInMirror(mirror, realmSettings.value().mirror()));
        return Optional.of(new Run(decisions, attempt, step.value(), applier));
    }

    /** A broken configuration is the administrator's to fix: a clear page, not the person's failure. */
    private static void misconfigured(AuthenticationFlowContext context, Parsed<StepSettings> step, Parsed<RealmSettings> realm) {
        List<String> problems = new ArrayList<>(step.problems());
        problems.addAll(realm.problems());
        LOG.errorf("Email code step in realm %s cannot run: %s", context.getRealm().getName(),
                problems.isEmpty() ? "the realm has no active HMAC key" : String.join("; ", problems));
        StepEvents.error(context.getEvent(), Reason.MISCONFIGURED, Optional.empty());
        context.challenge(context.form().setError(MessageKeys.MISCONFIGURED).createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
    }

    /** The signed-in user's address, or the address typed on the previous page when it has no account. */
    private static Optional<String> address(AuthenticationFlowContext context, UserModel user) {
        if (user != null) {
            Optional<String> address = EmailAddresses.normalise(user.getEmail());
            if (address.isEmpty()) {
                context.getEvent().user(user);
                StepEvents.error(context.getEvent(), Reason.NO_EMAIL, Optional.empty());
                context.challenge(context.form().setError(MessageKeys.NO_EMAIL).createErrorPage(Response.Status.BAD_REQUEST));
            }
            return address;
        }
        String typed = context.getAuthenticationSession().getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        Optional<String> address = EmailAddresses.normalise(typed);
        if (address.isEmpty()) {
            // Nothing to send to: go back to the start of the login rather than leave a dead end.
            StepEvents.error(context.getEvent(), Reason.NO_EMAIL, Optional.empty());
            context.resetFlow();
        }
        return address;
    }
}
