package io.emailcode.keycloak.spi.email;

import io.emailcode.keycloak.aws.AwsClientOptions;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.Rehearsal;
import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.settings.TextOption;
import io.emailcode.keycloak.spi.ProviderIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Server options of the SES email sender ({@code --spi-email-sender--ses--*}), parsed once at server start.
 *
 * @param client           region, endpoint, timeouts and attempts of the SES client
 * @param configurationSet SES configuration set applied to every send (event publishing, IP pools), if any
 * @param rehearsal        how long a code email's sending is rehearsed at start after a first round; zero: not at all
 */
public record SesSenderSettings(AwsClientSettings client, Optional<String> configurationSet, Duration rehearsal) {

    public static final String OPTION_PREFIX = "spi-email-sender--" + ProviderIds.SES_SENDER + "--";
    static final AwsClientOptions CLIENT = new AwsClientOptions("SES", "http://localhost:8005");
    // SES's own rule for configuration set names.
    private static final Pattern CONFIGURATION_SET_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final TextOption CONFIGURATION_SET = TextOption.checked("configuration-set",
            "SES configuration set applied to every email (event publishing, dedicated IPs). Default: none.", null,
            name -> CONFIGURATION_SET_NAME.matcher(name).matches(), "1-64 letters, digits, '_' or '-'");

    public SesSenderSettings {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(configurationSet, "configurationSet");
        Objects.requireNonNull(rehearsal, "rehearsal");
    }

    static List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(CLIENT.all());
        options.add(CONFIGURATION_SET);
        options.add(Rehearsal.SECONDS);
        return options;
    }

    public static SesSenderSettings from(ServerOptions options) {
        return new SesSenderSettings(CLIENT.read(options), options.find(CONFIGURATION_SET),
                Duration.ofSeconds(options.get(Rehearsal.SECONDS)));
    }
}
