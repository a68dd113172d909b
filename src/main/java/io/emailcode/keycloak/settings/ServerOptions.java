package io.emailcode.keycloak.settings;

import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of one provider's server options ({@code --spi-<spi>--<provider>--<option>}), parsed once at start.
 * A present but malformed value fails server start with a message naming the option as operators type it.
 */
public final class ServerOptions {

    private final String prefix;
    private final Function<String, String> source;

    /**
     * @param prefix how the options are spelled for operators, used in messages, e.g. {@code spi-email-sender--ses--}
     * @param source raw lookup by option name (Keycloak's {@code Config.Scope::get})
     */
    public ServerOptions(String prefix, Function<String, String> source) {
        this.prefix = prefix;
        this.source = source;
    }

    /** The option's value, or its default when it is not set. */
    public <T> T get(Option<T> option) {
        return find(option).orElse(option.defaultValue());
    }

    /** The option's value, empty when it is not set and has no default. */
    public <T> Optional<T> find(Option<T> option) {
        String raw = source.apply(option.key());
        if (raw == null || raw.isBlank()) {
            return Optional.ofNullable(option.defaultValue());
        }
        try {
            return Optional.of(option.parse(raw.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option --" + prefix + option.key() + " must be " + option.allowed() + ", got: " + raw.trim(), e);
        }
    }

    /** The option as operators type it, e.g. {@code --spi-email-sender--ses--region}. */
    public String describe(Option<?> option) {
        return "--" + prefix + option.key();
    }
}
