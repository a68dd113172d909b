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

    public static List<ProviderConfigProperty> of(List<? extends Option<?>> options) {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        options.forEach(option -> add(builder, option));
        return builder.build();
    }

    private static <T> void add(ProviderConfigurationBuilder builder, Option<T> option) {
        ProviderConfigurationBuilder.ProviderConfigPropertyBuilder property = builder.property()
                .name(option.key()).label(option.label()).helpText(option.help()).type(type(option.widget()));
        if (!option.choices().isEmpty()) {
            property.options(option.choices());
        }
        T fallback = option.defaultValue();
        if (fallback != null) {
            // The console wants booleans and free-entry numbers typed, list entries as the text they are stored as.
            boolean typed = option.widget() == Option.Widget.BOOLEAN || option.widget() == Option.Widget.INTEGER;
            property.defaultValue(typed ? fallback : option.format(fallback));
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
