package io.emailcode.keycloak.spi.realm;

import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.RealmOptions;
import io.emailcode.keycloak.spi.ProviderIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Realm settings as versions before realm-level settings kept them: on the "Email code" step of the realm's
 * browser flow. Found here once to migrate them into realm attributes, and read until then.
 */
public final class LegacyStepSettings {

    private static final Logger LOG = Logger.getLogger(LegacyStepSettings.class);
    private static final int MAX_DEPTH = 5;
    private static final List<String> KEYS = RealmOptions.ALL.stream().map(Option::key).toList();

    private LegacyStepSettings() {
    }

    /** The realm-level keys saved on the browser flow's step; empty when there are none. */
    static Map<String, String> realmSettings(RealmModel realm) {
        if (realm.getBrowserFlow() == null) {
            return Map.of();
        }
        return stepConfig(realm, realm.getBrowserFlow().getId(), 0)
                .map(config -> realmKeys(config.getConfig()))
                .orElse(Map.of());
    }

    /**
     * Moves the settings into realm attributes (unless the realm already has its own) and removes the
     * realm-level keys from every "Email code" step, so a step's settings never again hold them.
     */
    public static void migrate(RealmModel realm) {
        Map<String, String> legacy = realmSettings(realm);
        if (!legacy.isEmpty() && RealmSettingsStore.saved(realm).isEmpty()) {
            RealmSettingsStore.write(realm, legacy);
            LOG.infof("Moved the Cognito mirror settings of realm %s from its browser flow's Email code step to "
                    + "realm-level settings", realm.getName());
        }
        realm.getAuthenticatorConfigsStream()
                .filter(config -> config.getConfig() != null && !realmKeys(config.getConfig()).isEmpty())
                .toList()
                .forEach(config -> {
                    Map<String, String> stepOnly = new HashMap<>(config.getConfig());
                    stepOnly.keySet().removeAll(KEYS);
                    config.setConfig(stepOnly);
                    realm.updateAuthenticatorConfig(config);
                });
    }

    private static Map<String, String> realmKeys(Map<String, String> config) {
        Map<String, String> found = new HashMap<>();
        if (config != null) {
            KEYS.stream().filter(config::containsKey).forEach(key -> found.put(key, config.get(key)));
        }
        return found;
    }

    private static Optional<AuthenticatorConfigModel> stepConfig(RealmModel realm, String flowId, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .map(e -> {
                    if (e.isAuthenticatorFlow()) {
                        return stepConfig(realm, e.getFlowId(), depth + 1);
                    }
                    if (ProviderIds.EMAIL_CODE_STEP.equals(e.getAuthenticator()) && e.getAuthenticatorConfig() != null) {
                        return Optional.ofNullable(realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()));
                    }
                    return Optional.<AuthenticatorConfigModel>empty();
                })
                .flatMap(Optional::stream)
                .findFirst();
    }
}
