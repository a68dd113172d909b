package io.emailcode.keycloak.email;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.EmailSenderProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.emailcode.keycloak.aws.AwsClientOptions;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.aws.ServerOptions;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * Registers the SES email sender as provider {@value #PROVIDER_ID} of Keycloak's {@code email-sender} SPI.
 * Options are read in {@link #init}, so a bad option stops the server with a message naming it instead of failing
 * the first sign-in. The SES client is built once in {@link #postInit}, which runs only in a live server (not
 * while {@code kc.sh build} augments), and closed with the server.
 */
public class SesEmailSenderProviderFactory implements EmailSenderProviderFactory {

    public static final String PROVIDER_ID = "ses";

    // Set once by init()/postInit() and cleared by close(): Keycloak's factory lifecycle leaves no room for final fields.
    private SesSenderSettings settings;
    private SesClient client;
    private SesEmailGateway gateway;

    @Override
    public void init(Config.Scope config) {
        settings = SesSenderSettings.from(new ServerOptions(SesSenderSettings.OPTION_PREFIX, config::get));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        try {
            client = AwsClients.build(SesClient.builder(), settings.client());
        } catch (SdkClientException e) {
            // Typically no region anywhere in the SDK's chain; the SDK's text says which sources it tried.
            throw new IllegalStateException("Could not build the SES client (set --" + SesSenderSettings.OPTION_PREFIX
                    + "region or AWS_REGION): " + e.getMessage(), e);
        }
        gateway = new SesEmailGateway(client, settings.configurationSet());
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
        if (client != null) {
            client.close();
            client = null;
            gateway = null;
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return AwsClientOptions.describe(ProviderConfigurationBuilder.create(), "SES", "http://localhost:8005")
                .property().name(SesSenderSettings.CONFIGURATION_SET).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("SES configuration set applied to every email (event publishing, dedicated IPs). Default: none.").add()
                .build();
    }
}
