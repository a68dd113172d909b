package io.emailcode.keycloak.spi.email;

import io.emailcode.keycloak.aws.ses.SesEmailGateway;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.spi.AwsCallMetrics;
import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.ProviderProperties;
import io.emailcode.keycloak.spi.ReadyWhenRehearsed;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.EmailSenderProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Registers the SES email sender as provider {@code ses} of Keycloak's {@code email-sender} SPI.
 * Options are read in {@link #init}, so a bad option stops the server with a message naming it instead of failing
 * the first sign-in. The SES client is built once in {@link #postInit}, which runs only in a live server (not
 * while {@code kc.sh build} augments), and closed with the server; there, too, an email's sending is rehearsed on
 * loopback beside the rest of the start (which ends when it does), so the first code emails after a start do not load
 * and compile the SDK's code.
 */
public class SesEmailSenderProviderFactory implements EmailSenderProviderFactory {

    // Set once by init()/postInit() and cleared by close(): Keycloak's factory lifecycle leaves no room for final fields.
    private SesSenderSettings settings;
    private SesEmailGateway gateway;

    @Override
    public void init(Config.Scope config) {
        settings = SesSenderSettings.from(new ServerOptions(SesSenderSettings.OPTION_PREFIX, config::get));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        try {
            gateway = SesEmailGateway.connect(settings.client(), settings.configurationSet(), AwsCallMetrics.createIfAvailable());
        } catch (RuntimeException e) {
            // Typically no region anywhere in the SDK's chain; the SDK's text says which sources it tried.
            throw new IllegalStateException("Could not build the SES client (set --" + SesSenderSettings.OPTION_PREFIX
                    + "region or AWS_REGION): " + e.getMessage(), e);
        }
        ReadyWhenRehearsed.start(factory, "SES email sender", settings.rehearsal(), () -> SesEmailGateway.rehearse(
                settings.client(), settings.rehearsal(), settings.configurationSet(), EmailRehearsal::new));
    }

    @Override
    public EmailSenderProvider create(KeycloakSession session) {
        if (gateway == null) {
            throw new IllegalStateException("The SES email sender was not initialised");
        }
        return new SesEmailSenderProvider(gateway);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    @Override
    public String getId() {
        return ProviderIds.SES_SENDER;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderProperties.of(SesSenderSettings.options());
    }
}
