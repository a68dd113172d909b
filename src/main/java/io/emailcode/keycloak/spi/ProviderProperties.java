package io.emailcode.keycloak.spi;

import io.emailcode.keycloak.settings.Option;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Keycloak's view of our option descriptors: the admin console's step settings and the server options'
 * metadata are both built here from the same {@link Option}s the parsers read.
 */
public final class ProviderProperties {

    private ProviderProperties() {
    }

    /** For a flow step's settings and the server options: a multi-valued default joined as the step stores it. */
    public static List<ProviderConfigProperty> of(List<? extends Option<?>> options) {
        return build(options, false);
    }

    /**
     * For a component's form (User federation): the console can preset one entry of a multi-valued list only, so such
     * a list starts empty and its help says what empty means (the option's default).
     */
    public static List<ProviderConfigProperty> ofComponent(List<? extends Option<?>> options) {
        return build(options, true);
    }

    private static List<ProviderConfigProperty> build(List<? extends Option<?>> options, boolean component) {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        options.forEach(option -> add(builder, option, component));
        return builder.build();
    }

    private static <T> void add(ProviderConfigurationBuilder builder, Option<T> option, boolean component) {
        ProviderConfigurationBuilder.ProviderConfigPropertyBuilder property = builder.property()
                .name(option.key()).label(option.label()).helpText(option.help()).type(type(option.widget()));
        if (!option.choices().isEmpty()) {
            property.options(option.choices());
        }
        T fallback = option.defaultValue();
        if (fallback != null) {
            // The console wants booleans and free-entry numbers typed, list entries as the text they are stored as.
            boolean typed = option.widget() == Option.Widget.BOOLEAN || option.widget() == Option.Widget.INTEGER;
            if (!(component && option.widget() == Option.Widget.MULTIVALUED_LIST)) {
                property.defaultValue(typed ? fallback : option.format(fallback));
            }
        }
        property.add();
    }

    private static String type(Option.Widget widget) {
        return switch (widget) {
            case TEXT -> ProviderConfigProperty.STRING_TYPE;
            case INTEGER -> ProviderConfigProperty.INTEGER_TYPE;
            case BOOLEAN -> ProviderConfigProperty.BOOLEAN_TYPE;
            case LIST -> ProviderConfigProperty.LIST_TYPE;
            case MULTIVALUED_LIST -> ProviderConfigProperty.MULTIVALUED_LIST_TYPE;
        };
    }
}
