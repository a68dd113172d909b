package io.emailcode.keycloak.email;

import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.aws.ServerOptions;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.EmailSenderProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The {@code ses} email sender. Select it with {@code --spi-email-sender--provider=ses}.
 * Options are parsed in {@link #init}; the SES client is built once in {@link #postInit} and closed with the server.
 */
public final class SesEmailSenderProviderFactory implements EmailSenderProviderFactory {

    public static final String PROVIDER_ID = "ses";
    private static final Logger LOG = Logger.getLogger(SesEmailSenderProviderFactory.class);

    private SesSettings settings;
    private software.amazon.awssdk.services.ses.SesClient client;

    @Override
    public void init(Config.Scope config) {
        settings = SesSettings.from(new ServerOptions(SesSettings.OPTION_PREFIX, config::get));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        client = AwsClients.build(software.amazon.awssdk.services.ses.SesClient.builder(), settings.client());
        LOG.infof("Emails are sent through Amazon SES%s", settings.client().endpoint().map(e -> " at " + e).orElse(""));
    }

    @Override
    public EmailSenderProvider create(KeycloakSession session) {
        return new SesEmailSenderProvider(client, settings.configurationSet());
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("configuration-set").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("SES configuration set for sending events (bounces, complaints, deliveries).").add()
                .property().name("region").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("AWS region of SES; defaults to the SDK's region chain.").add()
                .property().name("endpoint").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Endpoint override, e.g. a local SES emulator.").add()
                .property().name("api-call-timeout-ms").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(5000)
                .helpText("Bound on one SES call including retries, in milliseconds.").add()
                .property().name("attempt-timeout-ms").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(2000)
                .helpText("Bound on one HTTP attempt, in milliseconds.").add()
                .property().name("max-attempts").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(3)
                .helpText("Attempts per call including the first; throttling is retried with backoff.").add()
                .build();
    }
}
