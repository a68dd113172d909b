package io.emailcode.keycloak.spi.realm;

import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.Parsed;
import io.emailcode.keycloak.settings.RealmOptions;
import io.emailcode.keycloak.settings.RealmSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/**
 * The one place a realm's settings are read and written: the Cognito bridge's in the realm's "Amazon Cognito" user
 * federation provider ({@link BridgeComponent}), the limits as realm attributes named {@code emailCode.<key>}
 * (Keycloak caches realms and their components, so reading is cheap). The sign-in step, the event listener, the
 * retry task, the admin endpoints and the provider's form all read through here, so they can never disagree.
 */
public final class RealmSettingsStore {

    static final String ATTRIBUTE_PREFIX = "emailCode.";
    private static final Logger LOG = Logger.getLogger(RealmSettingsStore.class);
    private static final Set<String> KEYS = keys(RealmOptions.ALL);
    private static final Set<String> MIRROR_KEYS = keys(RealmOptions.MIRROR);
    private static final Set<String> LIMIT_KEYS = keys(RealmOptions.LIMITS);

    private RealmSettingsStore() {
    }

    /** The realm's settings and what is wrong with them (a hand-edited attribute). */
    public static Parsed<RealmSettings> read(RealmModel realm) {
        Map<String, String> saved = saved(realm);
        BridgeComponent.find(realm).ifPresent(bridge -> mirrorOnlyIfEnabled(bridge, saved));
        return RealmOptions.read(saved);
    }

    /**
     * For work that must never fail because of a setting (events, retries): invalid settings count as the
     * defaults, in which the mirror is off, and are logged.
     */
    public static RealmSettings readOrDefaults(RealmModel realm) {
        Parsed<RealmSettings> parsed = read(realm);
        if (!parsed.valid()) {
            LOG.warnf("Realm %s has invalid email-code settings, using the defaults: %s", realm.getName(),
                    String.join("; ", parsed.problems()));
            return RealmSettings.DEFAULTS;
        }
        return parsed.value();
    }

    /** What was saved, by key; keys without a saved value are absent. */
    public static Map<String, String> saved(RealmModel realm) {
        Map<String, String> saved = new HashMap<>(savedLimits(realm));
        BridgeComponent.find(realm).ifPresent(component -> saved.putAll(BridgeComponent.saved(component)));
        return saved;
    }

    /** Checks the settings a Cognito provider's form is about to save, with the realm's limits, before anything is stored. */
    public static Parsed<RealmSettings> readWithBridge(RealmModel realm, ComponentModel bridge) {
        Map<String, String> saved = new HashMap<>(savedLimits(realm));
        saved.putAll(BridgeComponent.saved(bridge));
        return RealmOptions.read(saved);
    }

    /** A provider switched off in the console mirrors nothing, whatever its mode says. */
    private static void mirrorOnlyIfEnabled(ComponentModel bridge, Map<String, String> saved) {
        if (!BridgeComponent.enabled(bridge)) {
            saved.put(RealmOptions.MIRROR_MODE.key(), RealmOptions.MIRROR_MODE.format(MirrorSettings.Mode.OFF));
        }
    }

    private static Map<String, String> savedLimits(RealmModel realm) {
        Map<String, String> saved = new HashMap<>();
        realm.getAttributes().forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE_PREFIX) && LIMIT_KEYS.contains(name.substring(ATTRIBUTE_PREFIX.length()))) {
                saved.put(name.substring(ATTRIBUTE_PREFIX.length()), value);
            }
        });
        return saved;
    }

    /**
     * Applies an administrator's changes if the result is valid; a blank value removes a setting, so its default
     * applies again.
     *
     * @return what is wrong with the changes; empty when they were stored
     */
    public static List<String> update(RealmModel realm, Map<String, String> changes) {
        List<String> problems = new ArrayList<>();
        changes.keySet().stream().filter(key -> !KEYS.contains(key)).sorted()
                .forEach(key -> problems.add(key + " is not a realm setting; known: " + String.join(", ", KEYS.stream().sorted().toList())));
        Map<String, String> merged = new HashMap<>(saved(realm));
        merged.putAll(changes);
        problems.addAll(RealmOptions.read(merged).problems());
        if (problems.isEmpty()) {
            write(realm, changes);
        }
        return problems;
    }

    /** Every realm setting as stored, or its default in stored form when nothing was saved. */
    public static Map<String, String> effective(RealmModel realm) {
        Map<String, String> saved = saved(realm);
        Map<String, String> values = new LinkedHashMap<>();
        RealmOptions.ALL.forEach(option -> values.put(option.key(), saved.getOrDefault(option.key(), defaultText(option))));
        return values;
    }

    private static <T> String defaultText(Option<T> option) {
        return option.format(option.defaultValue());
    }

    /** Stores already validated values; a blank value removes the setting, so its default applies again. */
    static void write(RealmModel realm, Map<String, String> values) {
        Map<String, String> bridge = new HashMap<>();
        values.forEach((key, value) -> {
            if (MIRROR_KEYS.contains(key)) {
                bridge.put(key, value);
            } else if (value == null || value.isBlank()) {
                realm.removeAttribute(ATTRIBUTE_PREFIX + key);
            } else {
                realm.setAttribute(ATTRIBUTE_PREFIX + key, value);
            }
        });
        if (!bridge.isEmpty()) {
            BridgeComponent.write(realm, bridge);
        }
    }

    private static Set<String> keys(List<Option<?>> options) {
        return options.stream().map(Option::key).collect(Collectors.toUnmodifiableSet());
    }
}
