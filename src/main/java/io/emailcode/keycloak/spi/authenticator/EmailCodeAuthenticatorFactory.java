package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.CodeGenerator;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.settings.StepOptions;
import io.emailcode.keycloak.spi.KeycloakClock;
import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.ProviderProperties;
import io.emailcode.keycloak.spi.keys.SecretsProvisioning;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import io.emailcode.keycloak.spi.store.CodeStoreProvider;
import java.security.SecureRandom;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Registers the "Email code" step in the admin console's "Add step" list, with its settings, and owns what the step
 * shares across requests: the code generator and the queue that sends code emails off the request thread.
 * Every setting is a choice list, so the console can only save valid values; anything else (a hand-edited
 * import) is caught when the step runs and shown as a configuration error, never an exception.
 */
public final class EmailCodeAuthenticatorFactory implements AuthenticatorFactory {

    /** The step's credential category: Keycloak's own for one-time codes ({@code OTPCredentialModel.TYPE}). */
    static final String CREDENTIAL_CATEGORY = "otp";
    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};

    private final CodeGenerator generator = new CodeGenerator(new SecureRandom());
    private StepMetrics metrics = StepMetrics.NONE;
    // Set by init()/postInit(): Keycloak's factory lifecycle leaves no room for final fields.
    private SendDelaySettings sendDelay;
    private CodeEmails emails;

    @Override
    public Authenticator create(KeycloakSession session) {
        return new EmailCodeAuthenticator(new BrowserRequests(doorParts(session)));
    }

    /** The required actions' door to the same engine, store, email queue and metrics as the step's. */
    ActionRequests actionRequests(KeycloakSession session) {
        return new ActionRequests(doorParts(session));
    }

    private DoorParts doorParts(KeycloakSession session) {
        return new DoorParts(session.getProvider(CodeStoreProvider.class).codeStore(), generator, emails,
                session.getProvider(MirrorProvider.class), metrics, KeycloakClock.INSTANCE);
    }

    @Override
    public String getDisplayType() {
        return "Email code";
    }

    @Override
    public String getHelpText() {
        return "Emails a one-time code to the user's address (or to the address typed in the previous step) and asks for it. "
                + "Works as a first factor after 'Email address form' and as a second factor after a password form.";
    }

    /**
     * Keycloak's brute-force detector (from 26.6 on) only counts failures, and clears them on success, for the
     * categories password, otp and recovery codes; before 26.6 it counted every failure. A one-time code is what
     * "otp" means, so wrong codes count toward the user's lockout on every version, and the step's success, which
     * names this credential, clears them.
     */
    @Override
    public String getReferenceCategory() {
        return CREDENTIAL_CATEGORY;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderProperties.of(StepOptions.ALL);
    }

    @Override
    public void init(Config.Scope config) {
        sendDelay = SendDelaySettings.from(new ServerOptions(SendDelaySettings.OPTION_PREFIX, config::get));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        metrics = StepMetrics.createIfAvailable();
        emails = new CodeEmails(factory, new CodeMailer(metrics), sendDelay);
        factory.register(new SecretsProvisioning(factory));
    }

    @Override
    public void close() {
        if (emails != null) {
            emails.close();
        }
    }

    @Override
    public String getId() {
        return ProviderIds.EMAIL_CODE_STEP;
    }

    /** Server options ({@code --spi-authenticator--email-code--*}); the step's own settings are the config properties. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderProperties.of(SendDelaySettings.options());
    }
}
