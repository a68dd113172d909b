package io.emailcode.keycloak.email;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.ServerOptions;
import java.util.Optional;

/** Server options of the SES email sender ({@code --spi-email-sender--ses--<option>}). */
public record SesSettings(Optional<String> configurationSet, AwsClientSettings client) {

    public static final String OPTION_PREFIX = "spi-email-sender--ses--";

    public static SesSettings from(ServerOptions options) {
        return new SesSettings(options.text("configuration-set"), AwsClientSettings.from(options));
    }
}
