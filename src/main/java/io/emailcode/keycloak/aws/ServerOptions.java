package io.emailcode.keycloak.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of one provider's server options ({@code --spi-<spi>--<provider>--<option>}).
 * A present but malformed value fails server start with a message naming the option.
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

    public Optional<String> text(String name) {
        return Optional.ofNullable(source.apply(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String text(String name, String fallback) {
        return text(name).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return text(name).map(v -> parse(name, v)).orElse(fallback);
    }

    public Duration millis(String name, Duration fallback) {
        return text(name).map(v -> Duration.ofMillis(parse(name, v))).orElse(fallback);
    }

    public boolean flag(String name, boolean fallback) {
        return text(name).map(v -> switch (v.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, v, "true or false");
        }).orElse(fallback);
    }

    private int parse(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a whole number");
        }
    }

    private IllegalArgumentException invalid(String name, String value, String expected) {
        return new IllegalArgumentException("Option --" + prefix + name + " must be " + expected + ", got: " + value);
    }

    public String describe(String name) {
        return "--" + prefix + name;
    }
}
