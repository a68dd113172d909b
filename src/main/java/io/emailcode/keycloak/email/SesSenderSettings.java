package io.emailcode.keycloak.email;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.ServerOptions;

/**
 * Server options of the SES email sender ({@code --spi-email-sender--ses--*}), parsed once at server start.
 *
 * @param client           region, endpoint, timeouts and attempts of the SES client
 * @param configurationSet SES configuration set applied to every send (event publishing, IP pools), if any
 */
public record SesSenderSettings(AwsClientSettings client, Optional<String> configurationSet) {

    public static final String OPTION_PREFIX = "spi-email-sender--ses--";
    public static final String CONFIGURATION_SET = "configuration-set";

    // SES's own rule for configuration set names.
    private static final Pattern CONFIGURATION_SET_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public SesSenderSettings {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(configurationSet, "configurationSet");
    }

    public static SesSenderSettings from(ServerOptions options) {
        Optional<String> configurationSet = options.text(CONFIGURATION_SET);
        configurationSet.filter(name -> !CONFIGURATION_SET_NAME.matcher(name).matches()).ifPresent(name -> {
            throw new IllegalArgumentException("Option " + options.describe(CONFIGURATION_SET)
                    + " must be 1-64 letters, digits, '_' or '-', got: " + name);
        });
        AwsClientSettings client;
        try {
            client = AwsClientSettings.from(options);
        } catch (IllegalArgumentException e) {
            // AwsClientSettings names the option without its prefix; operators type the full spelling.
            throw new IllegalArgumentException("Invalid SES email sender option (--" + OPTION_PREFIX + "*): "
                    + e.getMessage(), e);
        }
        return new SesSenderSettings(client, configurationSet);
    }
}
