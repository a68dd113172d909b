package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.settings.IntOption;
import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.spi.ProviderIds;
import java.time.Duration;
import java.util.List;

/**
 * When a code's email task starts after the request that handed it over ({@code --spi-authenticator--email-code--*}):
 * at a random point between {@code min} and {@code max}, so the work of resolving the address and sending lands
 * neither on that request nor, at the defaults, on the requests right after it. A shorter range gets emails out
 * sooner and spreads that work over fewer requests.
 */
record SendDelaySettings(Duration min, Duration max) {

    static final String OPTION_PREFIX = "spi-authenticator--" + ProviderIds.EMAIL_CODE_STEP + "--";
    static final IntOption MIN_MS = IntOption.range("send-delay-min-ms", "send-delay-min-ms",
            "Shortest delay, in milliseconds, between a request for a code and the start of its email task.", 50, 0, 60_000);
    static final IntOption MAX_MS = IntOption.range("send-delay-max-ms", "send-delay-max-ms",
            "Longest delay, in milliseconds, between a request for a code and the start of its email task; greater than "
                    + "the shortest.", 1_000, 1, 60_000);

    SendDelaySettings {
        if (min.isNegative() || max.compareTo(min) <= 0) {
            throw new IllegalArgumentException("the longest send delay must be greater than the shortest, got " + min.toMillis()
                    + " and " + max.toMillis() + " ms");
        }
    }

    static List<Option<?>> options() {
        return List.of(MIN_MS, MAX_MS);
    }

    static SendDelaySettings from(ServerOptions options) {
        int min = options.get(MIN_MS);
        int max = options.get(MAX_MS);
        if (max <= min) {
            throw new IllegalArgumentException("Option " + options.describe(MAX_MS) + " (" + max + ") must be greater than "
                    + options.describe(MIN_MS) + " (" + min + ")");
        }
        return new SendDelaySettings(Duration.ofMillis(min), Duration.ofMillis(max));
    }
}
