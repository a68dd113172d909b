package io.emailcode.keycloak.authenticator;

import static io.emailcode.keycloak.config.EmailCodeSettingsParser.AUTO_REGISTER;
import static io.emailcode.keycloak.config.EmailCodeSettingsParser.CODE_ALPHABET;
import static io.emailcode.keycloak.config.EmailCodeSettingsParser.CODE_LENGTH;
import static io.emailcode.keycloak.config.EmailCodeSettingsParser.MAX_ATTEMPTS;
import static io.emailcode.keycloak.config.EmailCodeSettingsParser.RESEND_COOLDOWN_SECONDS;
import static io.emailcode.keycloak.config.EmailCodeSettingsParser.SENDS_PER_HOUR;
import static io.emailcode.keycloak.config.EmailCodeSettingsParser.VALIDITY_SECONDS;

import io.emailcode.keycloak.code.CodeGenerator;
import io.emailcode.keycloak.config.EmailCodeSettings;
import io.emailcode.keycloak.mirror.RealmMirrorSettings;
import io.emailcode.keycloak.mirror.keycloak.MirrorProvider;
import io.emailcode.keycloak.store.CodeStoreProvider;
import java.security.SecureRandom;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers the "Email code" step in the admin console's "Add step" list, with its settings.
 * Every setting is a choice list, so the console can only save valid values; anything else (a hand-edited
 * import) is caught when the step runs and shown as a configuration error, never an exception.
 */
public final class EmailCodeAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "email-code";

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};

    private final CodeGenerator generator = new CodeGenerator(new SecureRandom());
    private final SendTiming timing = new SendTiming();

    @Override
    public Authenticator create(KeycloakSession session) {
        return new EmailCodeAuthenticator(session.getProvider(CodeStoreProvider.class).codeStore(), generator, timing,
                session.getProvider(MirrorProvider.class));
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
     * Keycloak's brute-force detector only counts failures (and clears them on success) for the categories
     * password, otp and recovery codes. A one-time code is what "otp" means, so wrong codes count toward the
     * user's lockout and a successful sign-in clears them.
     */
    @Override
    public String getReferenceCategory() {
        return "otp";
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
        EmailCodeSettings d = EmailCodeSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(CODE_LENGTH).label("Code length").type(ProviderConfigProperty.LIST_TYPE)
                .options("6", "7", "8", "9", "10").defaultValue(String.valueOf(d.codeLength()))
                .helpText("Number of characters in a code (6 to 10).").add()
                .property().name(CODE_ALPHABET).label("Code characters").type(ProviderConfigProperty.LIST_TYPE)
                .options("DIGITS", "ALPHANUMERIC").defaultValue(d.alphabet().name())
                .helpText("DIGITS: 0-9. ALPHANUMERIC: upper-case letters and digits without look-alikes (no 0/O, 1/I).").add()
                .property().name(VALIDITY_SECONDS).label("Code validity (seconds)").type(ProviderConfigProperty.LIST_TYPE)
                .options("60", "120", "180", "300", "420", "600").defaultValue(String.valueOf(d.validity().toSeconds()))
                .helpText("How long a code can be used. At most 600 seconds (10 minutes).").add()
                .property().name(MAX_ATTEMPTS).label("Attempts per code").type(ProviderConfigProperty.LIST_TYPE)
                .options("1", "2", "3", "4", "5", "6", "7", "8", "9", "10").defaultValue(String.valueOf(d.maxAttempts()))
                .helpText("Wrong entries after which a code stops working and a new one must be requested. "
                        + "Wrong entries also count toward the realm's brute-force detection.").add()
                .property().name(RESEND_COOLDOWN_SECONDS).label("Resend cooldown (seconds)").type(ProviderConfigProperty.LIST_TYPE)
                .options("0", "15", "30", "60", "120", "300").defaultValue(String.valueOf(d.resendCooldown().toSeconds()))
                .helpText("Minimum time between two codes for one address.").add()
                .property().name(SENDS_PER_HOUR).label("Codes per address per hour").type(ProviderConfigProperty.LIST_TYPE)
                .options("1", "2", "3", "5", "10", "20", "50", "100").defaultValue(String.valueOf(d.sendsPerHour()))
                .helpText("Hourly budget of code emails per address, counted across the whole cluster. "
                        + "Protects inboxes and the email bill.").add()
                .property().name(AUTO_REGISTER).label("Register unknown addresses").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(d.autoRegister())
                .helpText("Off: an address without an account gets the same page but no email. "
                        + "On: a code is sent and, once entered, an account is created with the address verified.").add()
                .property().name(RealmMirrorSettings.MODE).label("Cognito mirror").type(ProviderConfigProperty.LIST_TYPE)
                .options("OFF", "BEST_EFFORT", "REQUIRED").defaultValue("OFF")
                .helpText("Mirror the realm's users into the server's Cognito user pool. BEST_EFFORT: after sign-in, off the "
                        + "request, retried until Cognito agrees; never delays or blocks a sign-in. REQUIRED: the first sign-in "
                        + "waits for Cognito and is refused while Cognito is unreachable. The setting in the realm's browser flow "
                        + "applies to the whole realm; profile changes, disabling and deletes also need the 'cognito-mirror' "
                        + "event listener (Realm settings, Events).").add()
                .property().name(RealmMirrorSettings.USERNAME).label("Cognito username").type(ProviderConfigProperty.LIST_TYPE)
                .options("EMAIL", "USER_ID").defaultValue("EMAIL")
                .helpText("What becomes the username of a new Cognito user: the email address or the Keycloak user id. "
                        + "Cognito usernames cannot change later; a pool user with the same address is linked instead.").add()
                .property().name(RealmMirrorSettings.ATTRIBUTES).label("Mirrored attributes").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(RealmMirrorSettings.OPTIONAL_ATTRIBUTES).defaultValue(String.join("##", RealmMirrorSettings.OPTIONAL_ATTRIBUTES))
                .helpText("Mirrored besides the email address (always mirrored, as verified).").add()
                .build();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
