package io.emailcode.keycloak.spi.realm;

import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.RealmOptions;
import io.emailcode.keycloak.spi.ProviderIds;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.storage.UserStorageProvider;

/**
 * The realm's "Amazon Cognito" user federation provider: the one home of the Cognito bridge's settings, which the
 * admin console's form, the admin REST endpoint, {@code kcadm.sh} and the realm export all read and write. Its
 * config keys are the settings' keys, but for the drift repair's schedule, which is Keycloak's own Periodic full sync
 * of the provider; a multi-valued setting is stored as Keycloak stores a multi-valued list.
 */
public final class BridgeComponent {

    /** The name a component created through the REST endpoint gets; administrators may rename it. */
    static final String DEFAULT_NAME = "Amazon Cognito";
    private static final String LIST_DELIMITER = "##";
    /** Keycloak's own switch of a federation provider: a disabled provider mirrors nothing. */
    private static final String ENABLED = "enabled";

    /**
     * Settings that are fields of Keycloak's own in the provider's form, by the config key Keycloak keeps them under
     * (UserStorageProviderModel's, whose timer reads it).
     */
    private static final Map<String, String> KEYCLOAK_FIELDS = Map.of(
            RealmOptions.MIRROR_REPAIR_EVERY.key(), "fullSyncPeriod");
    /** The settings the provider's form offers itself: the rest are Keycloak's own fields of every federation provider. */
    public static final List<Option<?>> FORM = RealmOptions.MIRROR.stream()
            .filter(option -> !KEYCLOAK_FIELDS.containsKey(option.key())).toList();

    private BridgeComponent() {
    }

    /** The realm's provider; with several (only possible through a hand-edited import), the first by id. */
    public static Optional<ComponentModel> find(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(component -> ProviderIds.COGNITO_FEDERATION.equals(component.getProviderId()))
                .sorted(java.util.Comparator.comparing(ComponentModel::getId))
                .findFirst();
    }

    /** The bridge's settings as saved in {@code component}, by key; keys without a saved value are absent. */
    public static Map<String, String> saved(ComponentModel component) {
        Map<String, String> saved = new HashMap<>();
        for (Option<?> option : RealmOptions.MIRROR) {
            List<String> values = component.getConfig().getOrDefault(configKey(option.key()), List.of());
            if (!values.isEmpty()) {
                saved.put(option.key(), String.join(LIST_DELIMITER, inChoiceOrder(option, values)));
            }
        }
        return saved;
    }

    /**
     * Keycloak stores each value of a multi-valued setting as a row of its own and reads them back in no particular
     * order, which changes with every save; read in the order of the setting's choices, every node and every read
     * agrees on what was saved. Values that are no choice come last, for the validation to name.
     */
    private static List<String> inChoiceOrder(Option<?> option, List<String> values) {
        List<String> choices = option.choices();
        return values.stream().sorted(Comparator.comparingInt(value -> choices.contains(value) ? choices.indexOf(value)
                : choices.size())).toList();
    }

    /** Whether Keycloak's own switch of the provider is on (an absent switch is on, as Keycloak reads it). */
    public static boolean enabled(ComponentModel component) {
        String enabled = component.get(ENABLED);
        return enabled == null || Boolean.parseBoolean(enabled);
    }

    /** Stores already validated values in the realm's provider, creating it if the realm has none. */
    static void write(RealmModel realm, Map<String, String> values) {
        Optional<ComponentModel> existing = find(realm);
        ComponentModel component = existing.orElseGet(() -> newComponent(realm));
        values.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                component.getConfig().remove(configKey(key));
            } else {
                component.getConfig().put(configKey(key), List.of(value.split(LIST_DELIMITER)));
            }
        });
        if (existing.isPresent()) {
            realm.updateComponent(component);
        } else {
            realm.addComponentModel(component);
        }
    }

    private static String configKey(String settingKey) {
        return KEYCLOAK_FIELDS.getOrDefault(settingKey, settingKey);
    }

    private static ComponentModel newComponent(RealmModel realm) {
        ComponentModel component = new ComponentModel();
        component.setName(DEFAULT_NAME);
        component.setParentId(realm.getId());
        component.setProviderId(ProviderIds.COGNITO_FEDERATION);
        component.setProviderType(UserStorageProvider.class.getName());
        component.put(ENABLED, true);
        return component;
    }
}
