package io.emailcode.keycloak.spi.realm;

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
import org.keycloak.models.RealmModel;

/**
 * The one place a realm's settings are read and written: realm attributes named {@code emailCode.<key>}
 * (Keycloak caches realms, so reading is cheap). The sign-in step, the event listener, the retry task and the
 * admin endpoints all read through here, so they can never disagree.
 */
public final class RealmSettingsStore {

    static final String ATTRIBUTE_PREFIX = "emailCode.";
    private static final Logger LOG = Logger.getLogger(RealmSettingsStore.class);
    private static final Set<String> KEYS = RealmOptions.ALL.stream().map(Option::key).collect(Collectors.toUnmodifiableSet());

    private RealmSettingsStore() {
    }

    /** The realm's settings and what is wrong with them (a hand-edited attribute). */
    public static Parsed<RealmSettings> read(RealmModel realm) {
        return RealmOptions.read(saved(realm));
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
        Map<String, String> saved = new HashMap<>();
        realm.getAttributes().forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE_PREFIX) && KEYS.contains(name.substring(ATTRIBUTE_PREFIX.length()))) {
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
        values.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                realm.removeAttribute(ATTRIBUTE_PREFIX + key);
            } else {
                realm.setAttribute(ATTRIBUTE_PREFIX + key, value);
            }
        });
    }
}
