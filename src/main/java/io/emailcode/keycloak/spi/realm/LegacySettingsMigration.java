package io.emailcode.keycloak.spi.realm;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Once the server has started (realm imports included), moves realm-level settings that older versions kept on
 * flow steps into realm attributes, in every realm. Idempotent: a realm already migrated is left as it is.
 */
public final class LegacySettingsMigration implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(LegacySettingsMigration.class);
    private final KeycloakSessionFactory factory;

    public LegacySettingsMigration(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (!(event instanceof PostMigrationEvent)) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session ->
                    session.realms().getRealmsStream().forEach(LegacyStepSettings::migrate));
        } catch (RuntimeException e) {
            // Not fatal: until migrated, the settings are still read from the step.
            LOG.warnf("Could not move realm-level email-code settings off flow steps: %s", e.getClass().getSimpleName());
        }
    }
}
